/** Contract: the v3 objects basic API through the official client. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sandbox.close();
});

describe('objects basic API', () => {
  it('creates, reads, updates and archives a contact', async () => {
    const created = await h.client.crm.contacts.basicApi.create({ properties: { email: 'Ada@Example.com', firstname: 'Ada' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe('ada@example.com');
    expect(created.properties.hs_object_id).toBe(created.id);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.properties.createdate).toBe(created.createdAt.toISOString());

    const read = await h.client.crm.contacts.basicApi.getById(created.id, ['firstname', 'lastname']);
    expect(read.properties).toMatchObject({ firstname: 'Ada', lastname: null, hs_object_id: created.id });

    const byEmail = await h.client.crm.contacts.basicApi.getById('ada@example.com', undefined, undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(created.id);

    await new Promise((r) => setTimeout(r, 5));
    const updated = await h.client.crm.contacts.basicApi.update(created.id, { properties: { lastname: 'Lovelace' } });
    expect(updated.properties.lastname).toBe('Lovelace');
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(updated.properties.hs_lastmodifieddate).toBe(updated.updatedAt.toISOString());

    await h.client.crm.contacts.basicApi.archive(created.id);
    expect((await errorOf(h.client.crm.contacts.basicApi.getById(created.id))).code).toBe(404);
    const archived = await h.client.crm.contacts.basicApi.getById(created.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it('rejects unknown properties and invalid values with HubSpot validation errors', async () => {
    const err = await errorOf(h.client.crm.contacts.basicApi.create({ properties: { email: 'x@y.com', favourite_colour: 'red' }, associations: [] }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
    expect(err.body.message).toContain('PROPERTY_DOESNT_EXIST');
    const bad = await errorOf(h.client.crm.deals.basicApi.create({ properties: { dealname: 'x', amount: 'lots' }, associations: [] }));
    expect(bad.code).toBe(400);
    const option = await errorOf(h.client.crm.deals.basicApi.create({ properties: { dealname: 'x', dealstage: 'nope' }, associations: [] }));
    expect(option.body.message).toContain('INVALID_OPTION');
  });

  it('enforces unique email with 409 and the existing id', async () => {
    const first = await h.client.crm.contacts.basicApi.create({ properties: { email: 'dup@example.com' }, associations: [] });
    const err = await errorOf(h.client.crm.contacts.basicApi.create({ properties: { email: 'DUP@example.com' }, associations: [] }));
    expect(err.code).toBe(409);
    expect(err.body.message).toContain(first.id);
  });

  it('requires hs_currency on invoices and hs_initial_amount on payments', async () => {
    expect((await errorOf(h.client.crm.objects.basicApi.create('invoices', { properties: {}, associations: [] }))).code).toBe(400);
    const invoice = await h.client.crm.commerce.invoices.basicApi.create({ properties: { hs_currency: 'USD' }, associations: [] });
    expect(invoice.properties.hs_invoice_status).toBe('draft');
    expect((await errorOf(h.client.crm.objects.basicApi.create('commerce_payments', { properties: { hs_initial_amount: '10' }, associations: [] }))).code).toBe(400);
  });

  it('pages a list with after', async () => {
    for (let i = 0; i < 5; i++) await h.client.crm.products.basicApi.create({ properties: { name: `P${i}`, price: String(i) } });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await h.client.crm.products.basicApi.getPage(2, after, ['name']);
      seen.push(...page.results.map((r) => r.properties.name ?? ''));
      after = page.paging?.next?.after;
    } while (after);
    expect(seen).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
  });

  it('returns propertiesWithHistory with the source of each change, newest first', async () => {
    const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'history@example.com', firstname: 'One' }, associations: [] });
    await h.control('PATCH', `/accounts/${h.portalId}/objects/contacts/${c.id}`, { properties: { firstname: 'Two' } });
    const read = await h.client.crm.contacts.basicApi.getById(c.id, ['firstname'], ['firstname', 'email']);
    const history = read.propertiesWithHistory ?? {};
    expect(history.firstname?.map((e) => [e.value, e.sourceType])).toEqual([['Two', 'CRM_UI'], ['One', 'INTEGRATION']]);
    expect(history.firstname?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(history.email?.map((e) => e.value)).toEqual(['history@example.com']);
    const batch = await h.client.crm.contacts.batchApi.read({ inputs: [{ id: c.id }], properties: [], propertiesWithHistory: ['firstname'] });
    expect(batch.results[0]?.propertiesWithHistory?.firstname).toHaveLength(2);
  });

  it('merges contacts: the merged id and email resolve to the primary, empty values are filled', async () => {
    const primary = await h.client.crm.contacts.basicApi.create({ properties: { email: 'keep@example.com', firstname: 'Keep' }, associations: [] });
    const other = await h.client.crm.contacts.basicApi.create({ properties: { email: 'old@example.com', firstname: 'Other', phone: '+1 555 0100' }, associations: [] });
    const merged = await h.client.crm.contacts.basicApi.merge({ primaryObjectId: primary.id, objectIdToMerge: other.id });
    expect(merged.id).toBe(primary.id);
    expect(merged.properties).toMatchObject({ firstname: 'Keep', phone: '+1 555 0100', hs_merged_object_ids: other.id });
    expect((await h.client.crm.contacts.basicApi.getById(other.id)).id).toBe(primary.id);
    expect((await h.client.crm.contacts.basicApi.getById('old@example.com', undefined, undefined, undefined, false, 'email')).id).toBe(primary.id);
    const err = await errorOf(h.client.crm.contacts.basicApi.merge({ primaryObjectId: primary.id, objectIdToMerge: other.id }));
    expect(err.code).toBe(400);
  });

  it('works with the client\'s getAll pager', async () => {
    await h.control('POST', `/accounts/${h.portalId}/seed`, { objectType: 'companies', count: 250, seed: 2 });
    const all = await h.client.crm.companies.getAll(100, undefined, ['name']);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((c) => c.id)).size).toBe(250);
  });

  it('answers 401 without a valid token', async () => {
    const res = await fetch(`${h.sandbox.baseUrl}/crm/v3/objects/contacts`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });
});
