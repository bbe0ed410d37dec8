/**
 * Companies mode of the customers sync (issue 16), against the emulators: companies become customers
 * named after them with their billing contact's e-mail and phone (a chosen association label, else the
 * primary contact); matching by linked id, then name and/or domain, an ambiguous match failing with both
 * candidates named; customers become companies; invoices bill the company's customer and come back to
 * HubSpot associated with the company and its billing contact; one customers sync per account.
 * Each test has its own account; passes are driven by the test (no worker, no webhooks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { BILLING_CONTACT_LABEL_OPTION, defaultCompanyMappings, defaultContactMappings, defaultInvoiceMappings } from '@quickbooks-sync/contract/definitions';
import { companiesAdapter } from '../../../backend/src/sync/objects/companies/companies-adapter.ts';
import { invoicesAdapter } from '../../../backend/src/sync/objects/invoices/invoices-adapter.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';

let nextPortal = 63_400_001;
let nextRealm = 8_340_001;
/** HubSpot-defined contact → company "Primary" (its inverse on the company is 2). */
const PRIMARY_COMPANY = 1;

type Row = { id: number; state: string; hubspot_id: string | null; qbo_id: string | null; reason_code: string | null; message: string | null };

describe('companies mode of the customers sync', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account(options: Record<string, string> = {}, direction: 'two_way' | 'hubspot_to_qbo' | 'qbo_to_hubspot' = 'two_way'): Promise<SyncAccount> {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'companies', { direction, conflictWinner: 'quickbooks', fieldMappings: defaultCompanyMappings(), options });
    return a;
  }
  const row = (a: SyncAccount, side: 'hubspot' | 'qbo', id: string) =>
    h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'companies', [side === 'hubspot' ? 'hubspot_id' : 'qbo_id']: id }).first<Row>();
  const control = async (a: SyncAccount, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.ok, await res.clone().text()).toBe(true);
    return (await res.json()) as { results?: Array<{ category: string; typeId: number; label: string | null }>; typeIds?: number[] };
  };
  const associations = async (a: SyncAccount, from: string, id: string, to: string) => ((await control(a, 'GET', `/associations/${from}/${id}/${to}`)) as unknown as { results: Array<{ toObjectId: string }> }).results.map((r) => r.toObjectId);

  it('a company becomes a customer named after it, with its primary contact’s e-mail and phone', async () => {
    const a = await account();
    const acme = await a.hs.create('companies', { name: 'Acme Robotics', domain: 'acme-robotics.test', city: 'Austin', phone: '555-0100' });
    const ann = await a.hs.create('contacts', { email: 'Ann@Acme-Robotics.test', firstname: 'Ann', phone: '555-0111' });
    await a.hs.associate('contacts', ann.id, 'companies', acme.id, [PRIMARY_COMPANY]);
    // A company with no billing contact syncs too: no e-mail, its own phone.
    const solo = await a.hs.create('companies', { name: 'Solo Studio', phone: '555-0200' });
    await syncPass(h, a, companiesAdapter);

    const customers = await a.qb.all('Customer');
    expect(customers).toHaveLength(2);
    const acmeCustomer = customers.find((c) => c.DisplayName === 'Acme Robotics')!;
    expect(acmeCustomer).toMatchObject({ CompanyName: 'Acme Robotics', PrimaryEmailAddr: { Address: 'ann@acme-robotics.test' }, PrimaryPhone: { FreeFormNumber: '555-0111' }, BillAddr: { City: 'Austin' } });
    const soloCustomer = customers.find((c) => c.DisplayName === 'Solo Studio')!;
    expect(soloCustomer.PrimaryEmailAddr).toBeUndefined();
    expect(soloCustomer).toMatchObject({ PrimaryPhone: { FreeFormNumber: '555-0200' } });
    expect(await row(a, 'hubspot', acme.id)).toMatchObject({ state: 'synced', qbo_id: acmeCustomer.Id });
    expect(await row(a, 'hubspot', solo.id)).toMatchObject({ state: 'synced', qbo_id: soloCustomer.Id });
    // No contact became a customer of its own.
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' })).toHaveLength(0);

    // The billing contact's new e-mail reaches the customer; the company's rename reaches CompanyName (DisplayName stays).
    await a.hs.update('contacts', ann.id, { email: 'billing@acme-robotics.test' });
    await a.hs.update('companies', acme.id, { name: 'Acme Robotics Inc' });
    await syncPass(h, a, companiesAdapter);
    expect(await a.qb.read('Customer', acmeCustomer.Id)).toMatchObject({ DisplayName: 'Acme Robotics', CompanyName: 'Acme Robotics Inc', PrimaryEmailAddr: { Address: 'billing@acme-robotics.test' } });
  });

  it('the chosen association label picks the billing contact over the primary contact', async () => {
    const a = await account({ [BILLING_CONTACT_LABEL_OPTION]: 'Billing contact' });
    // Another label first, so the chosen one is found by its name, not by being the only one.
    await control(a, 'POST', '/association-labels/companies/contacts', { label: 'Decision maker' });
    const { results = [] } = await control(a, 'POST', '/association-labels/companies/contacts', { label: 'Billing contact', inverseLabel: 'Billed company' });
    const billingType = results.find((l) => l.label === 'Billing contact')!.typeId;
    const globex = await a.hs.create('companies', { name: 'Globex', domain: 'globex.test' });
    const boss = await a.hs.create('contacts', { email: 'boss@globex.test', phone: '555-0300' });
    const payer = await a.hs.create('contacts', { email: 'ap@globex.test', phone: '555-0301' });
    await a.hs.associate('contacts', boss.id, 'companies', globex.id, [PRIMARY_COMPANY]);
    await a.hs.associate('companies', globex.id, 'contacts', payer.id, [billingType]);
    await syncPass(h, a, companiesAdapter);
    const [customer] = await a.qb.all('Customer');
    expect(customer).toMatchObject({ DisplayName: 'Globex', PrimaryEmailAddr: { Address: 'ap@globex.test' }, PrimaryPhone: { FreeFormNumber: '555-0301' } });
  });

  it('a label the account does not have fails the company with what to do', async () => {
    const a = await account({ [BILLING_CONTACT_LABEL_OPTION]: 'Accounts payable' });
    const initech = await a.hs.create('companies', { name: 'Initech' });
    await syncPass(h, a, companiesAdapter);
    expect(await a.qb.all('Customer')).toHaveLength(0);
    const failed = await row(a, 'hubspot', initech.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'billing_label_missing' });
    expect(failed.message).toContain('“Accounts payable”');
  });

  it('matches an existing customer by name, or by domain, instead of creating one', async () => {
    const a = await account();
    const byName = await a.qb.create('Customer', { DisplayName: 'Umbrella  corp', PrimaryEmailAddr: { Address: 'info@elsewhere.test' } });
    const byDomain = await a.qb.create('Customer', { DisplayName: 'Hooli (billing)', PrimaryEmailAddr: { Address: 'ap@hooli.test' } });
    const umbrella = await a.hs.create('companies', { name: 'Umbrella Corp' });
    const hooli = await a.hs.create('companies', { name: 'Hooli', domain: 'www.hooli.test' });
    await syncPass(h, a, companiesAdapter);
    expect(await a.qb.all('Customer')).toHaveLength(2);
    expect(await row(a, 'hubspot', umbrella.id)).toMatchObject({ state: 'synced', qbo_id: byName.Id });
    const hooliRow = await row(a, 'hubspot', hooli.id);
    expect(hooliRow, hooliRow.message ?? '').toMatchObject({ state: 'synced', qbo_id: byDomain.Id });
    // The customers' own fields win (QuickBooks wins conflicts here) and a matched customer is never renamed.
    expect((await a.qb.read('Customer', byDomain.Id)).DisplayName).toBe('Hooli (billing)');
    expect(await a.hs.all('companies')).toHaveLength(2);
  });

  it('an ambiguous match fails the company, naming both customers; nothing is created', async () => {
    const a = await account();
    const one = await a.qb.create('Customer', { DisplayName: 'Vandelay Industries', PrimaryEmailAddr: { Address: 'art@other.test' } });
    const two = await a.qb.create('Customer', { DisplayName: 'Vandelay Imports', PrimaryEmailAddr: { Address: 'ap@vandelay.test' } });
    const vandelay = await a.hs.create('companies', { name: 'Vandelay Industries', domain: 'vandelay.test' });
    await syncPass(h, a, companiesAdapter);
    expect(await a.qb.all('Customer')).toHaveLength(2);
    const failed = await row(a, 'hubspot', vandelay.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match', qbo_id: null });
    expect(failed.message).toContain(`customer #${one.Id} (“Vandelay Industries”)`);
    expect(failed.message).toContain(`customer #${two.Id} (“Vandelay Imports”)`);

    // One candidate matching by both name and domain is not ambiguous.
    await a.qb.update('Customer', { Id: one.Id, SyncToken: (await a.qb.read('Customer', one.Id)).SyncToken, PrimaryEmailAddr: { Address: 'art@vandelay.test' } });
    await h.db.db('sync_records').where({ id: failed.id }).update({ failure_basis: null });
    await syncPass(h, a, companiesAdapter);
    expect(await row(a, 'hubspot', vandelay.id)).toMatchObject({ state: 'synced', qbo_id: one.Id });
  });

  it('a customer that is the only match of two companies links neither, naming the other one', async () => {
    const a = await account({}, 'hubspot_to_qbo');
    const customer = await a.qb.create('Customer', { DisplayName: 'Pied Piper' });
    const east = await a.hs.create('companies', { name: 'Pied Piper', domain: 'piedpiper-east.test' });
    const west = await a.hs.create('companies', { name: 'Pied Piper', domain: 'piedpiper-west.test' });
    await syncPass(h, a, companiesAdapter);
    expect(await a.qb.all('Customer')).toHaveLength(1);
    const eastRow = await row(a, 'hubspot', east.id);
    expect(eastRow).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match', qbo_id: null });
    expect(eastRow.message).toContain(`QuickBooks customer #${customer.Id} (“Pied Piper”)`);
    expect(eastRow.message).toContain(`HubSpot company #${west.id}`);
    expect(await row(a, 'hubspot', west.id)).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match', qbo_id: null });
  });

  it('a name a vendor holds fails the company naming the vendor; the display-name policy adds the HubSpot id', async () => {
    const a = await account();
    const vendor = await a.qb.create('Vendor', { DisplayName: 'Cyberdyne' });
    const cyberdyne = await a.hs.create('companies', { name: 'Cyberdyne' });
    await syncPass(h, a, companiesAdapter);
    const failed = await row(a, 'hubspot', cyberdyne.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'display_name_taken' });
    expect(failed.message).toContain(`QuickBooks vendor #${vendor.Id}`);

    const b = await account({ displayNameClash: 'resolve' });
    await b.qb.create('Vendor', { DisplayName: 'Cyberdyne' });
    const again = await b.hs.create('companies', { name: 'Cyberdyne' });
    await syncPass(h, b, companiesAdapter);
    expect(await row(b, 'hubspot', again.id)).toMatchObject({ state: 'synced' });
    expect((await b.qb.all('Customer')).map((c) => [c.DisplayName, c.CompanyName])).toEqual([[`Cyberdyne (${again.id})`, 'Cyberdyne']]);
  });

  it('catch-up’s safety net for a lost contact webhook: the companies of contacts modified since', async () => {
    const a = await account();
    const quiet = await a.hs.create('companies', { name: 'Quiet Co' });
    const busy = await a.hs.create('companies', { name: 'Busy Co' });
    const payer = await a.hs.create('contacts', { email: 'payer@busy.test' });
    await a.hs.associate('contacts', payer.id, 'companies', busy.id, [PRIMARY_COMPANY]);
    await syncPass(h, a, companiesAdapter);
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.hs.update('contacts', payer.id, { email: 'ap@busy.test' });
    await a.hs.searchIndexed();
    const loaded = await loadSession(h.ctx, a.portalId, 'companies');
    if (!loaded.ok) throw new Error(loaded.reason);
    const found = await companiesAdapter.hubspotRecordsWithRelatedChanges!(loaded.session, since);
    expect(found.map((c) => c.id)).toEqual([busy.id]);
    expect(found.map((c) => c.id)).not.toContain(quiet.id);
  });

  it('a customer becomes a company: its CompanyName, else its DisplayName, and its website', async () => {
    const a = await account({}, 'qbo_to_hubspot');
    const customer = await a.qb.create('Customer', { DisplayName: 'Stark Ind.', CompanyName: 'Stark Industries', WebAddr: { URI: 'https://stark.test' }, BillAddr: { City: 'Malibu' } });
    const person = await a.qb.create('Customer', { DisplayName: 'Pepper Potts', PrimaryEmailAddr: { Address: 'pepper@gmail.com' } });
    await syncPass(h, a, companiesAdapter);
    const companies = await a.hs.all('companies');
    expect(companies).toHaveLength(2);
    expect(companies.find((c) => c.properties.qbo_customer_id === customer.Id)?.properties).toMatchObject({ name: 'Stark Industries', website: 'https://stark.test', city: 'Malibu' });
    expect(companies.find((c) => c.properties.qbo_customer_id === person.Id)?.properties).toMatchObject({ name: 'Pepper Potts' });
    expect(await a.hs.all('contacts')).toHaveLength(0);
  });

  it('invoices bill the company’s customer, and come back associated with the company and its billing contact', async () => {
    const a = await account();
    await setUpSync(h, a, 'invoices', { direction: 'two_way', conflictWinner: 'quickbooks', fieldMappings: defaultInvoiceMappings() });
    const wayne = await a.hs.create('companies', { name: 'Wayne Enterprises', domain: 'wayne.test' });
    const alfred = await a.hs.create('contacts', { email: 'alfred@wayne.test', firstname: 'Alfred' });
    await a.hs.associate('contacts', alfred.id, 'companies', wayne.id, [PRIMARY_COMPANY]);
    await syncPass(h, a, companiesAdapter);
    const customerId = (await row(a, 'hubspot', wayne.id)).qbo_id!;

    // QuickBooks → HubSpot: the invoice is the company's, and its billing contact's.
    const income = (await a.qb.all('Account')).find((acc) => acc.Name === 'Services')!.Id;
    const item = await a.qb.create('Item', { Name: 'Consulting', Sku: 'C-1', Type: 'Service', UnitPrice: 100, IncomeAccountRef: { value: income } });
    const invoice = await a.qb.create('Invoice', { CustomerRef: { value: customerId }, DocNumber: 'W-1', Line: [{ DetailType: 'SalesItemLineDetail', Amount: 100, SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 100 } }] });
    await syncPass(h, a, invoicesAdapter);
    const invoiceRow = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', qbo_id: invoice.Id }).first<Row>();
    expect(invoiceRow, JSON.stringify(invoiceRow)).toMatchObject({ state: 'synced' });
    expect(await associations(a, 'invoices', invoiceRow.hubspot_id!, 'companies')).toEqual([wayne.id]);
    expect(await associations(a, 'invoices', invoiceRow.hubspot_id!, 'contacts')).toEqual([alfred.id]);

    // HubSpot → QuickBooks: an invoice on the company (no contact on it) bills the company's customer.
    const hsInvoice = await a.hs.create('invoices', { hs_currency: 'USD', hs_invoice_date: '2026-12-01', hs_due_date: '2026-12-31' });
    const line = await a.hs.create('line_items', { name: 'Consulting', quantity: '2', price: '100', hs_sku: 'C-1' });
    await a.hs.associate('invoices', hsInvoice.id, 'line_items', line.id, [409]);
    await a.hs.associate('invoices', hsInvoice.id, 'companies', wayne.id, [179]);
    await a.hs.associate('invoices', hsInvoice.id, 'contacts', alfred.id, [177]);
    await a.hs.update('invoices', hsInvoice.id, { hs_invoice_status: 'open' });
    await syncPass(h, a, invoicesAdapter);
    const outbound = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'invoices', hubspot_id: hsInvoice.id }).first<Row>();
    expect(outbound, JSON.stringify(outbound)).toMatchObject({ state: 'synced' });
    expect((await a.qb.read('Invoice', outbound.qbo_id!)).CustomerRef).toMatchObject({ value: customerId });
    // The contact did not become a customer of its own.
    expect(await a.qb.all('Customer')).toHaveLength(1);
  });

  it('an account syncs customers with contacts or with companies, not both', async () => {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { fieldMappings: defaultContactMappings() });
    const res = await h.signedFetch('/api/v1/syncs/companies', a.portalId, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'quickbooks', fieldMappings: defaultCompanyMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { message: string; details?: { reason?: string } } };
    expect(body.error.message).toContain('delete the contacts sync first');
    // Deleting the contacts sync frees the mode.
    expect((await h.signedFetch('/api/v1/syncs/contacts', a.portalId, { method: 'DELETE' })).status).toBe(204);
    await setUpSync(h, a, 'companies', { fieldMappings: defaultCompanyMappings() });
  });
});
