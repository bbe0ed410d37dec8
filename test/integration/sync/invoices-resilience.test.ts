/**
 * Invoices and payments end to end through webhooks, with the worker running: QuickBooks invoices and
 * payments arriving under duplicated and reordered webhooks and 5xx faults on both sides reach HubSpot
 * exactly once each — invoice, line items, contact, payment — whatever order the jobs run in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser, type QboEntity } from '../../helpers/vendor-data.ts';
import { quiet, settled } from '../../helpers/sync-state.ts';
import { defaultContactMappings, defaultInvoiceMappings, defaultPaymentMappings } from '@quickbooks-sync/contract/definitions';

const PORTAL = 63_000_001;
const REALM = '8300001';
const INVOICES = 8;

describe('invoices and payments through webhooks', () => {
  let h: AppHarness;
  let hs: ReturnType<typeof hubspotUser>;
  let qb: Awaited<ReturnType<typeof qboUser>>;

  beforeAll(async () => {
    h = await startAppHarness();
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    hs = hubspotUser(h, PORTAL);
    qb = await qboUser(h, REALM);
    for (const [objectType, direction, fieldMappings] of [
      ['contacts', 'two_way', defaultContactMappings()],
      ['invoices', 'qbo_to_hubspot', defaultInvoiceMappings()],
      ['payments', 'qbo_to_hubspot', defaultPaymentMappings()],
    ] as const) {
      const res = await h.signedFetch(`/api/v1/syncs/${objectType}`, PORTAL, { method: 'PUT', body: { direction, conflictWinner: 'quickbooks', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options: {} } });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    await eventually(async () => (await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' })).length === 3, 30_000);
  }, 60_000);
  afterAll(async () => h.close());

  it('every invoice, line and payment exactly once in HubSpot, under duplicate and reordered webhooks and 5xx on both sides', async () => {
    const faults = { seed: 23, serverErrorRate: 0.15, webhookDuplicateRate: 0.5, webhookReorder: true };
    await hs.faults(faults);
    await qb.faults(faults);

    const income = (await qb.all('Account')).find((a) => a.Name === 'Services')!.Id;
    const item = await qb.create('Item', { Name: 'Hours', Type: 'Service', IncomeAccountRef: { value: income } });
    const customers: QboEntity[] = [];
    for (let i = 0; i < 3; i++) customers.push(await qb.create('Customer', { DisplayName: `Client ${i}`, PrimaryEmailAddr: { Address: `client${i}@resilience.test` } }));
    const invoices: QboEntity[] = [];
    for (let i = 0; i < INVOICES; i++) {
      invoices.push(
        await qb.create('Invoice', {
          CustomerRef: { value: customers[i % 3]!.Id },
          DocNumber: `R-${i}`,
          Line: [
            { DetailType: 'SalesItemLineDetail', Amount: 10 * (i + 1), Description: `Work ${i}`, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 * (i + 1) } },
            { DetailType: 'SalesItemLineDetail', Amount: 5, Description: 'Travel', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 5 } },
          ],
        }),
      );
    }
    const payments: QboEntity[] = [];
    for (const invoice of invoices.slice(0, 4)) {
      payments.push(await qb.create('Payment', { CustomerRef: invoice.CustomerRef, TotalAmt: invoice.TotalAmt, Line: [{ Amount: invoice.TotalAmt, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] }));
    }

    await eventually(async () => {
      const synced = await h.db.db('sync_records').where({ portal_id: PORTAL, state: 'synced' }).whereIn('object_type', ['invoices', 'payments']).count<Array<{ count: string }>>('* as count');
      return Number(synced[0]!.count) === INVOICES + payments.length && (await settled(h));
    }, 120_000);
    await hs.faults({ seed: 1 });
    await qb.faults({ seed: 1 });
    await eventually(() => quiet(h), 30_000);

    const hsInvoices = await hs.all('invoices');
    const state = h.hubspot.state.account(PORTAL)!;
    for (const [i, invoice] of invoices.entries()) {
      const copies = hsInvoices.filter((x) => x.properties.qbo_invoice_id === invoice.Id);
      expect(copies, invoice.Id).toHaveLength(1);
      expect(copies[0]!.properties).toMatchObject({ qbo_invoice_number: `R-${i}`, hs_invoice_status: i < 4 ? 'paid' : 'open' });
      const lineIds = state.associations.list('invoices', copies[0]!.id, 'line_items').map((l) => l.toId);
      expect(lineIds, `lines of ${invoice.Id}`).toHaveLength(2);
      expect(state.associations.list('invoices', copies[0]!.id, 'contacts')).toHaveLength(1);
    }
    // Line items belong to one invoice each: none left over from a retried write.
    const associatedLines = new Set(hsInvoices.flatMap((x) => state.associations.list('invoices', x.id, 'line_items').map((l) => l.toId)));
    expect((await hs.all('line_items')).filter((li) => !associatedLines.has(li.id))).toEqual([]);
    expect((await hs.all('contacts')).map((c) => c.properties.email).sort()).toEqual(['client0@resilience.test', 'client1@resilience.test', 'client2@resilience.test']);
    const hsPayments = await hs.all('commerce_payments');
    for (const payment of payments) expect(hsPayments.filter((p) => p.properties.qbo_payment_id === payment.Id), payment.Id).toHaveLength(1);
    expect(hsPayments).toHaveLength(payments.length);
    expect(await h.db.db('sync_records').where({ portal_id: PORTAL, state: 'failed' })).toEqual([]);
  }, 180_000);
});
