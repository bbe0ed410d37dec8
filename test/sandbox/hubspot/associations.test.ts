/** Contract: associations v4 (default, labelled, primary company, batch, labels) via the official client. */
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startHarness, type Harness } from './helpers.ts';

let h: Harness;
let contactId: string;
let companyA: string;
let companyB: string;

beforeAll(async () => {
  h = await startHarness();
  contactId = (await h.client.crm.contacts.basicApi.create({ properties: { email: 'assoc@example.com' }, associations: [] })).id;
  companyA = (await h.client.crm.companies.basicApi.create({ properties: { name: 'A' }, associations: [] })).id;
  companyB = (await h.client.crm.companies.basicApi.create({ properties: { name: 'B' }, associations: [] })).id;
});
afterAll(async () => {
  await h.sandbox.close();
});

const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;

describe('associations v4', () => {
  it('creates a default association and lists it from both sides', async () => {
    const res = await h.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'companies', companyA);
    expect(res.results[0]?.associationSpec.associationTypeId).toBe(279);
    const fromContact = await h.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'companies');
    expect(fromContact.results.map((r) => String(r.toObjectId))).toEqual([companyA]);
    expect(fromContact.results[0]?.associationTypes).toEqual([{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }]);
    const fromCompany = await h.client.crm.associations.v4.basicApi.getPage('companies', companyA, 'contacts');
    expect(fromCompany.results[0]?.associationTypes.map((t) => t.typeId)).toEqual([280]);
  });

  it('sets the primary company with typeId 1 and keeps only one primary', async () => {
    const labelled = await h.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyA, [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 }]);
    expect(labelled.labels).toEqual(['Primary']);
    await h.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyB, [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 }]);
    const page = await h.client.crm.associations.v4.basicApi.getPage('contacts', contactId, 'companies');
    const types = new Map(page.results.map((r) => [String(r.toObjectId), r.associationTypes.map((t) => t.typeId).sort((a, b) => a - b)]));
    expect(types.get(companyA)).toEqual([279]);
    expect(types.get(companyB)).toEqual([1, 279]);
    const inverse = await h.client.crm.associations.v4.basicApi.getPage('companies', companyB, 'contacts');
    expect(inverse.results[0]?.associationTypes.find((t) => t.typeId === 2)?.label).toBe('Primary');
    const v3 = await h.client.crm.contacts.basicApi.getById(contactId, ['associatedcompanyid'], undefined, ['companies']);
    expect(v3.properties.associatedcompanyid).toBe(companyB);
    expect(v3.associations?.companies?.results.map((r) => r.type).sort()).toEqual(['contact_to_company', 'contact_to_company_unlabeled', 'contact_to_company_unlabeled']);
  });

  it('lists labels for a pair, including Primary', async () => {
    const labels = await h.client.crm.associations.v4.schema.definitionsApi.getAll('contacts', 'companies');
    expect(labels.results).toEqual(expect.arrayContaining([
      { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
      { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
    ]));
  });

  it('a label an admin creates in settings (control API) is USER_DEFINED, listed both ways, usable with the unlabeled type', async () => {
    const made = await h.control<{ results: Array<{ category: string; typeId: number; label: string | null }> }>('POST', `/accounts/${h.portalId}/association-labels/companies/contacts`, { label: 'Billing contact', inverseLabel: 'Billed company' });
    const billing = made.results.find((l) => l.label === 'Billing contact')!;
    expect(billing.category).toBe('USER_DEFINED');
    expect(billing.typeId).toBeGreaterThanOrEqual(1000);
    const forward = await h.client.crm.associations.v4.schema.definitionsApi.getAll('companies', 'contacts');
    expect(forward.results).toEqual(expect.arrayContaining([{ category: 'USER_DEFINED', typeId: billing.typeId, label: 'Billing contact' }, { category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' }]));
    const inverse = await h.client.crm.associations.v4.schema.definitionsApi.getAll('contacts', 'companies');
    expect(inverse.results.map((l) => l.label)).toContain('Billed company');
    await h.client.crm.associations.v4.basicApi.create('companies', companyA, 'contacts', contactId, [{ associationCategory: AssociationSpecAssociationCategoryEnum.UserDefined, associationTypeId: billing.typeId }]);
    const read = await h.client.crm.associations.v4.batchApi.getPage('companies', 'contacts', { inputs: [{ id: companyA }] });
    const types = read.results[0]?.to.find((t) => String(t.toObjectId) === contactId)?.associationTypes ?? [];
    expect(types).toEqual(expect.arrayContaining([expect.objectContaining({ category: 'USER_DEFINED', typeId: billing.typeId }), expect.objectContaining({ category: 'HUBSPOT_DEFINED', typeId: 280 })]));
  });

  it('rejects an association type that does not belong to the pair', async () => {
    const err = await errorOf(h.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyA, [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 }]));
    expect(err.code).toBe(400);
    const wrongCategory = await errorOf(h.client.crm.associations.v4.basicApi.create('contacts', contactId, 'companies', companyA, [{ associationCategory: AssociationSpecAssociationCategoryEnum.UserDefined, associationTypeId: 1 }]));
    expect(wrongCategory.code).toBe(400);
  });

  it('batch-creates, batch-reads and batch-archives associations', async () => {
    const deals = await h.client.crm.deals.batchApi.create({ inputs: [{ properties: { dealname: 'd1' }, associations: [] }, { properties: { dealname: 'd2' }, associations: [] }] });
    const dealIds = deals.results.map((d) => d.id);
    const created = await h.client.crm.associations.v4.batchApi.create('deals', 'companies', {
      inputs: dealIds.map((id) => ({ _from: { id }, to: { id: companyA }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 5 }] })),
    });
    expect(created.results).toHaveLength(2);
    const read = await h.client.crm.associations.v4.batchApi.getPage('deals', 'companies', { inputs: dealIds.map((id) => ({ id })) });
    expect(read.results.map((r) => r.to[0]?.associationTypes.map((t) => t.typeId).sort((a, b) => a - b))).toEqual([[5, 341], [5, 341]]);
    await h.client.crm.associations.v4.batchApi.archive('deals', 'companies', { inputs: dealIds.map((id) => ({ _from: { id }, to: [{ id: companyA }] })) });
    const after = await h.client.crm.associations.v4.basicApi.getPage('deals', dealIds[0] ?? '', 'companies');
    expect(after.results).toEqual([]);
  });

  it('batch-associates with the default type and removes one association', async () => {
    const contacts = await h.client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'bd1@example.com' }, associations: [] }, { properties: { email: 'bd2@example.com' }, associations: [] }] });
    const ids = contacts.results.map((c) => c.id);
    const res = await h.client.crm.associations.v4.batchApi.createDefault('contacts', 'companies', { inputs: ids.map((id) => ({ _from: { id }, to: { id: companyB } })) });
    expect(res.results.map((r) => r.associationSpec.associationTypeId)).toEqual([279, 279]);
    await h.client.crm.associations.v4.basicApi.archive('contacts', ids[0] ?? '', 'companies', companyB);
    expect((await h.client.crm.associations.v4.basicApi.getPage('contacts', ids[0] ?? '', 'companies')).results).toEqual([]);
    expect((await h.client.crm.associations.v4.basicApi.getPage('contacts', ids[1] ?? '', 'companies')).results).toHaveLength(1);
  });

  it('associates on create through the v3 associations input', async () => {
    const deal = await h.client.crm.deals.basicApi.create({
      properties: { dealname: 'with assoc' },
      associations: [{ to: { id: contactId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 }] }],
    });
    const page = await h.client.crm.associations.v4.basicApi.getPage('deals', deal.id, 'contacts');
    expect(page.results.map((r) => String(r.toObjectId))).toEqual([contactId]);
    const err = await errorOf(h.client.crm.deals.basicApi.create({
      properties: { dealname: 'bad assoc' },
      associations: [{ to: { id: '123456789012' }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 3 }] }],
    }));
    expect(err.code).toBe(400);
  });
});
