/**
 * Associations between records in general (invoice → line items, contact, company, deal; payment →
 * invoice): batch read of the ids on the other end, batch creation of HubSpot's default association
 * (type ids of invoices and payments are not published, §5.4, so the default endpoint picks them),
 * and batch archive of records (an invoice's line items are replaced when its lines change).
 */
import type { HubSpotCall } from './call.ts';
import { hubspotBatchItemError } from './errors.ts';
import { associationBatchSchema, associationLabelsSchema, chunk, parseResponse } from './schemas.ts';

const ASSOCIATION_BATCH_SIZE = 100;
const ARCHIVE_BATCH_SIZE = 100;

export interface AssociationPair {
  from: string;
  to: string;
}

export function associationWrites(call: HubSpotCall) {
  /** From id → ids associated on `toType` (records without any are absent). */
  async function associatedIds(fromType: string, toType: string, fromIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const part of chunk([...new Set(fromIds)], ASSOCIATION_BATCH_SIZE)) {
      const raw = await call('associations batch read', 'general', (c) => c.crm.associations.v4.batchApi.getPage(fromType, toType, { inputs: part.map((id) => ({ id })) }));
      const response = parseResponse(associationBatchSchema, raw, 'associations batch read');
      for (const error of response.errors ?? []) {
        const item = hubspotBatchItemError(error);
        if (item.kind !== 'not_found' && item.kind !== 'validation') throw item;
      }
      for (const result of response.results) out.set(result._from.id, [...new Set(result.to.map((t) => t.toObjectId))]);
    }
    return out;
  }

  async function associateDefault(fromType: string, toType: string, pairs: AssociationPair[]): Promise<void> {
    for (const part of chunk(pairs, ASSOCIATION_BATCH_SIZE)) {
      await call('associations batch create default', 'general', (c) =>
        c.crm.associations.v4.batchApi.createDefault(fromType, toType, { inputs: part.map((p) => ({ _from: { id: p.from }, to: { id: p.to } })) }),
      );
    }
  }

  async function batchArchive(objectType: string, ids: string[]): Promise<void> {
    for (const part of chunk([...new Set(ids)], ARCHIVE_BATCH_SIZE)) {
      await call('batch archive', 'general', (c) => c.crm.objects.batchApi.archive(objectType, { inputs: part.map((id) => ({ id })) }));
    }
  }

  /**
   * The type id of HubSpot's own unlabeled association from `fromType` to `toType`, read from the
   * labels endpoint (invoice type ids are not published, §5.4), so records can be created already
   * associated; null when HubSpot lists none or more than one.
   */
  async function unlabeledTypeId(fromType: string, toType: string): Promise<number | null> {
    const raw = await call('association labels read', 'general', (c) => c.crm.associations.v4.schema.definitionsApi.getAll(fromType, toType));
    const { results } = parseResponse(associationLabelsSchema, raw, 'association labels read');
    const unlabeled = results.filter((r) => r.category === 'HUBSPOT_DEFINED' && (r.label ?? '') === '');
    return unlabeled.length === 1 ? unlabeled[0]!.typeId : null;
  }

  return { associatedIds, associateDefault, batchArchive, unlabeledTypeId };
}
