/**
 * Removals the record pass meets (issue 16): a QuickBooks customer made inactive (QuickBooks never
 * deletes one) is always in the record's activity and sets the pair aside; opted in, its contact is
 * archived. An invoice voided in QuickBooks voids its HubSpot invoice (the status mapping copies it);
 * an invoice created in HubSpot and voided there voids its QuickBooks invoice when the sync propagates
 * deletions, and QuickBooks' refusal (a payment applied) is a failure on the record naming the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { vendorWrites } from '../../helpers/vendor-writes.ts';
import { defaultContactMappings, defaultInvoiceMappings, DELETIONS_OPTION, INACTIVE_CUSTOMERS_OPTION } from '@quickbooks-sync/contract/definitions';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { CUSTOM_LINE_ACCOUNT_OPTION } from '../../../backend/src/sync/objects/invoices/invoice-qbo.ts';

let nextPortal = 62_400_001;
let nextRealm = 8_240_001;
// The emulator's association type ids (see invoices-rules.test.ts).
const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;

type Row = { id: number; state: string; origin: string | null; hubspot_id: string | null; qbo_id: string | null; reason_code: string | null; message: string | null };
type Entry = { action: string; direction: string | null; outcome: string; reason_code: string | null; message: string | null };

describe('removals: customers made inactive and invoices voided', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  const rowOf = (a: SyncAccount, objectType: string, side: 'hubspot_id' | 'qbo_id', id: string) => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: objectType, [side]: id }).first<Row>();
  const activity = (a: SyncAccount, recordId: number) => h.db.db('sync_activity').where({ portal_id: a.portalId, record_id: recordId }).orderBy('id').select<Entry[]>('action', 'direction', 'outcome', 'reason_code', 'message');

  async function contactsAccount(options: Record<string, string> = {}, direction: 'two_way' | 'hubspot_to_qbo' = 'two_way') {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { direction, fieldMappings: defaultContactMappings(), conflictWinner: 'quickbooks', options });
    const contact = await a.hs.create('contacts', { email: 'ivy@inactive.test', firstname: 'Ivy', lastname: 'Stone', phone: '555-0100' });
    await syncPass(h, a, contactsAdapter);
    const row = (await rowOf(a, 'contacts', 'hubspot_id', contact.id));
    expect(row).toMatchObject({ state: 'synced' });
    const makeActive = async (active: boolean) => {
      const current = await a.qb.read('Customer', row.qbo_id!);
      await a.qb.update('Customer', { Id: current.Id, SyncToken: current.SyncToken, Active: active });
    };
    return { a, contact, row, makeActive };
  }

  it('by default: the contact is kept, the record and its activity say the customer was made inactive, nothing is sent to it', async () => {
    const { a, contact, row, makeActive } = await contactsAccount();
    await makeActive(false);
    await syncPass(h, a, contactsAdapter);
    const aside = (await rowOf(a, 'contacts', 'hubspot_id', contact.id));
    expect(aside).toMatchObject({ id: row.id, state: 'excluded', reason_code: 'inactive_in_quickbooks', qbo_id: row.qbo_id, hubspot_id: contact.id });
    expect(aside.message).toContain(`QuickBooks customer #${row.qbo_id!} was made inactive in QuickBooks. HubSpot contact #${contact.id} is kept as it is`);
    expect((await a.hs.all('contacts')).map((c) => c.id)).toEqual([contact.id]);
    const entries = await activity(a, row.id);
    expect(entries.filter((e) => e.reason_code === 'inactive_in_quickbooks')).toEqual([expect.objectContaining({ action: 'exclude', outcome: 'skipped' })]);

    // A HubSpot edit while the customer is inactive is not sent; passes again write nothing and log nothing new.
    await a.hs.update('contacts', contact.id, { phone: '555-0199' });
    const since = new Date().toISOString();
    await syncPass(h, a, contactsAdapter);
    await syncPass(h, a, contactsAdapter);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
    expect((await a.qb.read('Customer', row.qbo_id!)).PrimaryPhone).toEqual({ FreeFormNumber: '555-0100' });
    expect(await activity(a, row.id)).toHaveLength(entries.length);

    // Made active again: the pair syncs again on its next change.
    await makeActive(true);
    await a.hs.update('contacts', contact.id, { phone: '555-0188' });
    await syncPass(h, a, contactsAdapter);
    expect(await rowOf(a, 'contacts', 'hubspot_id', contact.id)).toMatchObject({ state: 'synced', reason_code: null });
    expect((await a.qb.read('Customer', row.qbo_id!)).PrimaryPhone).toEqual({ FreeFormNumber: '555-0188' });
  });

  it('opted in (inactiveCustomers: archive): the contact is archived, never the customer deleted; in the activity', async () => {
    const { a, contact, row, makeActive } = await contactsAccount({ [INACTIVE_CUSTOMERS_OPTION]: 'archive' });
    await makeActive(false);
    await syncPass(h, a, contactsAdapter);
    expect(await a.hs.all('contacts')).toEqual([]);
    expect(await a.qb.all('Customer')).toEqual([expect.objectContaining({ Id: row.qbo_id, Active: false })]);
    const aside = (await h.db.db('sync_records').where({ portal_id: a.portalId, id: row.id }).first<Row>());
    expect(aside).toMatchObject({ state: 'excluded', reason_code: 'inactive_in_quickbooks' });
    expect(aside.message).toContain(`so HubSpot contact #${contact.id} was archived`);
    expect(await activity(a, row.id)).toContainEqual(expect.objectContaining({ action: 'delete', direction: 'to_hubspot', reason_code: 'inactive_in_quickbooks' }));
    // Nothing comes back: the archived contact is not recreated, no second entry.
    await syncPass(h, a, contactsAdapter);
    expect(await a.hs.all('contacts')).toEqual([]);
    expect((await activity(a, row.id)).filter((e) => e.reason_code === 'inactive_in_quickbooks')).toHaveLength(1);
  });

  it('a HubSpot → QuickBooks sync never writes to HubSpot: with archive chosen, the contact is still kept', async () => {
    const { a, contact, row, makeActive } = await contactsAccount({ [INACTIVE_CUSTOMERS_OPTION]: 'archive' }, 'hubspot_to_qbo');
    await makeActive(false);
    await a.hs.update('contacts', contact.id, { phone: '555-0177' });
    await syncPass(h, a, contactsAdapter);
    expect((await a.hs.all('contacts')).map((c) => c.id)).toEqual([contact.id]);
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, id: row.id }).first<Row>()).toMatchObject({ state: 'excluded', reason_code: 'inactive_in_quickbooks' });
    expect((await a.qb.read('Customer', row.qbo_id!)).PrimaryPhone).toEqual({ FreeFormNumber: '555-0100' });
  });

  it('the archive option is offered for contacts only, and only as keep or archive', async () => {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    const put = (objectType: string, options: Record<string, string>, fieldMappings: unknown) =>
      h.signedFetch(`/api/v1/syncs/${objectType}`, a.portalId, { method: 'PUT', body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options } });
    const bad = await put('contacts', { [INACTIVE_CUSTOMERS_OPTION]: 'delete' }, defaultContactMappings());
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose what a customer made inactive in QuickBooks does: \\"keep\\" or \\"archive\\"');
    const elsewhere = await put('invoices', { [INACTIVE_CUSTOMERS_OPTION]: 'archive' }, defaultInvoiceMappings());
    expect(elsewhere.status).toBe(400);
  });

  // ——— invoices ———

  async function invoicesAccount(direction: 'two_way' | 'qbo_to_hubspot', options: Record<string, string> = {}, fieldMappings = defaultInvoiceMappings()) {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { fieldMappings: defaultContactMappings(), conflictWinner: 'quickbooks' });
    await setUpSync(h, a, 'invoices', { direction, conflictWinner: 'quickbooks', fieldMappings, options });
    const income = (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ ...options, [CUSTOM_LINE_ACCOUNT_OPTION]: income }) });
    return { a, income };
  }

  async function qboInvoice(a: SyncAccount, income: string) {
    const customer = await a.qb.create('Customer', { DisplayName: 'Void Co', PrimaryEmailAddr: { Address: 'ap@void.test' }, Taxable: false });
    const item = await a.qb.create('Item', { Name: 'Widget', Sku: 'W-1', Type: 'Service', UnitPrice: 50, IncomeAccountRef: { value: income } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, DocNumber: 'V-1', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 50, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 50 } }] });
    await syncPass(h, a, contactsAdapter);
    await syncPass(h, a, invoicesAdapter);
    const row = (await rowOf(a, 'invoices', 'qbo_id', invoice.Id));
    expect(row).toMatchObject({ state: 'synced' });
    return { invoice, row };
  }

  async function hubspotInvoice(a: SyncAccount, email: string) {
    const contact = await a.hs.create('contacts', { email, firstname: 'Hal', lastname: 'Owner' });
    const draft = await a.hs.create('invoices', { hs_currency: 'USD', hs_invoice_date: '2026-11-20', hs_due_date: '2026-12-20' });
    await a.hs.associate('invoices', draft.id, 'contacts', contact.id, [INVOICE_TO_CONTACT]);
    const li = await a.hs.create('line_items', { name: 'Hours', quantity: '2', price: '100', hs_position_on_quote: '0' });
    await a.hs.associate('invoices', draft.id, 'line_items', li.id, [INVOICE_TO_LINE_ITEM]);
    const invoice = await a.hs.update('invoices', draft.id, { hs_invoice_status: 'open' });
    await syncPass(h, a, invoicesAdapter);
    const row = (await rowOf(a, 'invoices', 'hubspot_id', invoice.id));
    expect(row).toMatchObject({ state: 'synced', origin: 'hubspot' });
    return { invoice, row };
  }

  const voidInQbo = async (a: SyncAccount, id: string) => a.qb.api('POST', '/invoice?operation=void', { Id: id, SyncToken: (await a.qb.read('Invoice', id)).SyncToken });
  const hubspotStatus = async (a: SyncAccount, id: string) => (await a.hs.all('invoices')).find((i) => i.id === id)?.properties.hs_invoice_status;

  it('a QuickBooks invoice voided: its HubSpot invoice is voided (the status mapping copies it), kept, in the activity', async () => {
    const { a, income } = await invoicesAccount('qbo_to_hubspot');
    const { invoice, row } = await qboInvoice(a, income);
    await voidInQbo(a, invoice.Id);
    await syncPass(h, a, invoicesAdapter);
    expect(await hubspotStatus(a, row.hubspot_id!)).toBe('voided');
    expect(await rowOf(a, 'invoices', 'qbo_id', invoice.Id)).toMatchObject({ state: 'excluded', reason_code: 'voided_in_quickbooks' });
    expect(await activity(a, row.id)).toContainEqual(expect.objectContaining({ action: 'delete', direction: 'to_hubspot', reason_code: 'voided_in_quickbooks' }));
    const since = new Date().toISOString();
    await syncPass(h, a, invoicesAdapter);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
  });

  it('without the status mapping and without propagation, a QuickBooks void leaves the HubSpot invoice open and says so', async () => {
    const { a, income } = await invoicesAccount('qbo_to_hubspot', {}, defaultInvoiceMappings().map((m) => (m.id === 'status' ? { ...m, enabled: false } : m)));
    const { invoice, row } = await qboInvoice(a, income);
    await voidInQbo(a, invoice.Id);
    await syncPass(h, a, invoicesAdapter);
    expect(await hubspotStatus(a, row.hubspot_id!)).not.toBe('voided');
    const aside = (await rowOf(a, 'invoices', 'qbo_id', invoice.Id));
    expect(aside).toMatchObject({ state: 'excluded', reason_code: 'voided_in_quickbooks' });
    expect(aside.message).toContain('void it in HubSpot too if it should not be collected');
  });

  it('an invoice created in HubSpot and voided there: opted in, its QuickBooks invoice is voided (kept at zero); in the activity', async () => {
    const { a } = await invoicesAccount('two_way', { [DELETIONS_OPTION]: 'propagate' });
    const { invoice, row } = await hubspotInvoice(a, 'hal@void.test');
    await a.hs.update('invoices', invoice.id, { hs_invoice_status: 'voided' });
    await syncPass(h, a, invoicesAdapter);
    expect(await a.qb.read('Invoice', row.qbo_id!)).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided', DocNumber: `INV-${invoice.id}` });
    const aside = (await rowOf(a, 'invoices', 'hubspot_id', invoice.id));
    expect(aside).toMatchObject({ state: 'excluded', reason_code: 'voided_in_hubspot' });
    expect(aside.message).toBe(`Voided in HubSpot, so QuickBooks invoice #${row.qbo_id!} was voided too (kept with zero amounts, never deleted).`);
    expect(await activity(a, row.id)).toContainEqual(expect.objectContaining({ action: 'delete', direction: 'to_qbo', outcome: 'skipped', reason_code: 'voided_in_hubspot' }));
    // The void coming back from QuickBooks, and more passes: nothing is written, nothing failed.
    const since = new Date().toISOString();
    await syncPass(h, a, invoicesAdapter);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
    expect(await rowOf(a, 'invoices', 'hubspot_id', invoice.id)).toMatchObject({ state: 'excluded', reason_code: 'voided_in_hubspot' });
    expect(await a.qb.all('Invoice')).toHaveLength(1);
  });

  it('QuickBooks refuses to void an invoice with a payment applied: a failure on the record that names the fix; once the payment is removed it is voided', async () => {
    const { a } = await invoicesAccount('two_way', { [DELETIONS_OPTION]: 'propagate' });
    const { invoice, row } = await hubspotInvoice(a, 'pat@void.test');
    const qbInvoice = await a.qb.read('Invoice', row.qbo_id!);
    const payment = await a.qb.create('Payment', { CustomerRef: qbInvoice.CustomerRef, TotalAmt: 50, Line: [{ Amount: 50, LinkedTxn: [{ TxnId: qbInvoice.Id, TxnType: 'Invoice' }] }] });
    await syncPass(h, a, invoicesAdapter);
    await a.hs.update('invoices', invoice.id, { hs_invoice_status: 'voided' });
    await syncPass(h, a, invoicesAdapter);
    // HubSpot keeps its void: nothing from QuickBooks is copied over it.
    expect(await hubspotStatus(a, invoice.id)).toBe('voided');
    const failed = (await rowOf(a, 'invoices', 'hubspot_id', invoice.id));
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'void_refused' });
    expect(failed.message).toContain(`QuickBooks refused to void invoice #${row.qbo_id!}`);
    expect(failed.message).toContain('remove the payment from the invoice (or delete it) in QuickBooks first, then sync again');
    expect(await activity(a, row.id)).toContainEqual(expect.objectContaining({ action: 'fail', outcome: 'failure', reason_code: 'void_refused' }));
    expect(await a.qb.read('Invoice', row.qbo_id!)).toMatchObject({ TotalAmt: 200, Balance: 150 });

    // The bookkeeper removes the payment; the next pass voids the invoice.
    await a.qb.api('POST', '/payment?operation=delete', { Id: payment.Id, SyncToken: (await a.qb.read('Payment', payment.Id)).SyncToken });
    await a.hs.update('invoices', invoice.id, { hs_comments: 'void please' });
    await syncPass(h, a, invoicesAdapter);
    expect(await a.qb.read('Invoice', row.qbo_id!)).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
    expect(await rowOf(a, 'invoices', 'hubspot_id', invoice.id)).toMatchObject({ state: 'excluded', reason_code: 'voided_in_hubspot' });
  });

  it('an invoice created in HubSpot and voided in QuickBooks: its HubSpot invoice is voided too, not a locked-lines failure (R18)', async () => {
    const { a } = await invoicesAccount('two_way');
    const { invoice, row } = await hubspotInvoice(a, 'vic@void.test');
    await voidInQbo(a, row.qbo_id!);
    await syncPass(h, a, invoicesAdapter);
    expect(await hubspotStatus(a, invoice.id)).toBe('voided');
    const aside = await rowOf(a, 'invoices', 'hubspot_id', invoice.id);
    expect(aside).toMatchObject({ state: 'excluded', reason_code: 'voided_in_quickbooks' });
    expect(aside.message).toBe(`Voided in QuickBooks, so HubSpot invoice #${invoice.id} was voided too (kept, never deleted).`);
    // HubSpot's side of our void coming back: nothing is sent to QuickBooks.
    const since = new Date().toISOString();
    await syncPass(h, a, invoicesAdapter);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
  });

  it('by default an invoice voided in HubSpot leaves its QuickBooks invoice as it is, and the record says so', async () => {
    const { a } = await invoicesAccount('two_way');
    const { invoice, row } = await hubspotInvoice(a, 'kim@void.test');
    await a.hs.update('invoices', invoice.id, { hs_invoice_status: 'voided' });
    await syncPass(h, a, invoicesAdapter);
    expect(await a.qb.read('Invoice', row.qbo_id!)).toMatchObject({ TotalAmt: 200 });
    const aside = (await rowOf(a, 'invoices', 'hubspot_id', invoice.id));
    expect(aside).toMatchObject({ state: 'excluded', reason_code: 'voided_in_hubspot' });
    expect(aside.message).toContain('void it in QuickBooks too if it should not be collected');
  });
});
