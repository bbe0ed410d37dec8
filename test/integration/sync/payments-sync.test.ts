/**
 * QuickBooks payments → HubSpot commerce payments: the payment on its invoice and the invoice's deal,
 * with exact values; R21 (several invoices) excluded with the reason; unapplied money left out and said
 * so; voided and deleted payments take back the HubSpot payment; setup refuses other directions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser, type QboEntity } from '../../helpers/vendor-data.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { paymentsAdapter } from '../../../backend/src/sync/objects/payments/payments-adapter.ts';
import { defaultPaymentMappings, defaultContactMappings, defaultInvoiceMappings } from '@quickbooks-sync/contract/definitions';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import type { ObjectAdapter } from '../../../backend/src/sync/engine/adapter.ts';
import { dealPaymentsResponseSchema } from '@quickbooks-sync/contract';

let nextPortal = 59_500_001;
let nextRealm = 7_950_001;
const INVOICE_TO_DEAL = 175;
const INVOICE_TO_PAYMENT = 541;

type Row = { state: string; reason_code: string | null; message: string | null; hubspot_id: string | null };

describe('payments sync', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account() {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId)).status).toBe(200);
    const put = (objectType: string, direction: string, fieldMappings: unknown) =>
      h.signedFetch(`/api/v1/syncs/${objectType}`, portalId, { method: 'PUT', body: { direction, conflictWinner: 'quickbooks', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options: {} } });
    expect((await put('contacts', 'two_way', defaultContactMappings())).status).toBe(200);
    expect((await put('invoices', 'qbo_to_hubspot', defaultInvoiceMappings())).status).toBe(200);
    const payments = await put('payments', 'qbo_to_hubspot', defaultPaymentMappings());
    expect(payments.status).toBe(200);
    const hs = hubspotUser(h, portalId);
    const qb = await qboUser(h, realmId);
    const account = (await qb.all('Account')).find((a) => a.Name === 'Services')!;
    const item = await qb.create('Item', { Name: 'Service', Type: 'Service', IncomeAccountRef: { value: account.Id } });
    // A tax-exempt (wholesale) customer: these tests are about payments, so invoice totals are their lines.
    const customer = await qb.create('Customer', { DisplayName: `Customer ${portalId}`, PrimaryEmailAddr: { Address: `ap${portalId}@pay.test` }, Taxable: false });
    const invoice = (amount: number) =>
      qb.create('Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }] });
    const pay = (lines: Array<[QboEntity, number]>, extra: Record<string, unknown> = {}) =>
      qb.create('Payment', {
        CustomerRef: { value: customer.Id },
        TotalAmt: lines.reduce((sum, [, amount]) => sum + amount, 0) + Number(extra.unapplied ?? 0),
        Line: lines.map(([inv, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] })),
        ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'unapplied')),
      });
    return { portalId, realmId, hs, qb, invoice, pay };
  }

  async function passOf(portalId: number, adapter: ObjectAdapter) {
    // A person's edit, then "Sync now" later: by then HubSpot's search index has caught up (the lag still hides our own writes within the pass).
    await hubspotUser(h, portalId).searchIndexed();
    const loaded = await loadSession(h.ctx, portalId, adapter.objectType);
    if (!loaded.ok) throw new Error(loaded.reason);
    return runSyncPass(loaded.session, adapter, 'sync_now');
  }
  const pass = (portalId: number) => passOf(portalId, paymentsAdapter);

  const row = (portalId: number, qboId: string) => h.db.db('sync_records').where({ portal_id: portalId, object_type: 'payments', qbo_id: qboId }).first<Row>();
  const associated = (portalId: number, from: 'commerce_payments', id: string, to: 'invoices' | 'deals') => h.hubspot.state.account(portalId)!.associations.list(from, id, to).map((l) => l.toId);

  it('a payment reaches HubSpot on its invoice (synced first) and the invoice’s deal, with the exact values', async () => {
    const a = await account();
    const invoice = await a.invoice(300);
    const payment = await a.pay([[invoice, 300]], { TxnDate: '2026-11-23', PaymentRefNum: 'CHK-1042', PaymentMethodRef: { value: '2', name: 'Check' } });

    // The invoice is synced through the invoices sync on the way; its deal (a person linked it in HubSpot) gets the payment too.
    const first = await pass(a.portalId);
    expect(first.counts).toMatchObject({ created: 1, failed: 0 });
    const [hsPayment, ...others] = await a.hs.all('commerce_payments');
    expect(others).toEqual([]);
    expect(hsPayment!.properties).toMatchObject({
      qbo_payment_id: payment.Id,
      hs_initial_amount: '300',
      hs_initiated_date: '2026-11-23T00:00:00.000Z',
      hs_payment_method: 'check',
      hs_latest_status: 'succeeded',
      hs_reference_number: 'CHK-1042',
    });
    const [hsInvoice] = await a.hs.all('invoices');
    expect(associated(a.portalId, 'commerce_payments', hsPayment!.id, 'invoices')).toEqual([hsInvoice!.id]);
    expect(await row(a.portalId, payment.Id)).toMatchObject({ state: 'synced', hubspot_id: hsPayment!.id });

    // A second payment of an invoice that sits on a deal is associated with that deal as well.
    const deal = await a.hs.create('deals', { dealname: 'Big deal' });
    const second = await a.invoice(50);
    await passOf(a.portalId, invoicesAdapter);
    const hsSecondInvoice = (await a.hs.all('invoices')).find((i) => i.properties.qbo_invoice_id === second.Id)!;
    await a.hs.associate('invoices', hsSecondInvoice.id, 'deals', deal.id, [INVOICE_TO_DEAL]);
    const paid = await a.pay([[second, 50]], { TxnDate: '2026-11-24' });
    await pass(a.portalId);
    const hsSecond = (await a.hs.all('commerce_payments')).find((p) => p.properties.qbo_payment_id === paid.Id)!;
    expect(associated(a.portalId, 'commerce_payments', hsSecond.id, 'deals')).toEqual([deal.id]);

    // The deal card (R30): the deal's invoice with its QuickBooks payment, plus a HubSpot payment still processing (R20).
    const processing = await a.hs.create('commerce_payments', { hs_initial_amount: '5', hs_initiated_date: '2026-11-24', hs_latest_status: 'processing', hs_payment_method: 'ach' });
    await a.hs.associate('invoices', hsSecondInvoice.id, 'commerce_payments', processing.id, [INVOICE_TO_PAYMENT]);
    const card = await h.signedFetch(`/api/v1/deals/${deal.id}/payments`, a.portalId);
    expect(card.status).toBe(200);
    const view = dealPaymentsResponseSchema.parse(await card.json());
    expect(view.totals).toEqual({ paid: 50, open: 0, processing: 5 });
    expect(view.invoices).toEqual([
      expect.objectContaining({
        hubspotInvoiceId: hsSecondInvoice.id,
        qboInvoiceId: second.Id,
        syncState: 'synced',
        total: 50,
        balance: 0,
        status: 'paid',
        qboUrl: `https://sandbox.qbo.intuit.com/app/invoice?txnId=${second.Id}`,
        payments: [
          { source: 'quickbooks', id: paid.Id, amount: 50, date: '2026-11-24', method: 'other', status: 'succeeded', reference: null },
          { source: 'hubspot', id: processing.id, amount: 5, date: '2026-11-24', method: 'ach', status: 'processing', reference: null },
        ],
      }),
    ]);
    // Another account asking for this deal id sees nothing of it; a malformed id is a 404 envelope.
    const other = await account();
    expect(dealPaymentsResponseSchema.parse(await (await h.signedFetch(`/api/v1/deals/${deal.id}/payments`, other.portalId)).json()).invoices).toEqual([]);
    expect((await h.signedFetch('/api/v1/deals/not-a-deal/payments', a.portalId)).status).toBe(404);

    // Passes again: nothing new, nothing duplicated.
    expect((await pass(a.portalId)).counts).toMatchObject({ created: 0, updated: 0 });
    expect(await a.hs.all('commerce_payments')).toHaveLength(3); // two copies of QuickBooks payments, one HubSpot payment
  });

  it('a payment that applies a credit memo records the money received in HubSpot and names the credit; credit alone makes no HubSpot payment', async () => {
    const a = await account();
    const invoice = await a.invoice(100);
    const line = (invoice.Line as Array<Record<string, unknown>>)[0]!;
    const memo = await a.qb.create('CreditMemo', { CustomerRef: invoice.CustomerRef, Line: [{ ...line, Amount: 30, SalesItemLineDetail: { ...(line.SalesItemLineDetail as object), Qty: 1, UnitPrice: 30 } }] });
    const payment = await a.pay([[invoice, 100]], { TotalAmt: 70, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }, { Amount: 30, LinkedTxn: [{ TxnId: memo.Id, TxnType: 'CreditMemo' }] }] });
    await pass(a.portalId);
    const [hsPayment] = await a.hs.all('commerce_payments');
    expect(hsPayment!.properties.hs_initial_amount).toBe('70');
    expect(Object.values(hsPayment!.properties).some((v) => typeof v === 'string' && v.includes(`credit memo #${memo.Id}`))).toBe(true);
    expect(await row(a.portalId, payment.Id)).toMatchObject({ state: 'synced' });
    // The invoice is paid in HubSpot too (its balance is 0 in QuickBooks).
    await passOf(a.portalId, invoicesAdapter);
    expect((await a.hs.all('invoices')).find((i) => i.properties.qbo_invoice_id === invoice.Id)?.properties.hs_invoice_status).toBe('paid');

    const second = await a.invoice(20);
    const memo2 = await a.qb.create('CreditMemo', { CustomerRef: invoice.CustomerRef, Line: [{ ...line, Amount: 20, SalesItemLineDetail: { ...(line.SalesItemLineDetail as object), Qty: 1, UnitPrice: 20 } }] });
    const creditOnly = await a.pay([[second, 20]], { TotalAmt: 0, Line: [{ Amount: 20, LinkedTxn: [{ TxnId: second.Id, TxnType: 'Invoice' }] }, { Amount: 20, LinkedTxn: [{ TxnId: memo2.Id, TxnType: 'CreditMemo' }] }] });
    await pass(a.portalId);
    expect(await row(a.portalId, creditOnly.Id)).toMatchObject({ state: 'excluded', reason_code: 'credit_only' });
    expect(await a.hs.all('commerce_payments')).toHaveLength(1);
  });

  it('R21: a payment applied to several invoices is excluded with the reason; unapplied money is left out and said so', async () => {
    const a = await account();
    const [one, two] = [await a.invoice(100), await a.invoice(200)];
    const split = await a.pay([
      [one, 100],
      [two, 200],
    ]);
    const partly = await a.pay([[await a.invoice(80), 80]], { unapplied: 20 });
    await pass(a.portalId);
    const excluded = (await row(a.portalId, split.Id));
    expect(excluded).toMatchObject({ state: 'excluded', reason_code: 'applied_to_several_invoices', hubspot_id: null });
    expect(excluded.message).toContain('applied to 2 invoices');
    const hsPayments = await a.hs.all('commerce_payments');
    expect(hsPayments.map((p) => [p.properties.qbo_payment_id, p.properties.hs_initial_amount, p.properties.hs_internal_comment])).toEqual([
      [partly.Id, '80', `QuickBooks payment #${partly.Id}: 20.00 not applied to an invoice is not included.`],
    ]);
  });

  it('voided and deleted payments take back the HubSpot payment we created', async () => {
    const a = await account();
    const voided = await a.pay([[await a.invoice(10), 10]]);
    const deleted = await a.pay([[await a.invoice(20), 20]]);
    await pass(a.portalId);
    expect(await a.hs.all('commerce_payments')).toHaveLength(2);

    const v = await a.qb.read('Payment', voided.Id);
    await a.qb.api('POST', '/payment?operation=void', { Id: v.Id, SyncToken: v.SyncToken });
    const d = await a.qb.read('Payment', deleted.Id);
    await a.qb.api('POST', '/payment?operation=delete', { Id: d.Id, SyncToken: d.SyncToken });
    await pass(a.portalId);
    expect(await a.hs.all('commerce_payments')).toEqual([]);
    expect(await row(a.portalId, voided.Id)).toMatchObject({ state: 'excluded', reason_code: 'voided_in_quickbooks' });
    expect(await row(a.portalId, deleted.Id)).toMatchObject({ state: 'excluded', reason_code: 'deleted_in_quickbooks' });
    const activity = await h.db.db('sync_activity').where({ portal_id: a.portalId, object_type: 'payments', action: 'delete' }).count<Array<{ count: string }>>('* as count');
    expect(Number(activity[0]!.count)).toBe(2);
  });

  it('R19/R20 (two-way): a payment collected in HubSpot is recorded in QuickBooks only once it succeeded, for its full amount, no fee expense', async () => {
    const a = await account();
    const services = (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!;
    const put = (objectType: string, direction: string, fieldMappings: unknown, options: Record<string, string> = {}) =>
      h.signedFetch(`/api/v1/syncs/${objectType}`, a.portalId, { method: 'PUT', body: { direction, conflictWinner: 'quickbooks', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options } });
    expect((await put('invoices', 'two_way', defaultInvoiceMappings(), { customLineIncomeAccountId: services.Id })).status).toBe(200);
    expect((await put('payments', 'two_way', defaultPaymentMappings())).status).toBe(200);
    expect((await put('payments', 'hubspot_to_qbo', defaultPaymentMappings())).status).toBe(400);

    const contact = await a.hs.create('contacts', { email: 'payer@hs.test', firstname: 'Pat', lastname: 'Payer' });
    // As in HubSpot: a draft, its contact and line item, then open.
    const invoice = await a.hs.create('invoices', { hs_currency: 'USD', hs_invoice_date: '2026-11-20' });
    await a.hs.associate('invoices', invoice.id, 'contacts', contact.id, [177]);
    const line = await a.hs.create('line_items', { name: 'Consulting', quantity: '1', price: '100' });
    await a.hs.associate('invoices', invoice.id, 'line_items', line.id, [409]);
    await a.hs.update('invoices', invoice.id, { hs_invoice_status: 'open' });
    await passOf(a.portalId, invoicesAdapter);
    const [qbInvoice] = await a.qb.all('Invoice');
    expect(qbInvoice).toMatchObject({ TotalAmt: 100, Balance: 100 });

    // Collected in HubSpot by bank transfer: still processing, with a 3.00 processing fee.
    const payment = await a.hs.create('commerce_payments', { hs_initial_amount: '100', hs_initiated_date: '2026-11-24', hs_latest_status: 'processing', hs_payment_method: 'ach', hs_fees_amount: '3', hs_reference_number: 'ACH-77' });
    await a.hs.associate('invoices', invoice.id, 'commerce_payments', payment.id, [INVOICE_TO_PAYMENT]);
    await pass(a.portalId);
    expect(await a.qb.all('Payment')).toEqual([]);
    expect((await a.qb.read('Invoice', qbInvoice!.Id)).Balance).toBe(100);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'payments', hubspot_id: payment.id }).first()).toMatchObject({ state: 'excluded', reason_code: 'payment_processing' });

    // It succeeds: recorded in QuickBooks for the full 100 (the fee is HubSpot's cost, not an expense we book), invoice paid.
    await a.hs.update('commerce_payments', payment.id, { hs_latest_status: 'succeeded' });
    await pass(a.portalId);
    const [qbPayment, ...more] = await a.qb.all('Payment');
    expect(more).toEqual([]);
    expect(qbPayment).toMatchObject({ TotalAmt: 100, TxnDate: '2026-11-24', PaymentRefNum: 'ACH-77', CustomerRef: qbInvoice!.CustomerRef });
    expect((await a.qb.read('Invoice', qbInvoice!.Id)).Balance).toBe(0);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'payments', hubspot_id: payment.id }).first()).toMatchObject({ state: 'synced', origin: 'hubspot', qbo_id: qbPayment!.Id });

    // Passes again: the QuickBooks payment we recorded is not copied back to HubSpot, nothing duplicates.
    await pass(a.portalId);
    expect(await a.qb.all('Payment')).toHaveLength(1);
    expect(await a.hs.all('commerce_payments')).toHaveLength(1);
  });

});
