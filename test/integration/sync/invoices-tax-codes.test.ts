/**
 * Invoices and non-US QuickBooks companies (R22) against both emulators: setup offers the company's tax
 * codes and needs a default one before invoices may go to QuickBooks; lines carry their product's tax code
 * (else the default), QuickBooks computes the tax and HubSpot's line items show what it returned; a code
 * that is no longer usable fails the invoice with the fix named; without a code, R22's refusal stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser, type HubSpotObject } from '../../helpers/vendor-data.ts';
import { defaultContactMappings, defaultInvoiceMappings, TAX_CODE_OPTION } from '@quickbooks-sync/contract/definitions';
import { endpoints } from '@quickbooks-sync/contract';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { CUSTOM_LINE_ACCOUNT_OPTION } from '../../../backend/src/sync/objects/invoices/invoice-qbo.ts';

let nextPortal = 59_500_001;
let nextRealm = 7_950_001;
const INVOICE_TO_CONTACT = 177;
const INVOICE_TO_LINE_ITEM = 409;

interface Account {
  portalId: number;
  realmId: string;
  hs: ReturnType<typeof hubspotUser>;
  qb: Awaited<ReturnType<typeof qboUser>>;
}

type Row = { state: string; reason_code: string | null; message: string | null; qbo_id: string | null };

describe('invoices to non-US QuickBooks companies (R22)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function connected(country: string): Promise<Account> {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId, { country })).status).toBe(200);
    const contacts = await h.signedFetch('/api/v1/syncs/contacts', portalId, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'quickbooks', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(contacts.status).toBe(200);
    return { portalId, realmId, hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId) };
  }

  const saveInvoices = (a: Account, direction: string, options: Record<string, string>) =>
    h.signedFetch('/api/v1/syncs/invoices', a.portalId, { method: 'PUT', body: { direction, conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings(), filters: { toQbo: [], toHubSpot: [] }, options } });

  async function taxCodes(a: Account) {
    const res = await h.signedFetch('/api/v1/quickbooks/tax-codes', a.portalId);
    expect(res.status, await res.clone().text()).toBe(200);
    return endpoints.listTaxCodes.response.parse(await res.json());
  }

  const codeId = async (a: Account, name: string) => (await taxCodes(a)).codes.find((c) => c.name === name)!.id;
  const incomeAccount = async (a: Account) => (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;

  async function pass(a: Account) {
    await a.hs.searchIndexed();
    const loaded = await loadSession(h.ctx, a.portalId, 'invoices');
    if (!loaded.ok) throw new Error(loaded.reason);
    return runSyncPass(loaded.session, invoicesAdapter, 'sync_now');
  }

  const row = (a: Account, id: string) => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', hubspot_id: id }).first<Row>();

  async function hubspotInvoice(a: Account, email: string, lines: Array<[string, number, number, string?]>) {
    const contact = await a.hs.create('contacts', { email, firstname: 'Bill', lastname: email.split('@')[0]! });
    const draft = await a.hs.create('invoices', { hs_currency: 'GBP', hs_invoice_date: '2026-11-20', hs_due_date: '2026-12-20' });
    await a.hs.associate('invoices', draft.id, 'contacts', contact.id, [INVOICE_TO_CONTACT]);
    for (const [index, [name, quantity, price, sku]] of lines.entries()) {
      const li = await a.hs.create('line_items', { name, quantity: String(quantity), price: String(price), hs_position_on_quote: String(index), ...(sku ? { hs_sku: sku } : {}) });
      await a.hs.associate('invoices', draft.id, 'line_items', li.id, [INVOICE_TO_LINE_ITEM]);
    }
    return a.hs.update('invoices', draft.id, { hs_invoice_status: 'open' });
  }

  async function lineItemsOf(a: Account, invoiceId: string): Promise<HubSpotObject[]> {
    const ids = h.hubspot.state.account(a.portalId)!.associations.list('invoices', invoiceId, 'line_items').map((l) => l.toId);
    return (await a.hs.all('line_items')).filter((li) => ids.includes(li.id)).sort((x, y) => Number(x.properties.hs_position_on_quote) - Number(y.properties.hs_position_on_quote));
  }

  it('setup: a UK company’s tax codes are offered; sending invoices needs one of them, a US company takes none', async () => {
    const gb = await connected('GB');
    const offered = await taxCodes(gb);
    expect(offered).toMatchObject({ required: true, country: 'GB' });
    expect(offered.codes.map((c) => [c.name, c.ratePercent])).toEqual([
      ['20.0% S', 20],
      ['5.0% R', 5],
      ['0.0% Z', 0],
      ['Exempt', 0],
      ['No VAT', 0],
    ]);

    // R22's refusal as before while no code is chosen; an unknown code is refused by name.
    const none = await saveInvoices(gb, 'two_way', {});
    expect(none.status).toBe(400);
    const refusal = ((await none.json()) as { error: { details: Array<{ path: string[]; message: string }> } }).error.details.find((d) => d.path[0] === 'direction')!;
    expect(refusal.message).toContain('outside the US');
    expect(refusal.message).toContain('Choose the default tax code');
    const unknown = await saveInvoices(gb, 'two_way', { [TAX_CODE_OPTION]: '999' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { details: Array<{ path: string[]; message: string }> } }).error.details).toEqual([{ path: ['options', TAX_CODE_OPTION], message: 'Tax code #999 is not an active sales tax code of this QuickBooks company. Choose one of its tax codes.' }]);
    const chosen = await saveInvoices(gb, 'two_way', { [TAX_CODE_OPTION]: offered.codes[0]!.id });
    expect(chosen.status, await chosen.clone().text()).toBe(200);

    const us = await connected('US');
    expect(await taxCodes(us)).toEqual({ required: false, country: 'US', codes: [] });
    expect((await saveInvoices(us, 'two_way', { [TAX_CODE_OPTION]: 'TAX' })).status).toBe(400);
    expect((await saveInvoices(us, 'two_way', {})).status).toBe(200);
  });

  it('HubSpot → QuickBooks: each line carries its product’s tax code, else the default; QuickBooks computes VAT and HubSpot’s line items show it', async () => {
    const a = await connected('GB');
    const standard = await codeId(a, '20.0% S');
    const zero = await codeId(a, '0.0% Z');
    expect((await saveInvoices(a, 'two_way', { [TAX_CODE_OPTION]: standard, [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) })).status).toBe(200);
    // Children's books are zero-rated in the UK: the item says so.
    await a.qb.create('Item', { Name: 'Picture book', Sku: 'BOOK-1', Type: 'NonInventory', UnitPrice: 12, IncomeAccountRef: { value: await incomeAccount(a) }, SalesTaxCodeRef: { value: zero } });
    const invoice = await hubspotInvoice(a, 'buyer@shop.example', [
      ['Picture book', 2, 12, 'BOOK-1'],
      ['Gift wrapping', 1, 5],
      ['Consulting', 2, 100, 'NOT-IN-QBO'],
    ]);

    expect((await pass(a)).counts).toMatchObject({ created: 1, failed: 0 });
    const [qbInvoice, ...others] = await a.qb.all('Invoice');
    expect(others).toEqual([]);
    const sales = (qbInvoice!.Line as Array<{ DetailType: string; Description?: string; SalesItemLineDetail?: { TaxCodeRef?: { value: string } } }>).filter((l) => l.DetailType === 'SalesItemLineDetail');
    expect(sales.map((l) => [l.Description, l.SalesItemLineDetail!.TaxCodeRef!.value])).toEqual([
      ['Picture book', zero],
      ['Gift wrapping', standard],
      ['Consulting', standard],
    ]);
    // 20 % of 205 on the standard-rated lines, nothing on the zero-rated book; TotalAmt includes the tax.
    expect(qbInvoice).toMatchObject({ GlobalTaxCalculation: 'TaxExcluded', TxnTaxDetail: { TotalTax: 41 }, TotalAmt: 270 });
    expect(await row(a, invoice.id)).toMatchObject({ state: 'synced', qbo_id: qbInvoice!.Id });
    // HubSpot shows QuickBooks' tax: per line, the zero-rated one none.
    expect((await lineItemsOf(a, invoice.id)).map((li) => [li.properties.name, Number(li.properties.tax ?? 0)])).toEqual([
      ['Picture book', 0],
      ['Gift wrapping', 1],
      ['Consulting', 40],
    ]);

    // Writing the tax back is no change to send again: the next passes write nothing.
    const again = await pass(a);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect((await a.qb.read('Invoice', qbInvoice!.Id)).SyncToken).toBe(qbInvoice!.SyncToken);

    // A line changed in HubSpot (R17): QuickBooks recomputes, and HubSpot shows the new tax.
    const [, wrapping] = await lineItemsOf(a, invoice.id);
    await a.hs.update('line_items', wrapping!.id, { quantity: '3' });
    await a.hs.update('invoices', invoice.id, { hs_comments: 'Three wrapped' });
    await pass(a);
    expect(await a.qb.read('Invoice', qbInvoice!.Id)).toMatchObject({ TxnTaxDetail: { TotalTax: 43 }, TotalAmt: 282 });
    expect((await lineItemsOf(a, invoice.id)).map((li) => Number(li.properties.tax ?? 0))).toEqual([0, 3, 40]);
  });

  it('the chosen tax code no longer usable in QuickBooks: the invoice fails with the code and the fix named, then goes through once another is chosen', async () => {
    const a = await connected('GB');
    const standard = await codeId(a, '20.0% S');
    const reduced = await codeId(a, '5.0% R');
    expect((await saveInvoices(a, 'hubspot_to_qbo', { [TAX_CODE_OPTION]: standard, [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) })).status).toBe(200);
    // The bookkeeper made the code inactive in QuickBooks after setup.
    const company = h.qbo.state.company(a.realmId)!;
    company.put('TaxCode', { ...company.get('TaxCode', standard)!, Active: false });
    const invoice = await hubspotInvoice(a, 'late@shop.example', [['Consulting', 1, 100]]);

    await pass(a);
    const failed = await row(a, invoice.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'tax_code_missing' });
    expect(failed.message).toContain(`the default tax code chosen in the invoice sync settings (#${standard}) is not an active sales tax code`);
    expect(failed.message).toContain('Choose another tax code in the invoice sync settings, then retry.');
    expect(await a.qb.all('Invoice')).toEqual([]);

    expect((await saveInvoices(a, 'hubspot_to_qbo', { [TAX_CODE_OPTION]: reduced, [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) })).status).toBe(200);
    await a.hs.update('invoices', invoice.id, { hs_comments: 'retry' });
    await pass(a);
    expect(await row(a, invoice.id)).toMatchObject({ state: 'synced' });
    expect(await a.qb.all('Invoice')).toMatchObject([{ TxnTaxDetail: { TotalTax: 5 }, TotalAmt: 105 }]);
  });

  it('no code chosen (a definition from before tax codes): each invoice meets R22’s refusal with the fix named', async () => {
    const a = await connected('CA');
    expect((await saveInvoices(a, 'hubspot_to_qbo', { [TAX_CODE_OPTION]: await codeId(a, 'HST ON'), [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) })).status).toBe(200);
    await h.db.db('sync_definitions').where({ portal_id: a.portalId, object_type: 'invoices' }).update({ options: JSON.stringify({ [CUSTOM_LINE_ACCOUNT_OPTION]: await incomeAccount(a) }) });
    const invoice = await hubspotInvoice(a, 'eh@maple.example', [['Consulting', 1, 100]]);
    await pass(a);
    const failed = await row(a, invoice.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'non_us_company' });
    expect(failed.message).toContain('Choose the default tax code in the invoice sync settings');
    expect(await a.qb.all('Invoice')).toEqual([]);
  });

  it('QuickBooks → HubSpot: the tax goes to the lines it was charged on (none on zero-rated ones)', async () => {
    const a = await connected('GB');
    expect((await saveInvoices(a, 'qbo_to_hubspot', {})).status).toBe(200);
    await a.hs.create('contacts', { email: 'ap@tea.example', firstname: 'Tea', lastname: 'Room' });
    const customer = await a.qb.create('Customer', { DisplayName: 'Tea Room', PrimaryEmailAddr: { Address: 'ap@tea.example' } });
    const item = await a.qb.create('Item', { Name: 'Tea', Type: 'NonInventory', IncomeAccountRef: { value: await incomeAccount(a) } });
    const line = (description: string, amount: number, code: string) => ({ DetailType: 'SalesItemLineDetail', Amount: amount, Description: description, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount, TaxCodeRef: { value: code } } });
    const qbInvoice = await a.qb.create('Invoice', { CustomerRef: { value: customer.Id }, Line: [line('Loose tea', 30, await codeId(a, '0.0% Z')), line('Teapot', 50, await codeId(a, '20.0% S'))] });
    expect(qbInvoice).toMatchObject({ TxnTaxDetail: { TotalTax: 10 }, TotalAmt: 90 });
    await pass(a);
    const [hsInvoice] = await a.hs.all('invoices');
    expect((await lineItemsOf(a, hsInvoice!.id)).map((li) => [li.properties.name, Number(li.properties.tax ?? 0)])).toEqual([
      ['Loose tea', 0],
      ['Teapot', 10],
    ]);
    const before = (await lineItemsOf(a, hsInvoice!.id)).map((li) => li.id);

    // The bookkeeper corrects the teapot to the reduced rate (and adds a note): the same line items, their tax follows.
    const current = await a.qb.read('Invoice', qbInvoice.Id);
    const lines = (current.Line as Array<Record<string, unknown>>).filter((l) => l.DetailType === 'SalesItemLineDetail');
    const reduced = { ...lines[1]!, SalesItemLineDetail: { ...(lines[1]!.SalesItemLineDetail as Record<string, unknown>), TaxCodeRef: { value: await codeId(a, '5.0% R') } } };
    await a.qb.update('Invoice', { Id: current.Id, SyncToken: current.SyncToken, Line: [lines[0], reduced], CustomerMemo: { value: 'Teapot at the reduced rate' } });
    await pass(a);
    const after = await lineItemsOf(a, hsInvoice!.id);
    expect(after.map((li) => li.id)).toEqual(before);
    expect(after.map((li) => Number(li.properties.tax ?? 0))).toEqual([0, 2.5]);
  });
});
