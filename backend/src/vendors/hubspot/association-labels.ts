/**
 * Associations with their types, and the account's association labels (hubspot-platform.md §5.4): what
 * companies mode needs to find a company's billing contact — the contact with a chosen USER_DEFINED label,
 * else one whose primary company it is (company → contact HUBSPOT_DEFINED type 2, the inverse of the
 * contact's "Primary" company).
 */
import type { HubSpotCall } from './call.ts';
import { hubspotBatchItemError } from './errors.ts';
import { associationBatchSchema, associationLabelsSchema, chunk, parseResponse } from './schemas.ts';

const ASSOCIATION_BATCH_SIZE = 100;

/** HUBSPOT_DEFINED company → contact: this company is the contact's Primary company. */
export const COMPANY_TO_PRIMARY_CONTACT = 2;

export interface TypedAssociation {
  toId: string;
  types: Array<{ category: string; typeId: number }>;
}

export interface AssociationLabel {
  category: string;
  typeId: number;
  label: string | null;
}

export function associationLabelReads(call: HubSpotCall) {
  /** From id → its associations on `toType` with their types (records without any are absent). */
  async function typedAssociations(fromType: string, toType: string, fromIds: string[]): Promise<Map<string, TypedAssociation[]>> {
    const out = new Map<string, TypedAssociation[]>();
    for (const part of chunk([...new Set(fromIds)], ASSOCIATION_BATCH_SIZE)) {
      const raw = await call('associations batch read', 'general', (c) => c.crm.associations.v4.batchApi.getPage(fromType, toType, { inputs: part.map((id) => ({ id })) }));
      const response = parseResponse(associationBatchSchema, raw, 'associations batch read');
      for (const error of response.errors ?? []) {
        const item = hubspotBatchItemError(error);
        if (item.kind !== 'not_found' && item.kind !== 'validation') throw item;
      }
      for (const result of response.results) {
        out.set(
          result._from.id,
          result.to.map((t) => ({ toId: t.toObjectId, types: t.associationTypes.map((a) => ({ category: a.category ?? 'HUBSPOT_DEFINED', typeId: a.typeId })) })),
        );
      }
    }
    return out;
  }

  /** Every association type from `fromType` to `toType` in the account, labelled or not. */
  async function associationLabels(fromType: string, toType: string): Promise<AssociationLabel[]> {
    const raw = await call('association labels', 'general', (c) => c.crm.associations.v4.schema.definitionsApi.getAll(fromType, toType));
    return parseResponse(associationLabelsSchema, raw, 'association labels').results.map((r) => ({ category: r.category, typeId: r.typeId, label: r.label ?? null }));
  }

  return { typedAssociations, associationLabels };
}
