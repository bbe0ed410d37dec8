/** Contract: properties API: custom unique property, groups, and the 409 on a duplicate unique value. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.sandbox.close();
});

describe('properties', () => {
  it('creates a group and a unique property, then enforces uniqueness with 409', async () => {
    const group = await h.client.crm.properties.groupsApi.create('contacts', { name: 'quickbooks', label: 'QuickBooks', displayOrder: 1 });
    expect(group.name).toBe('quickbooks');
    const prop = await h.client.crm.properties.coreApi.create('contacts', {
      name: 'qbo_customer_id', label: 'QBO customer id', type: 'string' as never, fieldType: 'text' as never, groupName: 'quickbooks', hasUniqueValue: true,
    });
    expect(prop.hasUniqueValue).toBe(true);
    expect((await h.client.crm.properties.coreApi.getByName('contacts', 'qbo_customer_id')).groupName).toBe('quickbooks');
    const all = await h.client.crm.properties.coreApi.getAll('contacts');
    expect(all.results.some((p) => p.name === 'qbo_customer_id')).toBe(true);

    const first = await h.client.crm.contacts.basicApi.create({ properties: { email: 'q1@example.com', qbo_customer_id: '42' }, associations: [] });
    const err = await errorOf(h.client.crm.contacts.basicApi.create({ properties: { email: 'q2@example.com', qbo_customer_id: '42' }, associations: [] }));
    expect(err.code).toBe(409);
    expect(err.body.category).toBe('CONFLICT');
    expect(err.body.message).toContain(first.id);
    const other = await h.client.crm.contacts.basicApi.create({ properties: { email: 'q3@example.com' }, associations: [] });
    expect((await errorOf(h.client.crm.contacts.basicApi.update(other.id, { properties: { qbo_customer_id: '42' } }))).code).toBe(409);

    const byQbo = await h.client.crm.contacts.basicApi.getById('42', ['email'], undefined, undefined, false, 'qbo_customer_id');
    expect(byQbo.id).toBe(first.id);
    // After the owner is archived the value is free again.
    await h.client.crm.contacts.basicApi.archive(first.id);
    await h.client.crm.contacts.basicApi.update(other.id, { properties: { qbo_customer_id: '42' } });
  });

  it('rejects a duplicate property name with 409 and a missing group with 400', async () => {
    const err = await errorOf(h.client.crm.properties.coreApi.create('contacts', { name: 'email', label: 'Email', type: 'string' as never, fieldType: 'text' as never, groupName: 'contactinformation' }));
    expect(err.code).toBe(409);
    const noGroup = await errorOf(h.client.crm.properties.coreApi.create('products', { name: 'qbo_item_id', label: 'x', type: 'string' as never, fieldType: 'text' as never, groupName: 'nope' }));
    expect(noGroup.code).toBe(400);
  });

  it('uses a unique property as idProperty for batch upsert', async () => {
    await h.client.crm.properties.coreApi.create('products', { name: 'qbo_item_id', label: 'QBO item', type: 'string' as never, fieldType: 'text' as never, groupName: 'productinformation', hasUniqueValue: true });
    const res = await h.client.crm.products.batchApi.upsert({ inputs: [{ id: 'item-1', idProperty: 'qbo_item_id', properties: { name: 'Hammer', price: '9.99' } }] });
    expect(res.results[0]?._new).toBe(true);
    const again = await h.client.crm.products.batchApi.upsert({ inputs: [{ id: 'item-1', idProperty: 'qbo_item_id', properties: { price: '10.99' } }] });
    expect(again.results[0]?._new).toBe(false);
    expect(again.results[0]?.id).toBe(res.results[0]?.id);
    const notUnique = await errorOf(h.client.crm.products.batchApi.upsert({ inputs: [{ id: 'Hammer', idProperty: 'name', properties: { price: '1' } }] }));
    expect(notUnique.code).toBe(400);
  });
});
