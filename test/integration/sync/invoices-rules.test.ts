/**
 * The invoices sync against both emulators, each rule on its own account: QuickBooks → HubSpot with
 * line items and associations (R16), HubSpot → QuickBooks with SKU-matched lines and the custom line
 * item (R13), QuickBooks owning the invoices it created (R17), locked lines and tax (R18), non-US
 * companies (R22), and no duplicates when passes repeat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser, type HubSpotObject, type QboEntity } from '../../helpers/vendor-data.ts';
import { defaultContactMappings, defaultInvoiceMappings } from '@quickbooks-sync/contract/definitions';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { CUSTOM_LINE_ACCOUNT_OPTION } from '../../../backend/src/sync/objects/invoices/invoice-qbo.ts';
import type { ObjectAdapter } from '../../../backend/src/sync/engine/adapter.ts';
import { fieldCatalogueResponseSchema } from '@quickbooks-sync/contract';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';

let nextPortal = 59_000_001;
let nextRealm = 7_900_001;

// The emulator's association type ids (HubSpot does not publish the invoice ones; see association-types.ts).
const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;
const CONTACT_TO_COMPANY_PRIMARY = 1;

interface Account {
  portalId: number;
  realmId: string;
  hs: ReturnType<typeof hubspotUser>;
  qb: Awaited<ReturnType<typeof qboUser>>;
}

type Row = { state: string; reason_code: string | null; message: string | null; origin: string | null; hubspot_id: string | null; qbo_id: string | null };

describe('invoices sync rules', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account(direction: string, options: Record<string, string | boolean> = {}, company: { country?: string } = {}): Promise<Account & { setup: Response }> {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId, company)).status).toBe(200);
    const contacts = await h.signedFetch('/api/v1/syncs/contacts', portalId, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'quickbooks', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(contacts.status).toBe(200);
    const setup = await h.signedFetch('/api/v1/syncs/invoices', portalId, {
      method: 'PUT',
      body: { direction, conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), filters: { toQbo: [], toHubSpot: [] }, options },
    });
    return { portalId, realmId, hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId), setup };
  }

  async function pass(a: Account, adapter: ObjectAdapter = invoicesAdapter) {
    // A person's edit, then "Sync now" later: by then HubSpot's search index has caught up (the lag still hides our own writes within the pass).
    await a.hs.searchIndexed();
    const loaded = await loadSession(h.ctx, a.portalId, adapter.objectType);
    if (!loaded.ok) throw new Error(loaded.reason);
    return runSyncPass(loaded.session, adapter, 'sync_now');
  }

  const row = (a: Account, side: 'hubspot_id' | 'qbo_id', id: string) => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', [side]: id }).first<Row>();

  /** What the emulator holds (its state, as HubSpot's UI would show it). */
  function associated(a: Account, from: 'invoices' | 'contacts', id: string, to: 'contacts' | 'companies' | 'line_items'): string[] {
    return h.hubspot.state.account(a.portalId)!.associations.list(from, id, to).map((l) => l.toId).sort();
  }

  async function lineItemsOf(a: Account, invoiceId: string): Promise<HubSpotObject[]> {
    const ids = associated(a, 'invoices', invoiceId, 'line_items');
    const all = await a.hs.all('line_items');
    return all.filter((li) => ids.includes(li.id)).sort((x, y) => Number(x.properties.hs_position_on_quote ?? 0) - Number(y.properties.hs_position_on_quote ?? 0));
  }

  const incomeAccount = async (a: Account) => (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;

  /** A HubSpot invoice billed to a new contact, with line items [name, qty, price, sku?]. */
  async function hubspotInvoice(a: Account, email: string, lines: Array<[string, number, number, string?]>, properties: Record<string, string> = {}) {
    const contact = await a.hs.create('contacts', { email, firstname: 'Bill', lastname: email.split('@')[0]! });
    // As in HubSpot: a draft first, its contact and line items, then the status (open unless said otherwise).
    const { hs_invoice_status: status = 'open', ...rest } = properties;
    const draft = await a.hs.create('invoices', { hs_currency: 'USD', hs_invoice_date: '2026-11-20', hs_due_date: '2026-12-20', ...rest });
    await a.hs.associate('invoices', draft.id, 'contacts', contact.id, [INVOICE_TO_CONTACT]);
    for (const [index, [name, quantity, price, sku]] of lines.entries()) {
      const li = await a.hs.create('line_items', { name, quantity: String(quantity), price: String(price), hs_position_on_quote: String(index), ...(sku ? { hs_sku: sku } : {}) });
      await a.hs.associate('invoices', draft.id, 'line_items', li.id, [INVOICE_TO_LINE_ITEM]);
    }
    const invoice = status === 'draft' ? draft : await a.hs.update('invoices', draft.id, { hs_invoice_status: status });
    return { contact, invoice };
  }

  it('QuickBooks → HubSpot (R16): the invoice with its lines, its contact and the contact’s primary company; paid once paid', async () => {
    const a = await account('qbo_to_hubspot');
    expect(a.setup.status).toBe(200);
    const company = await a.hs.create('companies', { name: 'Acme Corp' });
    const contact = await a.hs.create('contacts', { email: 'ap@acme.test', firstname: 'Ada', lastname: 'Payne' });
    await a.hs.associate('contacts', contact.id, 'companies', company.id, [CONTACT_TO_COMPANY_PRIMARY]);
    const customer = await a.qb.create('Customer', { DisplayName: 'Acme Corp', PrimaryEmailAddr: { Address: 'ap@acme.test' } });
    const widget = await a.qb.create('Item', { Name: 'Widget', Sku: 'W-1', Type: 'Service', UnitPrice: 50, IncomeAccountRef: { value: await incomeAccount(a) } });
    const setupFee = await a.qb.create('Item', { Name: 'Setup fee', Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    const invoice = await a.qb.create('Invoice', {
      CustomerRef: { value: customer.Id },
      DocNumber: '1001',
      TxnDate: '2026-11-24',
      DueDate: '2026-12-24',
      CustomerMemo: { value: 'Thanks!' },
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 100, Description: 'Widgets', SalesItemLineDetail: { ItemRef: { value: widget.Id }, Qty: 2, UnitPrice: 50 } },
        { DetailType: 'SalesItemLineDetail', Amount: 25, SalesItemLineDetail: { ItemRef: { value: setupFee.Id }, Qty: 1, UnitPrice: 25 } },
      ],
    });

    const { counts } = await pass(a);
    expect(counts).toMatchObject({ created: 1, failed: 0 });
    const [hsInvoice, ...others] = await a.hs.all('invoices');
    expect(others).toEqual([]);
    expect(hsInvoice!.properties).toMatchObject({
      qbo_invoice_id: invoice.Id,
      qbo_invoice_number: '1001',
      hs_invoice_date: '2026-11-24T00:00:00.000Z',
      hs_due_date: '2026-12-24T00:00:00.000Z',
      hs_comments: 'Thanks!',
      hs_currency: 'USD',
      hs_invoice_status: 'open',
      hs_invoice_billable: 'false',
    });
    // R16: the customer's contact (matched by e-mail through the contacts sync) and its primary company.
    expect(associated(a, 'invoices', hsInvoice!.id, 'contacts')).toEqual([contact.id]);
    expect(associated(a, 'invoices', hsInvoice!.id, 'companies')).toEqual([company.id]);
    expect((await lineItemsOf(a, hsInvoice!.id)).map((li) => [li.properties.name, li.properties.quantity, li.properties.price, li.properties.hs_sku ?? null])).toEqual([
      ['Widgets', '2', '50', 'W-1'],
      ['Setup fee', '1', '25', null],
    ]);
    expect(await row(a, 'qbo_id', invoice.Id)).toMatchObject({ state: 'synced', origin: 'quickbooks', hubspot_id: hsInvoice!.id });

    // Paid in QuickBooks → paid in HubSpot; the lines are untouched (no second set of line items).
    // Automated sales tax (on by default) added 8.25 % to the 125 of lines: HubSpot's line items carry it.
    expect(invoice.TotalAmt).toBe(135.31);
    expect((await lineItemsOf(a, hsInvoice!.id)).reduce((sum, li) => sum + Number(li.properties.tax ?? 0), 0)).toBeCloseTo(10.31, 2);
    await a.qb.create('Payment', { CustomerRef: { value: customer.Id }, TotalAmt: invoice.TotalAmt, Line: [{ Amount: invoice.TotalAmt, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    await pass(a);
    expect((await a.hs.all('invoices')).map((i) => i.properties.hs_invoice_status)).toEqual(['paid']);
    expect(await lineItemsOf(a, hsInvoice!.id)).toHaveLength(2);
    expect((await a.hs.all('line_items')).length).toBe(2);

    // Repeating the pass changes nothing and creates nothing.
    const again = await pass(a);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect((await a.hs.all('invoices')).length).toBe(1);
  });

  it('a retry after a crash between writing the HubSpot invoice and linking it replaces its line items, never adds to them', async () => {
    const a = await account('qbo_to_hubspot');
    const customer = await a.qb.create('Customer', { DisplayName: 'Retry Co', PrimaryEmailAddr: { Address: 'ap@retry.test' } });
    const item = await a.qb.create('Item', { Name: 'Thing', Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    const line = (n: number) => ({ DetailType: 'SalesItemLineDetail', Amount: n, Description: `Line ${n}`, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: n } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, Line: [line(1), line(2), line(3)] });
    await pass(a);
    // The process died after HubSpot had the invoice and its lines, before our link was stored.
    await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', qbo_id: invoice.Id }).update({ hubspot_id: null, state: 'pending', hubspot_fingerprint: null, qbo_fingerprint: null });
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ backfill_completed_at: null, backfill_checkpoint: null });
    await pass(a);
    const [hsInvoice, ...others] = await a.hs.all('invoices');
    expect(others).toEqual([]);
    expect((await lineItemsOf(a, hsInvoice!.id)).map((li) => li.properties.name)).toEqual(['Line 1', 'Line 2', 'Line 3']);
    expect(await row(a, 'qbo_id', invoice.Id)).toMatchObject({ state: 'synced', hubspot_id: hsInvoice!.id });
  });

  it('HubSpot → QuickBooks (R13): lines matched by SKU, the others on “Custom line item”, billed to the contact’s customer', async () => {
    const a = await account('two_way');
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) }) });
    const gadget = await a.qb.create('Item', { Name: 'Gadget', Sku: 'G-7', Type: 'Service', UnitPrice: 30, IncomeAccountRef: { value: await incomeAccount(a) } });
    const { contact, invoice } = await hubspotInvoice(a, 'billing@beta.test', [
      ['Gadget', 3, 30, 'G-7'],
      ['Consulting', 2, 120, 'NOT-IN-QBO'],
      ['Travel', 1, 80],
    ]);

    const { counts } = await pass(a);
    expect(counts).toMatchObject({ created: 1, failed: 0 });
    const [qbInvoice, ...others] = await a.qb.all('Invoice');
    expect(others).toEqual([]);
    const customer = (await a.qb.all('Customer')).find((c) => (c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address === 'billing@beta.test')!;
    expect(customer).toBeDefined();
    const custom = (await a.qb.all('Item')).find((i) => i.Name === 'Custom line item')!;
    expect(custom).toMatchObject({ Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    expect(qbInvoice).toMatchObject({ CustomerRef: { value: customer.Id }, TxnDate: '2026-11-20', DueDate: '2026-12-20', DocNumber: `INV-${invoice.id}`, TotalAmt: 410 });
    const sales = (qbInvoice!.Line as Array<{ DetailType: string; Description?: string; Amount: number; SalesItemLineDetail?: { ItemRef: { value: string }; Qty: number; UnitPrice: number } }>).filter(
      (l) => l.DetailType === 'SalesItemLineDetail',
    );
    expect(sales.map((l) => [l.Description, l.SalesItemLineDetail!.ItemRef.value, l.SalesItemLineDetail!.Qty, l.SalesItemLineDetail!.UnitPrice, l.Amount])).toEqual([
      ['Gadget', gadget.Id, 3, 30, 90],
      ['Consulting', custom.Id, 2, 120, 240],
      ['Travel', custom.Id, 1, 80, 80],
    ]);
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'synced', origin: 'hubspot', qbo_id: qbInvoice!.Id });
    // The contact went through the contacts sync: linked there, once.
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts', hubspot_id: contact.id }).first()).toMatchObject({ state: 'synced', qbo_id: customer.Id });

    // R17: an invoice created in HubSpot sends its later edits to QuickBooks.
    await a.hs.update('invoices', invoice.id, { hs_comments: 'Net 30, please' });
    await pass(a);
    expect((await a.qb.read('Invoice', qbInvoice!.Id)).CustomerMemo).toEqual({ value: 'Net 30, please' });
    expect((await a.qb.all('Invoice')).length).toBe(1);
    expect((await a.qb.all('Item')).filter((i) => i.Name === 'Custom line item')).toHaveLength(1);
  });

  it('R23: tax HubSpot computed (automated sales tax) reaches QuickBooks only when the account opted in; none is ever invented', async () => {
    for (const optedIn of [true, false]) {
      const a = await account('hubspot_to_qbo');
      await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a), syncAutomatedTax: optedIn }) });
      const { invoice } = await hubspotInvoice(a, `tax${String(optedIn)}@tax.test`, [['Taxed work', 2, 50]]);
      const [li] = await lineItemsOf(a, invoice.id);
      await a.hs.update('line_items', li!.id, { tax: '8.25' });
      await pass(a);
      const [qbInvoice] = await a.qb.all('Invoice');
      if (optedIn) expect(qbInvoice!.TxnTaxDetail).toMatchObject({ TotalTax: 8.25 });
      else expect((qbInvoice!.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax ?? 0).toBe(0);
      expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'synced' });
    }
  });

  it('a line without a matching item and no income account chosen fails with the fix named (R13)', async () => {
    const a = await account('hubspot_to_qbo');
    const { invoice } = await hubspotInvoice(a, 'nobody@gamma.test', [['Consulting', 1, 100]]);
    await pass(a);
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'failed', reason_code: 'custom_line_account_missing' });
    expect((await row(a, 'hubspot_id', invoice.id)).message).toContain('Choose its income account in the invoice sync settings');
    expect(await a.qb.all('Invoice')).toEqual([]);

    // Once chosen, the same invoice goes through on the next attempt (a new create, not a replay of the refusal).
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) }) });
    await a.hs.update('invoices', invoice.id, { hs_comments: 'retry' });
    await pass(a);
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'synced' });
    expect(await a.qb.all('Invoice')).toHaveLength(1);
  });

  it('R17: QuickBooks owns the invoices it created — HubSpot edits are not sent back, QuickBooks edits arrive', async () => {
    const a = await account('two_way');
    const customer = await a.qb.create('Customer', { DisplayName: 'Delta LLC', PrimaryEmailAddr: { Address: 'ap@delta.test' } });
    const item = await a.qb.create('Item', { Name: 'Service', Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, TxnDate: '2026-11-24', CustomerMemo: { value: 'from QBO' }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 } }] });
    await pass(a);
    const [hsInvoice] = await a.hs.all('invoices');

    await a.hs.update('invoices', hsInvoice!.id, { hs_comments: 'edited in HubSpot' });
    await pass(a);
    expect((await a.qb.read('Invoice', invoice.Id)).CustomerMemo).toEqual({ value: 'from QBO' });
    expect(await row(a, 'qbo_id', invoice.Id)).toMatchObject({ state: 'synced', reason_code: 'owned_by_quickbooks' });
    expect((await row(a, 'qbo_id', invoice.Id)).message).toContain('created in QuickBooks');

    const current = await a.qb.read('Invoice', invoice.Id);
    await a.qb.update('Invoice', { Id: invoice.Id, SyncToken: current.SyncToken, CustomerMemo: { value: 'changed in QBO' } });
    await pass(a);
    expect((await a.hs.all('invoices'))[0]!.properties.hs_comments).toBe('changed in QBO');
  });

  it('R18: QuickBooks may not change the lines of an invoice created in HubSpot — a sync issue on the record, nothing overwritten', async () => {
    const a = await account('two_way', {});
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) }) });
    const { invoice } = await hubspotInvoice(a, 'ap@echo.test', [['Hours', 10, 100]]);
    await pass(a);
    const [qbInvoice] = await a.qb.all('Invoice');

    // A field update in QuickBooks is fine and arrives in HubSpot.
    let current = await a.qb.read('Invoice', qbInvoice!.Id);
    await a.qb.update('Invoice', { Id: current.Id, SyncToken: current.SyncToken, DueDate: '2027-01-15' });
    await pass(a);
    expect((await a.hs.all('invoices'))[0]!.properties.hs_due_date).toBe('2027-01-15T00:00:00.000Z');
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'synced' });

    // A price change in QuickBooks is not: the record says so, and HubSpot keeps its lines.
    current = await a.qb.read('Invoice', qbInvoice!.Id);
    const line = (current.Line as Array<Record<string, unknown>>).find((l) => l.DetailType === 'SalesItemLineDetail')!;
    const detail = line.SalesItemLineDetail as Record<string, unknown>;
    await a.qb.update('Invoice', { Id: current.Id, SyncToken: current.SyncToken, Line: [{ ...line, Amount: 900, SalesItemLineDetail: { ...detail, UnitPrice: 90 } }] });
    await pass(a);
    const record = (await row(a, 'hubspot_id', invoice.id));
    expect(record).toMatchObject({ state: 'failed', reason_code: 'changed_in_quickbooks' });
    expect(record.message).toContain('lines changed in QuickBooks');
    expect((await lineItemsOf(a, invoice.id)).map((li) => [li.properties.quantity, li.properties.price])).toEqual([['10', '100']]);
    expect((await a.qb.read('Invoice', qbInvoice!.Id)).TotalAmt).toBe(900); // and nothing was pushed back over QuickBooks either
  });

  it('R18: QuickBooks may add a payment to an invoice created in HubSpot, not remove one', async () => {
    const a = await account('two_way');
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) }) });
    const { invoice } = await hubspotInvoice(a, 'ap@golf.test', [['Hours', 2, 100]]);
    await pass(a);
    const [qbInvoice] = await a.qb.all('Invoice');
    const payment = await a.qb.create('Payment', { CustomerRef: qbInvoice!.CustomerRef, TotalAmt: 200, Line: [{ Amount: 200, LinkedTxn: [{ TxnId: qbInvoice!.Id, TxnType: 'Invoice' }] }] });
    await pass(a);
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'synced' });
    expect((await a.hs.all('invoices'))[0]!.properties.hs_invoice_status).toBe('paid');

    const current = await a.qb.read('Payment', payment.Id);
    await a.qb.api('POST', '/payment?operation=delete', { Id: current.Id, SyncToken: current.SyncToken });
    await pass(a);
    const record = (await row(a, 'hubspot_id', invoice.id));
    expect(record).toMatchObject({ state: 'failed', reason_code: 'changed_in_quickbooks' });
    expect(record.message).toContain('payments (one was removed)');
    expect((await a.hs.all('invoices'))[0]!.properties.hs_invoice_status).toBe('paid'); // not overwritten
  });

  it('R7: QuickBooks custom fields are offered under their names; a new mapping syncs the invoices already synced too', async () => {
    const a = await account('qbo_to_hubspot');
    // The company names its first custom field "Crew #" (QuickBooks settings), and our connection re-reads Preferences.
    const current = (await a.qb.api('GET', '/preferences')).Preferences as { SyncToken: string };
    const customFields = { CustomField: [{ CustomField: [{ Name: 'SalesFormsPrefs.UseSalesCustom1', Type: 'BooleanType', BooleanValue: true }, { Name: 'SalesFormsPrefs.SalesCustomName1', Type: 'StringType', StringValue: 'Crew #' }] }] };
    await a.qb.api('POST', '/preferences', { Id: '1', SyncToken: current.SyncToken, sparse: true, SalesFormsPrefs: customFields });
    expect((await h.signedFetch('/api/v1/setup-checks', a.portalId)).status).toBe(200); // a setup visit re-reads Preferences

    const fields = fieldCatalogueResponseSchema.parse(await (await h.signedFetch('/api/v1/syncs/invoices/fields', a.portalId)).json());
    expect(fields.qbo.filter((f) => f.name.startsWith('CustomField.'))).toEqual([{ name: 'CustomField.1', label: 'Crew # (custom field)', kind: 'string', readOnly: false, filterOnly: false }]);

    const customer = await a.qb.create('Customer', { DisplayName: 'Crew Co', PrimaryEmailAddr: { Address: 'crew@co.test' } });
    const item = await a.qb.create('Item', { Name: 'Job', Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'Crew 7' }], Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 10 } }] });
    await pass(a);
    expect((await a.hs.all('invoices'))[0]!.properties.hs_purchase_order_number ?? null).toBeNull();
    // Time passes: the catch-up cursors move well past this invoice's last change.
    const later = new Date(Date.now() + 10 * 60_000);
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ qbo_cursor: later, hubspot_cursor: later });

    const mappings = [...defaultInvoiceMappings(), { id: 'crew', kind: 'custom', enabled: true, hubspotProperty: 'hs_purchase_order_number', qboField: 'CustomField.1', direction: 'to_hubspot' }];
    const saved = await h.signedFetch('/api/v1/syncs/invoices', a.portalId, { method: 'PUT', body: { direction: 'qbo_to_hubspot', conflictWinner: 'quickbooks', fieldMappings: mappings, filters: { toQbo: [], toHubSpot: [] }, options: {} } });
    expect(saved.status, await saved.clone().text()).toBe(200);
    await pass(a); // the invoice did not change in QuickBooks; the new mapping brings its value anyway
    expect((await a.hs.all('invoices'))[0]!.properties.hs_purchase_order_number).toBe('Crew 7');
  });

  it('R22: invoices cannot be sent to a company outside the US — refused at setup with the reason; QuickBooks → HubSpot is fine', async () => {
    const a = await account('two_way', {}, { country: 'CA' });
    expect(a.setup.status).toBe(400);
    const body = (await a.setup.json()) as { error: { code: string; details: Array<{ path: string[]; message: string }> } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.find((d) => d.path[0] === 'direction')!.message).toContain('outside the US');
    const recommended = await h.signedFetch('/api/v1/syncs/invoices/recommended', a.portalId, { method: 'POST' });
    expect(recommended.status).toBe(201);
    expect(await recommended.json()).toMatchObject({ direction: 'qbo_to_hubspot' });
  });

  it('the outbound (HubSpot → QuickBooks) filter is fixed: drafts and invoices from before setup stay in HubSpot', async () => {
    const a = await account('hubspot_to_qbo');
    const edited = await h.signedFetch('/api/v1/syncs/invoices', a.portalId, {
      method: 'PUT',
      body: { direction: 'hubspot_to_qbo', conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), filters: { toQbo: [{ criteria: [{ property: 'hs_title', operator: 'HAS_PROPERTY' }] }], toHubSpot: [] }, options: {} },
    });
    expect(edited.status).toBe(400);
    const { invoice } = await hubspotInvoice(a, 'draft@fox.test', [['Thing', 1, 5]], { hs_invoice_status: 'draft' });
    await pass(a);
    expect(await row(a, 'hubspot_id', invoice.id)).toMatchObject({ state: 'excluded', reason_code: 'filtered_out' });
    expect(await a.qb.all('Invoice')).toEqual([]);
    expect(await a.qb.all('Customer')).toEqual([]);
  });

  it('a customer the contacts sync cannot bring to HubSpot fails the invoice with that reason', async () => {
    const a = await account('qbo_to_hubspot');
    await h.signedFetch('/api/v1/syncs/contacts/disable', a.portalId, { method: 'POST' });
    const customer: QboEntity = await a.qb.create('Customer', { DisplayName: 'Zed Co', PrimaryEmailAddr: { Address: 'zed@zed.test' } });
    const item = await a.qb.create('Item', { Name: 'Thing', Type: 'Service', IncomeAccountRef: { value: await incomeAccount(a) } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 5, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 5 } }] });
    await pass(a);
    const record = (await row(a, 'qbo_id', invoice.Id));
    expect(record).toMatchObject({ state: 'failed', reason_code: 'customer_not_synced' });
    expect(record.message).toContain('contacts sync');
    expect(await a.hs.all('invoices')).toEqual([]);

    // With the contacts sync back on, a retry (the next pass after a change) succeeds.
    await h.signedFetch('/api/v1/syncs/contacts/enable', a.portalId, { method: 'POST' });
    await pass(a, contactsAdapter);
    const current = await a.qb.read('Invoice', invoice.Id);
    await a.qb.update('Invoice', { Id: current.Id, SyncToken: current.SyncToken, PrivateNote: 'retry' });
    await pass(a);
    expect(await row(a, 'qbo_id', invoice.Id)).toMatchObject({ state: 'synced' });
    expect(await a.hs.all('invoices')).toHaveLength(1);
  });
});
