/**
 * Issue 12's rules on products (two-way) and on the invoice fields that flow both ways (dates, memo):
 * a field changed on one side only reaches the other even when the other side changed another field
 * at the same time, a conflict keeps no pair different, a first link erases nothing, and the settled
 * pair costs no write on the next catch-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { vendorWrites } from '../../helpers/vendor-writes.ts';
import { defaultContactMappings, defaultInvoiceMappings, defaultProductMappings } from '@quickbooks-sync/contract/definitions';
import { productsAdapter } from '../../../backend/src/sync/objects/products/products-adapter.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { CUSTOM_LINE_ACCOUNT_OPTION } from '../../../backend/src/sync/objects/invoices/invoice-qbo.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { syncRecord } from '../../../backend/src/sync/engine/record-sync.ts';
import { randomUUID } from 'node:crypto';

let nextPortal = 65_000_001;
let nextRealm = 8_500_001;
const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;

describe('products and invoices converge (issue 12)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  const services = async (a: SyncAccount) => (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;
  async function productsAccount(conflictWinner: 'hubspot' | 'quickbooks'): Promise<SyncAccount> {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'products', { conflictWinner, fieldMappings: defaultProductMappings(), options: { incomeAccountId: await services(a) } });
    return a;
  }
  /** A HubSpot invoice as HubSpot makes one: a draft, its contact and a line, then open. */
  async function openInvoice(a: SyncAccount, contactId: string, properties: Record<string, string>) {
    const invoice = await a.hs.create('invoices', { hs_currency: 'USD', hs_invoice_status: 'draft', ...properties });
    await a.hs.associate('invoices', invoice.id, 'contacts', contactId, [INVOICE_TO_CONTACT]);
    const line = await a.hs.create('line_items', { name: 'Work', quantity: '1', price: '100', hs_position_on_quote: '0' });
    await a.hs.associate('invoices', invoice.id, 'line_items', line.id, [INVOICE_TO_LINE_ITEM]);
    return a.hs.update('invoices', invoice.id, { hs_invoice_status: 'open' });
  }
  const noWritesOnNextCatchUps = async (a: SyncAccount, run: () => Promise<unknown>) => {
    const since = new Date().toISOString();
    for (let i = 0; i < 3; i++) await run();
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
  };

  it('products, winner QuickBooks: HubSpot sets the description while QuickBooks sets the price — both sides end with both', async () => {
    const a = await productsAccount('quickbooks');
    const lamp = await a.hs.create('products', { name: 'Lamp', hs_sku: 'CL-1', price: '40' });
    await syncPass(h, a, productsAdapter);
    const item = (await a.qb.all('Item')).find((i) => i.Sku === 'CL-1')!;
    await a.hs.update('products', lamp.id, { description: 'Desk lamp' });
    await a.qb.update('Item', { Id: item.Id, SyncToken: item.SyncToken, UnitPrice: 45 });
    await syncPass(h, a, productsAdapter);
    await syncPass(h, a, productsAdapter);
    expect(await a.qb.read('Item', item.Id)).toMatchObject({ Description: 'Desk lamp', UnitPrice: 45 });
    expect((await a.hs.all('products')).find((p) => p.id === lamp.id)!.properties).toMatchObject({ description: 'Desk lamp', price: '45' });
    await noWritesOnNextCatchUps(a, () => syncPass(h, a, productsAdapter));
  });

  it('products, winner HubSpot: HubSpot clears the description while QuickBooks writes a new one — the new one on both sides (an empty winner never erases)', async () => {
    const a = await productsAccount('hubspot');
    const mug = await a.hs.create('products', { name: 'Mug', hs_sku: 'CM-1', price: '8', description: 'Old text' });
    await syncPass(h, a, productsAdapter);
    const item = (await a.qb.all('Item')).find((i) => i.Sku === 'CM-1')!;
    await a.hs.update('products', mug.id, { description: '' });
    await a.qb.update('Item', { Id: item.Id, SyncToken: item.SyncToken, Description: 'New text' });
    await syncPass(h, a, productsAdapter);
    expect((await a.qb.read('Item', item.Id)).Description).toBe('New text');
    expect((await a.hs.all('products')).find((p) => p.id === mug.id)!.properties.description).toBe('New text');
  });

  for (const winner of ['hubspot', 'quickbooks'] as const) {
    it(`products, winner ${winner}: a first link by SKU keeps the description only one side had`, async () => {
      const a = await productsAccount(winner);
      const pen = await a.hs.create('products', { name: 'Pen', hs_sku: 'CP-1', price: '2' });
      const item = await a.qb.create('Item', { Name: 'Pen', Sku: 'CP-1', Type: 'Service', UnitPrice: 2, Description: 'Blue ink', IncomeAccountRef: { value: await services(a) } });
      await syncPass(h, a, productsAdapter);
      await syncPass(h, a, productsAdapter);
      expect((await a.hs.all('products')).find((p) => p.id === pen.id)!.properties.description).toBe('Blue ink');
      expect((await a.qb.read('Item', item.Id)).Description).toBe('Blue ink');
      expect(await a.qb.all('Item')).toHaveLength(1);
      expect(await a.hs.all('products')).toHaveLength(1);
    });
  }

  it('invoices (two-way, created in HubSpot): HubSpot changes the memo while QuickBooks changes the due date — both sides end with both', async () => {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { conflictWinner: 'quickbooks', fieldMappings: defaultContactMappings() });
    await setUpSync(h, a, 'invoices', { conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), options: { [CUSTOM_LINE_ACCOUNT_OPTION]: await services(a) } });
    const contact = await a.hs.create('contacts', { email: 'inv@conv.test', firstname: 'Ina', lastname: 'Voice' });
    const invoice = await openInvoice(a, contact.id, { hs_invoice_date: '2026-11-20', hs_due_date: '2026-12-20' });
    await syncPass(h, a, contactsAdapter);
    await syncPass(h, a, invoicesAdapter);
    const [qbInvoice] = await a.qb.all('Invoice');
    expect(qbInvoice).toMatchObject({ DueDate: '2026-12-20' });

    await a.hs.update('invoices', invoice.id, { hs_comments: 'Net 30, please' });
    await a.qb.update('Invoice', { Id: qbInvoice!.Id, SyncToken: qbInvoice!.SyncToken, DueDate: '2027-01-15' });
    await syncPass(h, a, invoicesAdapter);
    await syncPass(h, a, invoicesAdapter);
    const after = await a.qb.read('Invoice', qbInvoice!.Id);
    expect(after).toMatchObject({ DueDate: '2027-01-15', CustomerMemo: { value: 'Net 30, please' } });
    const hsInvoice = (await a.hs.all('invoices')).find((i) => i.id === invoice.id)!;
    expect(hsInvoice.properties.hs_due_date?.slice(0, 10)).toBe('2027-01-15');
    expect(hsInvoice.properties.hs_comments).toBe('Net 30, please');
    expect(await a.qb.all('Invoice')).toHaveLength(1);
    await noWritesOnNextCatchUps(a, () => syncPass(h, a, invoicesAdapter));
  });

  it('an invoice create whose outcome was lost, retried after QBO forgot its requestid, links the invoice it made instead of creating a second', async () => {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { conflictWinner: 'quickbooks', fieldMappings: defaultContactMappings() });
    await setUpSync(h, a, 'invoices', { direction: 'hubspot_to_qbo', conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), options: { [CUSTOM_LINE_ACCOUNT_OPTION]: await services(a) } });
    const contact = await a.hs.create('contacts', { email: 'lost@conv.test', firstname: 'Lo', lastname: 'St' });
    const invoice = await openInvoice(a, contact.id, { hs_invoice_date: '2026-11-20' });
    await syncPass(h, a, contactsAdapter);
    await syncPass(h, a, invoicesAdapter);
    expect(await a.qb.all('Invoice')).toHaveLength(1);
    // As if the worker died after QuickBooks created the invoice and before we linked it, and the retry
    // comes after QBO's requestid replay window: the stored requestid is one QBO no longer knows.
    await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', hubspot_id: invoice.id }).update({ qbo_id: null, state: 'pending', last_synced_at: null, hubspot_fingerprint: null, qbo_fingerprint: null, hubspot_snapshot: null, qbo_snapshot: null, pending_qbo_request_id: randomUUID() });
    const loaded = await loadSession(h.ctx, a.portalId, 'invoices');
    if (!loaded.ok) throw new Error(loaded.reason);
    expect((await syncRecord(loaded.session, invoicesAdapter, 'hubspot', invoice.id)).action).toBe('created');
    const invoices = await a.qb.all('Invoice');
    expect(invoices).toHaveLength(1);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', hubspot_id: invoice.id }).first()).toMatchObject({ state: 'synced', qbo_id: invoices[0]!.Id, pending_qbo_request_id: null });
  });
});
