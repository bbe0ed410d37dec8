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
