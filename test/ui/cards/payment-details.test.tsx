/**
 * The "QuickBooks payment details" deal card (R30), over data the real backend produced: QuickBooks
 * invoices and payments synced by the contacts, invoices and payments syncs, the invoices associated
 * with a deal in HubSpot, plus a HubSpot payment still processing (R20). Its loading, data, empty,
 * needs-reconnect (409 qbo_not_connected) and error states.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, EmptyState, ErrorState, Flex, Link, LoadingSpinner, StatisticsItem, StatusTag, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { routeHubSpotFetch } from '../../helpers/ui-backend.ts';
import { textOf } from '../../helpers/ui-render.ts';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import type { ObjectAdapter } from '../../../backend/src/sync/engine/adapter.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { paymentsAdapter } from '../../../backend/src/sync/objects/payments/payments-adapter.ts';
import { defaultContactMappings, defaultInvoiceMappings, defaultPaymentMappings } from '@quickbooks-sync/contract/definitions';
import { PaymentDetails } from '../../../app/app/cards/PaymentDetails.tsx';

const PORTAL = 66_100_001;
const NOT_CONNECTED = 66_100_002;
const BROKEN = 66_100_003;
const NOT_INSTALLED = 66_100_009;
const INVOICE_TO_DEAL = 175;
const INVOICE_TO_PAYMENT = 541;
const WAIT = { timeoutInMs: 10_000 };

describe('PaymentDetails deal card', () => {
  let h: AppHarness;
  const ids: Record<string, string> = {};

  async function pass(portalId: number, adapter: ObjectAdapter) {
    const loaded = await loadSession(h.ctx, portalId, adapter.objectType);
    if (!loaded.ok) throw new Error(loaded.reason);
    return runSyncPass(loaded.session, adapter, 'sync_now');
  }

  beforeAll(async () => {
    // The passes below run by hand: no webhook deliveries racing them.
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
    for (const [portal, realm] of [[PORTAL, '6610001'], [NOT_CONNECTED, undefined], [BROKEN, '6610003']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      if (realm) expect((await h.connect(portal, realm)).status).toBe(200);
    }
    await setQboConnectionStatus(h.ctx.db, BROKEN, 'needs_reconnect', 'QuickBooks refused the refresh token.');

    for (const [objectType, direction, fieldMappings] of [
      ['contacts', 'two_way', defaultContactMappings()],
      ['invoices', 'qbo_to_hubspot', defaultInvoiceMappings()],
      ['payments', 'qbo_to_hubspot', defaultPaymentMappings()],
    ] as const) {
      const res = await h.signedFetch(`/api/v1/syncs/${objectType}`, PORTAL, {
        method: 'PUT',
        body: { direction, conflictWinner: 'quickbooks', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options: {} },
      });
      expect(res.status).toBe(200);
    }
    const hs = hubspotUser(h, PORTAL);
    const qb = await qboUser(h, '6610001');
    const income = (await qb.all('Account')).find((a) => a.Name === 'Services')!;
    const item = await qb.create('Item', { Name: 'Consulting', Type: 'Service', IncomeAccountRef: { value: income.Id } });
    // Tax-exempt, so the card's figures are the lines' (automated sales tax is on by default).
    const customer = await qb.create('Customer', { DisplayName: 'Dora Deals', PrimaryEmailAddr: { Address: 'dora@deals.test' }, Taxable: false });
    const invoice = (amount: number, extra: Record<string, unknown> = {}) =>
      qb.create('Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } }], ...extra });
    const partlyPaid = await invoice(300, { DocNumber: 'INV-1001', DueDate: '2026-12-31' });
    const fullyPaid = await invoice(50);
    await pass(PORTAL, invoicesAdapter);

    const deal = await hs.create('deals', { dealname: 'Anvil order' });
    const emptyDeal = await hs.create('deals', { dealname: 'No invoices yet' });
    const hsInvoices = await hs.all('invoices');
    const hsInvoiceOf = (qboId: string) => hsInvoices.find((i) => i.properties.qbo_invoice_id === qboId)!;
    for (const qboInvoice of [partlyPaid, fullyPaid]) await hs.associate('invoices', hsInvoiceOf(qboInvoice.Id).id, 'deals', deal.id, [INVOICE_TO_DEAL]);

    const pay = (inv: { Id: string }, amount: number, extra: Record<string, unknown>) =>
      qb.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }], ...extra });
    const byCheck = await pay(partlyPaid, 120, { TxnDate: '2026-11-20', PaymentRefNum: 'CHK-7', PaymentMethodRef: { value: '2', name: 'Check' } });
    const second = await pay(fullyPaid, 50, { TxnDate: '2026-11-21' });
    expect((await pass(PORTAL, paymentsAdapter)).counts).toMatchObject({ created: 2, failed: 0 });
    // Collected in HubSpot by bank transfer and still processing (R20): shown, counted apart from paid.
    const processing = await hs.create('commerce_payments', { hs_initial_amount: '30', hs_initiated_date: '2026-11-22', hs_latest_status: 'processing', hs_payment_method: 'ach' });
    await hs.associate('invoices', hsInvoiceOf(partlyPaid.Id).id, 'commerce_payments', processing.id, [INVOICE_TO_PAYMENT]);

    Object.assign(ids, {
      deal: deal.id,
      emptyDeal: emptyDeal.id,
      partlyPaid: hsInvoiceOf(partlyPaid.Id).id,
      fullyPaid: hsInvoiceOf(fullyPaid.Id).id,
      qboPartlyPaid: partlyPaid.Id,
      byCheck: byCheck.Id,
      second: second.Id,
      processing: processing.id,
    });
  }, 90_000);
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  function renderCard(portalId: number, dealId: string) {
    const backend = routeHubSpotFetch(h);
    const r = createRenderer('crm.record.tab');
    r.mocks.context.portal.id = portalId;
    r.mocks.context.crm.objectTypeId = '0-3';
    r.mocks.context.crm.objectId = Number(dealId);
    r.render(<PaymentDetails />);
    return { r, backend };
  }

  it('loading first, then the totals paid / open / processing and each invoice with its payments', async () => {
    const { r, backend } = renderCard(PORTAL, ids.deal!);
    expect(r.findByTestId(LoadingSpinner, 'loading')).toBeTruthy();
    await r.waitFor(() => expect(r.findByTestId(StatisticsItem, 'total-paid').props.number).toBe('170.00 USD'), WAIT);
    expect(r.findByTestId(StatisticsItem, 'total-open').props.number).toBe('180.00 USD');
    expect(r.findByTestId(StatisticsItem, 'total-processing').props.number).toBe('30.00 USD');
    expect(backend.callsTo('GET', `/deals/${ids.deal}/payments`)).toMatchObject([{ status: 200 }]);

    const partly = ids.partlyPaid!;
    expect(textOf(r.findByTestId(Text, `amounts-${partly}`))).toBe('Total 300.00 USD · Balance 180.00 USD · Due 2026-12-31');
    expect(r.findByTestId(StatusTag, `status-${partly}`).text).toBe('Open');
    expect(r.findByTestId(StatusTag, `sync-${partly}`).text).toBe('Synced');
    expect(r.findByTestId(Link, `qbo-link-${partly}`).props.href).toEqual({ url: `https://sandbox.qbo.intuit.com/app/invoice?txnId=${ids.qboPartlyPaid}`, external: true });
    expect(textOf(r.findByTestId(Flex, `invoice-${partly}`))).toContain('Invoice INV-1001');
    expect(textOf(r.findByTestId(TableRow, `payment-quickbooks-${ids.byCheck}`))).toBe(`120.00 USD 2026-11-20 Check Succeeded Payment #${ids.byCheck} · Ref CHK-7`);
    expect(textOf(r.findByTestId(TableRow, `payment-hubspot-${ids.processing}`))).toBe('30.00 USD 2026-11-22 Bank transfer (ACH) Processing Collected in HubSpot');
    // Our own HubSpot copies of the QuickBooks payments are not listed a second time.
    expect(r.findAll(TableRow).length).toBe(2 + 1 + 2); // two header rows, three payment rows

    const full = ids.fullyPaid!;
    expect(r.findByTestId(StatusTag, `status-${full}`).text).toBe('Paid');
    expect(textOf(r.findByTestId(TableRow, `payment-quickbooks-${ids.second}`))).toBe(`50.00 USD 2026-11-21 Other Succeeded Payment #${ids.second}`);
  });

  it('a deal without invoices says so', async () => {
    const { r } = renderCard(PORTAL, ids.emptyDeal!);
    await r.waitFor(() => expect(r.findByTestId(EmptyState, 'no-invoices').props.title).toBe('No invoices on this deal'), WAIT);
  });

  it('QuickBooks not connected or needing a reconnect: the backend answers 409 and the card offers to reconnect', async () => {
    for (const portal of [NOT_CONNECTED, BROKEN]) {
      const { r, backend } = renderCard(portal, ids.deal!);
      await r.waitFor(() => expect(textOf(r.findByTestId(Alert, 'needs-reconnect'))).toContain('QuickBooks is not connected'), WAIT);
      expect(backend.callsTo('GET', `/deals/${ids.deal}/payments`)).toMatchObject([{ status: 409 }]);
      vi.restoreAllMocks();
    }
  });

  it('a backend error shows its message and a retry', async () => {
    const { r } = renderCard(NOT_INSTALLED, ids.deal!);
    await r.waitFor(() => expect(textOf(r.find(ErrorState))).toContain('The app is not installed in this HubSpot account.'), WAIT);
  });
});
