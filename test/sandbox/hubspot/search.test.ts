/** Contract: CRM search through the official client: operators, sorts, paging, limits, 10k cap, lag. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filter } from '@hubspot/api-client/lib/codegen/crm/objects/models/Filter.js';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
const search = (type: string, body: Record<string, unknown>) =>
  h.client.crm.objects.searchApi.doSearch(type, { filterGroups: [], sorts: [], properties: [], limit: 10, ...body });

beforeAll(async () => {
  h = await startHarness();
  const people = [
    ['ann', 'Smith', 'lead', '10'], ['bob', 'Jones', 'customer', '20'], ['cy', 'Smith', 'customer', '30'], ['dee', 'Brown', 'opportunity', ''],
  ];
  for (const [first, last, stage] of people) {
    await h.client.crm.contacts.basicApi.create({ properties: { email: `${first}@corp.example.com`, firstname: first ?? '', lastname: last ?? '', lifecyclestage: stage ?? '' }, associations: [] });
  }
  for (const [name, price] of [['Widget', '5'], ['Gadget', '15.5'], ['Gizmo', '100'], ['Thing', '']]) {
    await h.client.crm.products.basicApi.create({ properties: { name: name ?? '', ...(price ? { price } : {}) } });
  }
  // The fixtures are older than the indexing lag by the time the tests search (the lag has its own test).
  await h.control('POST', `/accounts/${h.portalId}/search-index/catch-up`);
});
afterAll(async () => {
  await h.sandbox.close();
});

const f = (propertyName: string, operator: string, extra: Partial<Filter> = {}): Filter => ({ propertyName, operator, ...extra }) as Filter;

describe('search', () => {
  it('combines filter groups as OR of ANDs', async () => {
    const res = await search('contacts', {
      filterGroups: [
        { filters: [f('lastname', 'EQ', { value: 'smith' }), f('lifecyclestage', 'EQ', { value: 'customer' })] },
        { filters: [f('firstname', 'EQ', { value: 'dee' })] },
      ],
      properties: ['firstname'],
    });
    expect(res.results.map((r) => r.properties.firstname).sort()).toEqual(['cy', 'dee']);
    expect(res.total).toBe(2);
  });

  it('supports the comparison, set, presence and token operators', async () => {
    const names = async (filters: Filter[]) => (await search('products', { filterGroups: [{ filters }], properties: ['name'] })).results.map((r) => r.properties.name).sort();
    expect(await names([f('price', 'GT', { value: '10' })])).toEqual(['Gadget', 'Gizmo']);
    expect(await names([f('price', 'LTE', { value: '15.5' })])).toEqual(['Gadget', 'Widget']);
    expect(await names([f('price', 'LT', { value: '100' }), f('price', 'GTE', { value: '5' })])).toEqual(['Gadget', 'Widget']);
    expect(await names([f('price', 'BETWEEN', { value: '6', highValue: '100' })])).toEqual(['Gadget', 'Gizmo']);
    expect(await names([f('name', 'IN', { values: ['widget', 'thing'] })])).toEqual(['Thing', 'Widget']);
    expect(await names([f('name', 'NOT_IN', { values: ['widget', 'thing'] })])).toEqual(['Gadget', 'Gizmo']);
    expect(await names([f('price', 'NOT_HAS_PROPERTY')])).toEqual(['Thing']);
    expect(await names([f('price', 'HAS_PROPERTY'), f('name', 'NEQ', { value: 'Gizmo' })])).toEqual(['Gadget', 'Widget']);
    const emails = await search('contacts', { filterGroups: [{ filters: [f('email', 'CONTAINS_TOKEN', { value: '*@corp.example.com' })] }] });
    expect(emails.total).toBe(4);
    const token = await search('contacts', { filterGroups: [{ filters: [f('lastname', 'CONTAINS_TOKEN', { value: 'jones' })] }], properties: ['firstname'] });
    expect(token.results.map((r) => r.properties.firstname)).toEqual(['bob']);
    const text = await search('contacts', { query: 'smi', properties: ['firstname'] });
    expect(text.results.map((r) => r.properties.firstname).sort()).toEqual(['ann', 'cy']);
  });

  it('compares dates given as epoch ms or ISO strings', async () => {
    const now = Date.now();
    const byMs = await search('contacts', { filterGroups: [{ filters: [f('createdate', 'LTE', { value: String(now) })] }] });
    const byIso = await search('contacts', { filterGroups: [{ filters: [f('createdate', 'LTE', { value: new Date(now).toISOString() })] }] });
    expect(byMs.total).toBe(4);
    expect(byIso.total).toBe(4);
    const future = await search('contacts', { filterGroups: [{ filters: [f('createdate', 'GT', { value: String(now + 60_000) })] }] });
    expect(future.total).toBe(0);
  });

  it('sorts ascending and descending', async () => {
    const asc = await search('products', { sorts: ['price'], properties: ['name'] });
    expect(asc.results.map((r) => r.properties.name)).toEqual(['Widget', 'Gadget', 'Gizmo', 'Thing']);
    const desc = await search('products', { sorts: ['-price'], properties: ['name'] });
    expect(desc.results.map((r) => r.properties.name)).toEqual(['Gizmo', 'Gadget', 'Widget', 'Thing']);
  });

  it('pages with after', async () => {
    const first = await search('contacts', { limit: 3 });
    expect(first.results).toHaveLength(3);
    const second = await search('contacts', { limit: 3, after: first.paging?.next?.after });
    expect(second.results).toHaveLength(1);
    expect(second.paging).toBeUndefined();
  });

  it('enforces page size and filter limits with 400', async () => {
    expect((await errorOf(search('contacts', { limit: 201 }))).code).toBe(400);
    const groups = (n: number, per: number) => Array.from({ length: n }, () => ({ filters: Array.from({ length: per }, () => f('firstname', 'HAS_PROPERTY')) }));
    expect((await search('contacts', { filterGroups: groups(3, 6) })).total).toBe(4);
    expect((await errorOf(search('contacts', { filterGroups: groups(6, 1) }))).code).toBe(400);
    expect((await errorOf(search('contacts', { filterGroups: groups(1, 7) }))).code).toBe(400);
    expect((await errorOf(search('contacts', { filterGroups: groups(4, 5) }))).code).toBe(400);
    expect((await errorOf(search('contacts', { filterGroups: [{ filters: [f('no_such_prop', 'EQ', { value: '1' })] }] }))).code).toBe(400);
  });

  it('caps results at 10,000: paging past it throws 400', async () => {
    await h.control('POST', `/accounts/${h.portalId}/seed`, { objectType: 'line_items', count: 10_050, seed: 3 });
    const nearEnd = await search('line_items', { limit: 100, after: '9900' });
    expect(nearEnd.results).toHaveLength(100);
    expect(nearEnd.total).toBe(10_050);
    expect(nearEnd.paging?.next?.after).toBe('10000');
    const err = await errorOf(search('line_items', { limit: 100, after: nearEnd.paging?.next?.after }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
  });

  it('by default hides writes from search for 5 s (created: not found; updated: old values), while reads by id see them at once', async () => {
    expect((await h.control('GET', `/accounts/${h.portalId}`)).searchLagMs).toBe(5_000);
    const byName = async (name: string) => (await search('companies', { filterGroups: [{ filters: [f('name', 'EQ', { value: name })] }] })).total;
    const created = await h.client.crm.companies.basicApi.create({ properties: { name: 'Lagging Inc' }, associations: [] });
    expect(await byName('Lagging Inc')).toBe(0);
    expect((await h.client.crm.companies.basicApi.getById(created.id)).properties.name).toBe('Lagging Inc');
    const started = Date.now();
    // Without help the index catches up on its own after the lag.
    for (;;) {
      if ((await byName('Lagging Inc')) === 1) break;
      expect(Date.now() - started).toBeLessThan(8_000);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    await h.client.crm.companies.basicApi.update(created.id, { properties: { name: 'Renamed Inc' } });
    expect(await byName('Renamed Inc')).toBe(0);
    expect(await byName('Lagging Inc')).toBe(1);
    expect((await h.client.crm.companies.basicApi.getById(created.id)).properties.name).toBe('Renamed Inc');
    // A test may make time pass for the index, or turn the lag down on purpose.
    await h.control('POST', `/accounts/${h.portalId}/search-index/catch-up`);
    expect(await byName('Renamed Inc')).toBe(1);
    await h.control('PUT', `/accounts/${h.portalId}/limits`, { searchLagMs: 0 });
    await h.client.crm.companies.basicApi.create({ properties: { name: 'Instant Inc' }, associations: [] });
    expect(await byName('Instant Inc')).toBe(1);
    await h.control('PUT', `/accounts/${h.portalId}/limits`, { searchLagMs: 5_000 });
  }, 20_000);
});
