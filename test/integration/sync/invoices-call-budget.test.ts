/**
 * Issue 15's rule "no reads we don't need", as counts from the emulators' call logs instead of a
 * benchmark: a first sync of 250 QuickBooks invoices (3 lines each) and 100 payments into an empty
 * HubSpot makes at most 1.1× the calls the vendors' batch sizes allow (bench/minimum-calls.ts), reads
 * back nothing it wrote, and ends with every invoice and line exactly once. The catch-up right after
 * it (QuickBooks CDC hands back all 250 invoices) writes nothing and reads nothing from HubSpot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { defaultContactMappings, defaultInvoiceMappings, defaultPaymentMappings, defaultProductMappings } from '@quickbooks-sync/contract/definitions';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { productsAdapter } from '../../../backend/src/sync/objects/products/products-adapter.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { paymentsAdapter } from '../../../backend/src/sync/objects/payments/payments-adapter.ts';
import { linesOfQboInvoice } from '../../../backend/src/sync/objects/invoices/invoice-lines.ts';
import { invoicePages, minimumInvoiceCalls, minimumPaymentCalls } from '../../../bench/minimum-calls.ts';

const INVOICES = 250;
const PAYMENTS = 100;
const PRIMARY_CONTACT_TO_COMPANY = 1;

interface Call {
  method: string;
  path: string;
  status: number;
}

describe('first sync of invoices and payments: vendor calls against the minimum (issue 15)', () => {
  let h: AppHarness;
  let a: SyncAccount;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
    a = await syncAccount(h, 66_100_001, '8610001');
    const seed = await fetch(`${h.qbo.baseUrl}/_sandbox/companies/${a.realmId}/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed: 3, customers: 40, items: 20, invoices: INVOICES, payments: PAYMENTS, linesPerInvoice: 3, oneInvoicePerPayment: true, shapes: true }),
    });
    expect(seed.status).toBe(200);
    for (const [objectType, fieldMappings] of [
      ['contacts', defaultContactMappings()],
      ['products', defaultProductMappings()],
      ['invoices', defaultInvoiceMappings()],
      ['payments', defaultPaymentMappings()],
    ] as const) {
      await setUpSync(h, a, objectType, { direction: objectType === 'contacts' ? 'two_way' : 'qbo_to_hubspot', conflictWinner: 'quickbooks', fieldMappings });
    }
    await syncPass(h, a, contactsAdapter);
    await syncPass(h, a, productsAdapter);
  }, 120_000);
  afterAll(async () => h.close());

  /** The calls each emulator logged since the last take, and a fresh log. */
  async function takeCalls(): Promise<{ hubspot: Call[]; qbo: Call[] }> {
    const hubspot = ((await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/calls`)).json()) as { results: Call[] }).results;
    const qbo = ((await (await fetch(`${h.qbo.baseUrl}/_sandbox/companies/${a.realmId}/calls`)).json()) as { calls: Call[] }).calls;
    await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/calls`, { method: 'DELETE' });
    await fetch(`${h.qbo.baseUrl}/_sandbox/companies/${a.realmId}/calls`, { method: 'DELETE' });
    return { hubspot, qbo };
  }
  const endpoints = (calls: Call[]) => {
    const by = new Map<string, number>();
    for (const c of calls) {
      const key = `${c.method} ${c.path.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    return Object.fromEntries([...by.entries()].sort((x, y) => y[1] - x[1]));
  };
  const readBack = (calls: Call[]) => calls.filter((c) => /\/line_items\/batch\/read$|\/invoices\/(line_items|contacts)\/batch\/read$|\/objects\/invoices\/batch\/read$/.test(c.path));

  it('invoices: at most 1.1× the minimum on each side, nothing read back, every invoice and line exactly once', async () => {
    await takeCalls();
    const result = await syncPass(h, a, invoicesAdapter);
    const calls = await takeCalls();
    expect(result.counts).toMatchObject({ created: INVOICES, failed: 0, excluded: 0 });

    const company = h.qbo.state.company(a.realmId)!;
    const account = h.hubspot.state.account(a.portalId)!;
    const contactOf = new Map((await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' }).select('qbo_id', 'hubspot_id')).map((r) => [String(r.qbo_id), String(r.hubspot_id)]));
    const qboInvoices = [...company.collection('Invoice').values()].sort((x, y) => Number(x.Id) - Number(y.Id));
    const customerOf = (invoice: Record<string, unknown>) => String((invoice.CustomerRef as { value?: string } | undefined)?.value);
    const min = minimumInvoiceCalls(
      invoicePages(qboInvoices, (page) => ({
        invoices: page.length,
        lines: page.reduce((n, i) => n + linesOfQboInvoice(i).length, 0),
        contacts: new Set(page.map(customerOf)).size,
        withCompany: page.filter((i) => account.associations.list('contacts', contactOf.get(customerOf(i)) ?? '', 'companies').some((l) => l.typeIds.includes(PRIMARY_CONTACT_TO_COMPANY))).length,
      })),
    );
    const report = JSON.stringify({ hubspot: calls.hubspot.length, qbo: calls.qbo.length, min, endpoints: endpoints([...calls.hubspot, ...calls.qbo]) });
    expect(readBack(calls.hubspot), report).toEqual([]);
    expect(calls.hubspot.length, report).toBeLessThanOrEqual(Math.floor(min.hubspot * 1.1));
    expect(calls.qbo.length, report).toBeLessThanOrEqual(Math.floor(min.qbo * 1.1));
    expect(calls.hubspot.filter((c) => c.status === 429)).toEqual([]);

    // Exactly once: one HubSpot invoice per QuickBooks invoice, each with exactly its lines, none left over.
    const live = (type: 'invoices' | 'line_items') => [...account.collection(type).records.values()].filter((r) => !r.archived);
    const invoices = live('invoices');
    expect(invoices).toHaveLength(INVOICES);
    expect(new Set(invoices.map((i) => i.properties.get('qbo_invoice_id'))).size).toBe(INVOICES);
    const byQboId = new Map(qboInvoices.map((i) => [i.Id, i]));
    const liveLines = new Set(live('line_items').map((r) => r.id));
    for (const invoice of invoices) {
      const qboInvoice = byQboId.get(String(invoice.properties.get('qbo_invoice_id')))!;
      expect(account.associations.list('invoices', invoice.id, 'line_items').filter((l) => liveLines.has(l.toId))).toHaveLength(linesOfQboInvoice(qboInvoice).length);
      expect(account.associations.list('invoices', invoice.id, 'contacts').map((l) => l.toId)).toEqual([contactOf.get(customerOf(qboInvoice))]);
    }
    const totalLines = qboInvoices.reduce((n, i) => n + linesOfQboInvoice(i).length, 0);
    expect(liveLines.size).toBe(totalLines);
    const rows = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices' }).groupBy('state').select('state').count('* as n');
    expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([['synced', INVOICES]]);
  });

  it('the catch-up right after (QuickBooks hands back every invoice it changed) reads and writes nothing in HubSpot', async () => {
    await takeCalls();
    const result = await syncPass(h, a, invoicesAdapter);
    const calls = await takeCalls();
    expect(result.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(calls.hubspot, JSON.stringify(endpoints(calls.hubspot))).toEqual([]);
    expect(calls.qbo.map((c) => c.path.split('?')[0]!.replace(/^.*\/v3\/company\/\d+/, ''))).toEqual(['/cdc']);
  });

  it('payments: at most 1.1× the minimum, each payment exactly once', async () => {
    await takeCalls();
    const result = await syncPass(h, a, paymentsAdapter);
    const calls = await takeCalls();
    expect(result.counts).toMatchObject({ created: PAYMENTS, failed: 0 });
    const min = minimumPaymentCalls(PAYMENTS);
    const report = JSON.stringify({ hubspot: calls.hubspot.length, qbo: calls.qbo.length, min, endpoints: endpoints([...calls.hubspot, ...calls.qbo]) });
    expect(calls.hubspot.length, report).toBeLessThanOrEqual(Math.floor(min.hubspot * 1.1));
    expect(calls.qbo.length, report).toBeLessThanOrEqual(Math.floor(min.qbo * 1.1));
    const payments = [...h.hubspot.state.account(a.portalId)!.collection('commerce_payments').records.values()].filter((r) => !r.archived);
    expect(payments).toHaveLength(PAYMENTS);
    expect(new Set(payments.map((p) => p.properties.get('qbo_payment_id'))).size).toBe(PAYMENTS);
  });
});
