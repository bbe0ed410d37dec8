/**
 * Second opinion: the `node-quickbooks` client (unchanged; only its static base URL re-pointed)
 * creates, reads, updates and pages through entities on the emulator.
 */
import * as nodeQuickbooks from 'node-quickbooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesLine, startHarness, type Harness } from './helpers.ts';

// node-quickbooks is CommonJS (`module.exports = QuickBooks`): from ESM the class is the default
// export, which its bundled typings (written for CJS consumers) describe as the named `QuickBooks`.
const QuickBooks = nodeQuickbooks.default as unknown as typeof nodeQuickbooks.QuickBooks;
let h: Harness;
let qbo: InstanceType<typeof QuickBooks>;
const savedBase = QuickBooks.V3_ENDPOINT_BASE_URL;

type Callback = (err: unknown, data?: unknown) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- client payloads are inspected loosely
function call<T = Record<string, any>>(run: (cb: Callback) => void): Promise<T> {
  // The client rejects with whatever axios/QBO produced (an AxiosError or a Fault body).
  return new Promise((resolve, reject) => run((err, data) => (err ? reject(err instanceof Error ? err : Object.assign(new Error('QBO fault'), { body: err })) : resolve(data as T))));
}

beforeAll(async () => {
  h = await startHarness();
  QuickBooks.V3_ENDPOINT_BASE_URL = h.sandbox.urls.v3CompanyBase;
  qbo = new QuickBooks(h.clientId, h.clientSecret, h.accessToken, false, h.realmId, true, false, '75', '2.0', null);
});

afterAll(async () => {
  QuickBooks.V3_ENDPOINT_BASE_URL = savedBase;
  await h.sandbox.close();
});

describe('node-quickbooks against the emulator', () => {
  it('creates, reads and (sparse) updates a customer', async () => {
    const created = await call((cb) => qbo.createCustomer({ DisplayName: 'NQ Customer', GivenName: 'Nora', PrimaryEmailAddr: { Address: 'nora@example.com' } }, cb));
    expect(created.Id).toBeDefined();
    expect(created.SyncToken).toBe('0');
    const read = await call((cb) => qbo.getCustomer(created.Id as string, cb));
    expect(read.DisplayName).toBe('NQ Customer');
    const updated = await call((cb) => qbo.updateCustomer({ Id: read.Id, SyncToken: read.SyncToken, CompanyName: 'Nora Ltd' }, cb));
    expect(updated.SyncToken).toBe('1');
    expect(updated.CompanyName).toBe('Nora Ltd');
    expect(updated.PrimaryEmailAddr).toEqual({ Address: 'nora@example.com' });
  });

  it('surfaces a stale SyncToken as a Fault the client passes to the callback', async () => {
    const created = await call((cb) => qbo.createCustomer({ DisplayName: 'Stale One' }, cb));
    await call((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', Notes: 'first' }, cb));
    const error = await call((cb) => qbo.updateCustomer({ Id: created.Id, SyncToken: '0', Notes: 'second' }, cb)).catch((e: unknown) => e);
    expect(error).toMatchObject({ response: { status: 400, data: { Fault: { Error: [{ code: '5010' }] } } } });
  });

  it('creates items and an invoice, then updates the invoice', async () => {
    const item = await call((cb) => qbo.createItem({ Name: 'NQ Widget', Sku: 'NQ-1', Type: 'Service', UnitPrice: 12.5, IncomeAccountRef: { value: '1' } }, cb));
    const customer = await call((cb) => qbo.createCustomer({ DisplayName: 'NQ Buyer', Taxable: false }, cb));
    const invoice = await call((cb) => qbo.createInvoice({ CustomerRef: { value: customer.Id }, Line: [salesLine(item.Id as string, 4, 12.5)] }, cb));
    expect(invoice.TotalAmt).toBe(50);
    expect(invoice.Balance).toBe(50);
    const found = await call((cb) => qbo.findItems({ Sku: 'NQ-1' }, cb));
    expect(found.QueryResponse.Item).toHaveLength(1);
    const updated = await call((cb) => qbo.updateInvoice({ Id: invoice.Id, SyncToken: invoice.SyncToken, Line: [salesLine(item.Id as string, 2, 12.5)] }, cb));
    expect(updated.TotalAmt).toBe(25);
    expect(updated.SyncToken).toBe('1');
    const fetched = await call((cb) => qbo.getInvoice(invoice.Id as string, cb));
    expect(fetched.Balance).toBe(25);
  });

  it('pages through 2,300 customers with fetchAll (limit 1000 pages)', async () => {
    await h.control(`/companies/${h.realmId}/seed`, 'POST', { seed: 11, customers: 2300 });
    const all = await call((cb) => qbo.findCustomers({ fetchAll: true }, cb));
    expect(all.QueryResponse.Customer.length).toBeGreaterThanOrEqual(2300);
    const ids = new Set((all.QueryResponse.Customer as Array<{ Id: string }>).map((c) => c.Id));
    expect(ids.size).toBe(all.QueryResponse.Customer.length);
    const page = await call((cb) => qbo.findCustomers([{ field: 'limit', value: 50 }, { field: 'offset', value: 101 }], cb));
    expect(page.QueryResponse.Customer).toHaveLength(50);
    expect(page.QueryResponse.startPosition).toBe(101);
    const count = await call((cb) => qbo.findCustomers({ count: true }, cb));
    expect(count.QueryResponse.totalCount).toBe(all.QueryResponse.Customer.length);
  });

  it('finds by a name with an apostrophe using the client\'s own escaping', async () => {
    await call((cb) => qbo.createCustomer({ DisplayName: "O'Brien & Sons" }, cb));
    const found = await call((cb) => qbo.findCustomers({ DisplayName: "O'Brien & Sons" }, cb));
    expect(found.QueryResponse.Customer).toHaveLength(1);
    expect(found.QueryResponse.Customer[0].DisplayName).toBe("O'Brien & Sons");
  });

  it('reads preferences and company info', async () => {
    const prefs = await call((cb) => qbo.getPreferences(cb));
    expect(prefs.SalesFormsPrefs.CustomTxnNumbers).toBe(false);
    const info = await call((cb) => qbo.getCompanyInfo(h.realmId, cb));
    expect(info.Country).toBe('US');
  });
});
