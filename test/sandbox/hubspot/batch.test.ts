/** Contract: the v3 batch API through the official client, including 207 partial failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sandbox.close();
});

const liveCount = async (type: string): Promise<number> => (await h.control<{ total: number }>('GET', `/accounts/${h.portalId}/objects/${type}`)).total;

describe('batch API', () => {
  it('creates, reads, updates and archives in batches', async () => {
    const created = await h.client.crm.companies.batchApi.create({
      inputs: [1, 2, 3].map((i) => ({ properties: { name: `Co ${i}`, domain: `co${i}.test` }, associations: [] })),
    });
    expect(created.status).toBe('COMPLETE');
    expect(created.results).toHaveLength(3);
    const ids = created.results.map((r) => r.id);

    const read = await h.client.crm.companies.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: ['name'], propertiesWithHistory: [] });
    expect(read.results.map((r) => r.properties.name).sort()).toEqual(['Co 1', 'Co 2', 'Co 3']);

    const updated = await h.client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { city: 'Paris' } })) });
    expect(updated.results.every((r) => r.properties.city === 'Paris')).toBe(true);

    await h.client.crm.companies.batchApi.archive({ inputs: ids.map((id) => ({ id })) });
    expect(await liveCount('companies')).toBe(0);
  });

  it('rejects more than 100 inputs with 400', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ properties: { name: `P${i}` }, associations: [] }));
    const err = await errorOf(h.client.crm.products.batchApi.create({ inputs }));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
  });

  it('fails the whole batch on an invalid input when inputs carry no objectWriteTraceId', async () => {
    const before = await liveCount('deals');
    const err = await errorOf(h.client.crm.deals.batchApi.create({
      inputs: [{ properties: { dealname: 'ok' }, associations: [] }, { properties: { dealname: 'bad', amount: 'NaN?' }, associations: [] }],
    }));
    expect(err.code).toBe(400);
    expect(await liveCount('deals')).toBe(before);
  });

  it('answers 207 with per-input errors when every input has an objectWriteTraceId', async () => {
    const res = await h.client.crm.deals.batchApi.create({
      inputs: [
        { objectWriteTraceId: 'a', properties: { dealname: 'good 1' }, associations: [] },
        { objectWriteTraceId: 'b', properties: { dealname: 'bad', nope: 'x' }, associations: [] },
        { objectWriteTraceId: 'c', properties: { dealname: 'good 2' }, associations: [] },
      ],
    });
    expect(res.results).toHaveLength(2);
    expect('errors' in res && res.errors).toHaveLength(1);
    const errors = (res as unknown as { errors: { category: string; context: Record<string, string[]> }[]; numErrors: number }).errors;
    expect(errors[0]?.category).toBe('VALIDATION_ERROR');
    expect(errors[0]?.context.objectWriteTraceId).toEqual(['b']);
    expect((res as unknown as { numErrors: number }).numErrors).toBe(1);
  });

  it('reports missing ids of a batch read as a 207 OBJECT_NOT_FOUND error', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({ properties: { email: 'batch-read@example.com' }, associations: [] });
    const raw = await fetch(`${h.sandbox.baseUrl}/crm/v3/objects/contacts/batch/read`, {
      method: 'POST', headers: { authorization: `Bearer ${h.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ id: contact.id }, { id: '999999999' }], properties: ['email'] }),
    });
    expect(raw.status).toBe(207);
    const res = await h.client.crm.contacts.batchApi.read({ inputs: [{ id: contact.id }, { id: '999999999' }], properties: ['email'], propertiesWithHistory: [] });
    expect(res.results).toHaveLength(1);
    const errors = (res as unknown as { errors: { category: string; context: { ids: string[] } }[] }).errors;
    expect(errors[0]?.category).toBe('OBJECT_NOT_FOUND');
    expect(errors[0]?.context.ids).toEqual(['999999999']);
  });

  it('upserts by a unique property and says which records are new', async () => {
    await h.client.crm.contacts.basicApi.create({ properties: { email: 'existing@example.com', firstname: 'Old' }, associations: [] });
    const res = await h.client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: 'existing@example.com', idProperty: 'email', properties: { firstname: 'New' } },
        { id: 'fresh@example.com', idProperty: 'email', properties: { firstname: 'Fresh' } },
      ],
    });
    const byEmail = new Map(res.results.map((r) => [r.properties.email, r]));
    expect(byEmail.get('existing@example.com')?._new).toBe(false);
    expect(byEmail.get('existing@example.com')?.properties.firstname).toBe('New');
    expect(byEmail.get('fresh@example.com')?._new).toBe(true);
  });

  it('rejects duplicate ids in a batch update', async () => {
    const c = await h.client.crm.contacts.basicApi.create({ properties: { email: 'dupe-ids@example.com' }, associations: [] });
    const err = await errorOf(h.client.crm.contacts.batchApi.update({ inputs: [{ id: c.id, properties: { firstname: 'a' } }, { id: c.id, properties: { firstname: 'b' } }] }));
    expect(err.code).toBe(400);
  });
});
