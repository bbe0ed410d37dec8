/** The query language: escaping, operators, paging limits, active-only default, parse Faults. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;

function names(res: ApiResponse, entity = 'Customer'): string[] {
  expect(res.status, res.text).toBe(200);
  return ((res.json.QueryResponse[entity] ?? []) as Array<{ DisplayName?: string; Name?: string }>).map((r) => r.DisplayName ?? r.Name ?? '');
}

beforeAll(async () => {
  h = await startHarness();
  for (const DisplayName of ["O'Brien & Sons", 'OBrien and Sons', 'Acme Corp', 'acme widgets', 'Zeta %Percent', 'Back\\slash Ltd']) {
    const res = await h.api('/customer', { body: { DisplayName } });
    expect(res.status, res.text).toBe(200);
  }
  await h.control(`/companies/${h.realmId}/seed`, 'POST', { seed: 5, customers: 1200 });
});
afterAll(() => h.sandbox.close());

describe('query language', () => {
  it("finds O'Brien & Sons with the backslash-escaped apostrophe (URL-encoded statement)", async () => {
    expect(names(await h.query("select * from Customer where DisplayName = 'O\\'Brien & Sons'"))).toEqual(["O'Brien & Sons"]);
    expect(names(await h.query("SELECT * FROM Customer WHERE DisplayName LIKE 'O\\'Brien%'"))).toEqual(["O'Brien & Sons"]);
    expect(names(await h.query("select * from Customer where DisplayName = 'Back\\\\slash Ltd'"))).toEqual(['Back\\slash Ltd']);
  });

  it('an unescaped apostrophe is a parse error (4000), not a crash', async () => {
    const res = await h.query("select * from Customer where DisplayName = 'O'Brien & Sons'");
    expect(res.status).toBe(400);
    expect(res.json.Fault.Error[0]).toMatchObject({ code: '4000', Message: 'Error parsing query' });
    expect(res.json.Fault.Error[0].Detail).toMatch(/^QueryParserError: /);
  });

  it('rejects malformed statements with the QueryParserError Fault, never a 500', async () => {
    const bad = [
      '',
      'select',
      'select * from',
      'select * Customer',
      'delete from Customer',
      "select * from Customer where DisplayName = 'x' or Active = true",
      "select * from Customer where DisplayName != 'x'",
      "select * from Customer where DisplayName = 'unterminated",
      'select * from Customer where Id = ',
      'select * from Customer where Id in (1, 2',
      'select * from Customer maxresults ten',
      'select * from Customer group by DisplayName',
      'select * from Customer; drop table Customer',
      "select * from Customer where DisplayName like 5",
      'select count( from Customer',
    ];
    for (const sql of bad) {
      const res = await h.query(sql);
      expect(res.status, sql).toBe(400);
      expect(res.json.Fault.Error[0].code, sql).toBe('4000');
    }
  });

  it('refuses run-together tokens and unknown keywords (4000 QueryParserError) but accepts the same statements well spaced', async () => {
    const malformed = [
      'select * from Customer maxresults 10startposition 11',
      'select * from Customer startposition 1maxresults 10',
      "select * from Customer where DisplayName = 'Acme Corp'and Active = true",
      'select * from Customer where Balance > 1.2.3',
      'select * from Customer limit 10',
      'select * from Customer where Active = true maxresult 10',
      'select * from Customer startposition 1 startposition 2',
      'select * from Customer orderby',
      'select * from Customer where DisplayName like',
      'select * from Customer maxresults 10.5',
      'select * form Customer',
    ];
    for (const sql of malformed) {
      const res = await h.query(sql);
      expect(res.status, sql).toBe(400);
      expect(res.json.Fault.Error[0], sql).toMatchObject({ code: '4000', Message: 'Error parsing query' });
      expect(res.json.Fault.Error[0].Detail, sql).toMatch(/^QueryParserError: (Lexical error|Encountered)/);
    }
    const lexical = await h.query('select * from Customer maxresults 10startposition 11');
    expect(lexical.json.Fault.Error[0].Detail).toBe('QueryParserError: Lexical error at line 1, column 37.  Encountered: "s" (115), after : "10"');
    const valid = [
      'select * from Customer maxresults 10 startposition 11',
      'select * from Customer startposition 11 maxresults 10',
      "select * from Customer where DisplayName = 'Acme Corp' and Active = true",
      "SELECT * FROM Customer WHERE DisplayName IN ('Acme Corp','acme widgets') ORDERBY DisplayName DESC MAXRESULTS 5",
      'select count(*) from Customer where Balance >= 0',
    ];
    for (const sql of valid) expect((await h.query(sql)).status, sql).toBe(200);
  });

  it('validation errors: unknown entity, non-filterable property, maxresults over 1000', async () => {
    const entity = await h.query('select * from Dragon');
    expect(entity.json.Fault.Error[0].code).toBe('4001');
    const field = await h.query("select * from Customer where Notes = 'x'");
    expect(field.json.Fault.Error[0].code).toBe('4001');
    const max = await h.query('select * from Customer maxresults 1001');
    expect(max.status).toBe(400);
    expect(max.json.Fault.Error[0].code).toBe('4001');
    expect(max.json.Fault.Error[0].Detail).toContain('Max allowed value is 1000');
  });

  it('pages: default 100, maxresults up to 1000, startposition is 1-based, empty page is {}', async () => {
    const first = await h.query('select * from Customer');
    expect(first.json.QueryResponse.Customer).toHaveLength(100);
    expect(first.json.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 100 });
    const big = await h.query('select * from Customer startposition 201 maxresults 1000');
    expect(big.json.QueryResponse.Customer).toHaveLength(1000);
    expect(big.json.QueryResponse.startPosition).toBe(201);
    expect(first.json.QueryResponse.Customer.at(-1).Id).toBe('100');
    expect(big.json.QueryResponse.Customer[0].Id).toBe('201');
    const total = (await h.query('select count(*) from Customer')).json.QueryResponse.totalCount as number;
    expect(total).toBe(1206);
    const tail = await h.query(`select * from Customer startposition ${total - 5} maxresults 1000`);
    expect(tail.json.QueryResponse.Customer).toHaveLength(6);
    expect((await h.query(`select * from Customer startposition ${total + 1}`)).json.QueryResponse).toEqual({});
  });

  it('walking pages by startposition returns every customer exactly once', async () => {
    const seen = new Set<string>();
    for (let start = 1; ; start += 500) {
      const page = (await h.query(`select * from Customer orderby DisplayName startposition ${start} maxresults 500`)).json.QueryResponse;
      for (const c of page.Customer ?? []) seen.add(c.Id);
      if ((page.Customer?.length ?? 0) < 500) break;
    }
    expect(seen.size).toBe(1206);
  });

  it('supports IN, LIKE (% only, case-insensitive), comparisons, ORDERBY and ORDER BY', async () => {
    expect(names(await h.query("select * from Customer where DisplayName in ('Acme Corp', 'acme widgets')"))).toEqual(['Acme Corp', 'acme widgets']);
    expect(names(await h.query("select * from Customer where DisplayName like 'acme%' orderby DisplayName desc"))).toEqual(['acme widgets', 'Acme Corp']);
    expect(names(await h.query("select * from Customer where DisplayName like '%\\%Percent'"))).toEqual(['Zeta %Percent']);
    expect(names(await h.query("select * from Customer where DisplayName like 'Acme_Corp'"))).toEqual([]);
    expect(names(await h.query("select * from Customer where Id >= '3' and Id <= '4' ORDER BY Id DESC"))).toEqual(['acme widgets', 'Acme Corp']);
    expect(names(await h.query("select * from Customer where DisplayName = 'ACME CORP'"))).toEqual(['Acme Corp']);
  });

  it('filters by MetaData.LastUpdatedTime (either spelling) and accepts POST application/text', async () => {
    const since = '2000-01-01T00:00:00-07:00';
    const a = await h.query(`select count(*) from Customer where MetaData.LastUpdatedTime > '${since}'`);
    const b = await h.query(`select count(*) from Customer where Metadata.LastUpdatedTime > '${since}'`);
    expect(a.json.QueryResponse.totalCount).toBe(1206);
    expect(b.json.QueryResponse.totalCount).toBe(1206);
    const future = await h.query("select * from Customer where MetaData.LastUpdatedTime > '2999-01-01T00:00:00Z'");
    expect(future.json.QueryResponse).toEqual({});
    const posted = await h.api('/query?minorversion=75', { body: "select * from Customer where DisplayName = 'Acme Corp'", contentType: 'application/text' });
    expect(names(posted)).toEqual(['Acme Corp']);
  });

  it('name lists default to active records; Active IN (true,false) includes inactive', async () => {
    const c = (await h.query("select * from Customer where DisplayName = 'OBrien and Sons'")).json.QueryResponse.Customer[0];
    await h.api('/customer', { body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: false } });
    expect((await h.query('select count(*) from Customer')).json.QueryResponse.totalCount).toBe(1205);
    expect((await h.query('select count(*) from Customer where Active = false')).json.QueryResponse.totalCount).toBe(1);
    expect((await h.query('select count(*) from Customer where Active in (true, false)')).json.QueryResponse.totalCount).toBe(1206);
  });

  it('queries items by Sku and accounts by AccountType; Preferences and CompanyInfo are queryable', async () => {
    await h.api('/item', { body: { Name: 'Sku probe', Sku: 'ABC-1', Type: 'Service', IncomeAccountRef: { value: '1' } } });
    expect(names(await h.query("select * from Item where Sku = 'ABC-1'"), 'Item')).toEqual(['Sku probe']);
    expect(names(await h.query("select * from Account where AccountType = 'Income'"), 'Account').length).toBeGreaterThan(0);
    expect((await h.query('select * from Preferences')).json.QueryResponse.Preferences).toHaveLength(1);
    expect((await h.query('select * from CompanyInfo')).json.QueryResponse.CompanyInfo[0].CompanyName).toBe('Harness Co');
  });
});
