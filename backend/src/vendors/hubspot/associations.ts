/**
 * A contact's primary company name (the display name of a customer created from HubSpot, R14):
 * associations v4 batch read contact → company, keep the Primary label, then batch read the names.
 */
import type { HubSpotCall } from './call.ts';
import { hubspotBatchItemError } from './errors.ts';
import { associationBatchSchema, chunk, parseResponse } from './schemas.ts';
import type { recordReads } from './records.ts';

/** HUBSPOT_DEFINED contact → company "Primary" (hubspot-platform.md §5.4). */
export const PRIMARY_CONTACT_TO_COMPANY = 1;
const ASSOCIATION_BATCH_SIZE = 100;

export function associationReads(call: HubSpotCall, reads: ReturnType<typeof recordReads>) {
  /** Contact id → company id of its Primary company (contacts without one are absent). */
  async function primaryCompanyIds(contactIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunk([...new Set(contactIds)], ASSOCIATION_BATCH_SIZE)) {
      const raw = await call('associations batch read', 'general', (c) => c.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: part.map((id) => ({ id })) }));
      const response = parseResponse(associationBatchSchema, raw, 'associations batch read');
      for (const error of response.errors ?? []) {
        // A contact without companies is reported as a per-input "not found": nothing to pick.
        const item = hubspotBatchItemError(error);
        if (item.kind !== 'not_found' && item.kind !== 'validation') throw item;
      }
      for (const result of response.results) {
        const primary = result.to.find((to) => to.associationTypes.some((t) => t.typeId === PRIMARY_CONTACT_TO_COMPANY && (t.category ?? 'HUBSPOT_DEFINED') === 'HUBSPOT_DEFINED'));
        if (primary) out.set(result._from.id, primary.toObjectId);
      }
    }
    return out;
  }

  async function primaryCompanyNames(contactIds: string[]): Promise<Map<string, string>> {
    const companyOf = await primaryCompanyIds(contactIds);
    if (companyOf.size === 0) return new Map();
    const companies = await reads.batchRead('companies', [...new Set(companyOf.values())], ['name']);
    const nameOf = new Map(companies.records.map((r) => [r.id, r.properties.name?.trim() ?? '']));
    const out = new Map<string, string>();
    for (const [contactId, companyId] of companyOf) {
      const name = nameOf.get(companyId);
      if (name) out.set(contactId, name);
    }
    return out;
  }

  return { primaryCompanyIds, primaryCompanyNames };
}

