/** The control API: deterministic seeding, raw state, validation of control requests. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sandbox.close());

async function seededCompany(seed: number): Promise<string> {
  const realmId = (await h.control('/companies', 'POST', { companyName: `Seed ${seed}` })).json.realmId as string;
  const result = await h.control(`/companies/${realmId}/seed`, 'POST', { seed, customers: 50, items: 20, invoices: 30, payments: 10 });
  expect(result.status).toBe(200);
  expect(result.json).toMatchObject({ customers: 50, items: 20, invoices: 30 });
  return realmId;
}

async function records(realmId: string, entity: string): Promise<Array<ApiResponse['json']>> {
  const res = await h.control(`/companies/${realmId}/state?entity=${entity}&limit=1000`);
  expect(res.status).toBe(200);
  const list: Array<ApiResponse['json']> = res.json.records;
  return list;
}

describe('control API', () => {
  it('seeding is deterministic by seed and realistic (emails, SKUs, invoice lines, applied payments)', async () => {
    const a = await seededCompany(7);
    const b = await seededCompany(7);
    const c = await seededCompany(8);
    const names = async (realm: string) => (await records(realm, 'Customer')).map((r) => r.DisplayName as string);
    expect(await names(a)).toEqual(await names(b));
    expect(await names(a)).not.toEqual(await names(c));
    const customers = await records(a, 'Customer');
    expect(new Set(customers.map((r) => String(r.DisplayName).toLowerCase())).size).toBe(50);
    expect(customers.every((r) => /@/.test(r.PrimaryEmailAddr.Address))).toBe(true);
    const items = await records(a, 'Item');
    expect(items.every((r) => typeof r.Sku === 'string' && r.Sku.length > 0)).toBe(true);
    const invoices = await records(a, 'Invoice');
    expect(invoices.every((r) => r.Line.length >= 2 && r.TotalAmt > 0)).toBe(true);
    const payments = await records(a, 'Payment');
    expect(payments.length).toBeGreaterThan(0);
    const paid = invoices.filter((r) => r.LinkedTxn.some((l: { TxnType: string }) => l.TxnType === 'Payment'));
    expect(paid.every((r) => r.Balance < r.TotalAmt)).toBe(true);
  });

  it('seeding can fix the lines per invoice and give every payment its own invoice, paid in full', async () => {
    const realmId = (await h.control('/companies', 'POST', { companyName: 'Seed lines' })).json.realmId as string;
    const result = await h.control(`/companies/${realmId}/seed`, 'POST', { seed: 3, customers: 10, items: 5, invoices: 40, payments: 25, linesPerInvoice: 3, oneInvoicePerPayment: true });
    expect(result.json).toMatchObject({ invoices: 40, payments: 25 });
    const invoices = await records(realmId, 'Invoice');
    expect(invoices.map((r) => (r.Line as Array<{ DetailType: string }>).filter((l) => l.DetailType === 'SalesItemLineDetail').length)).toEqual(Array.from({ length: 40 }, () => 3));
    const payments = await records(realmId, 'Payment');
    expect(payments).toHaveLength(25);
    const paidInvoices = payments.map((p) => {
      expect(p.Line).toHaveLength(1);
      expect(p.Line[0].LinkedTxn).toEqual([{ TxnId: expect.any(String), TxnType: 'Invoice' }]);
      return p.Line[0].LinkedTxn[0].TxnId as string;
    });
    expect(new Set(paidInvoices).size).toBe(25);
    const byId = new Map<string, ApiResponse['json']>(invoices.map((r) => [r.Id as string, r]));
    expect(paidInvoices.every((id) => byId.get(id)!.Balance === 0)).toBe(true);
    expect(invoices.filter((r) => r.Balance === 0)).toHaveLength(25);
    // More payments than invoices: each invoice is paid once and no more payments are made.
    const few = (await h.control('/companies', 'POST', { companyName: 'Seed few' })).json.realmId as string;
    expect((await h.control(`/companies/${few}/seed`, 'POST', { seed: 3, customers: 2, items: 2, invoices: 4, payments: 9, oneInvoicePerPayment: true })).json).toMatchObject({ invoices: 4, payments: 4 });
    expect((await h.control(`/companies/${realmId}/seed`, 'POST', { linesPerInvoice: 0 })).status).toBe(400);
  });

  it('seeded data is visible through the API with a minted token', async () => {
    const realmId = await seededCompany(9);
    const token = (await h.control('/tokens', 'POST', { clientId: h.clientId, realmId })).json.access_token as string;
    const res = await h.api(`/query?query=${encodeURIComponent('select count(*) from Invoice')}`, { realmId, token });
    expect(res.json.QueryResponse.totalCount).toBe(30);
  });

  it('rejects invalid control requests with 400 and unknown companies with 404', async () => {
    expect((await h.control('/companies', 'POST', { country: 'USA' })).status).toBe(400);
    expect((await h.control('/companies', 'POST', { preferences: { bookCloseDate: 'yesterday' } })).status).toBe(400);
    expect((await h.control('/apps', 'POST', { redirectUris: ['not a url'] })).status).toBe(400);
    expect((await h.control('/companies/1/seed', 'POST', { customers: 1 })).status).toBe(404);
    expect((await h.control('/tokens', 'POST', { clientId: 'nope', realmId: h.realmId })).status).toBe(404);
    expect((await h.control(`/companies/${h.realmId}/faults`, 'PUT', { serverErrorRate: 2 })).status).toBe(400);
  });

  it('a company summary reports settings and counts', async () => {
    const summary = (await h.control(`/companies/${h.realmId}`)).json;
    expect(summary).toMatchObject({ realmId: h.realmId, companyName: 'Harness Co', country: 'US', homeCurrency: 'USD' });
    expect(summary.counts.Account).toBeGreaterThan(0);
  });
});
