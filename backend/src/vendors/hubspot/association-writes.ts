/**
 * Associations between records in general (invoice → line items, contact, company, deal; payment →
 * invoice): batch read of the ids on the other end, batch creation of HubSpot's default association
 * (type ids of invoices and payments are not published, §5.4, so the default endpoint picks them),
 * and batch archive of records (an invoice's line items are replaced when its lines change).
 */
import type { HubSpotCall } from './call.ts';
import { associationLabelReads } from './association-labels.ts';
import { chunk } from './schemas.ts';

const ASSOCIATION_BATCH_SIZE = 100;
const ARCHIVE_BATCH_SIZE = 100;

export interface AssociationPair {
  from: string;
  to: string;
}

export function associationWrites(call: HubSpotCall) {
  const reads = associationLabelReads(call);

  /** From id → ids associated on `toType` (records without any are absent). */
  async function associatedIds(fromType: string, toType: string, fromIds: string[]): Promise<Map<string, string[]>> {
    const typed = await reads.typedAssociations(fromType, toType, fromIds);
    return new Map([...typed].map(([from, to]) => [from, [...new Set(to.map((t) => t.toId))]]));
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
    const unlabeled = (await reads.associationLabels(fromType, toType)).filter((r) => r.category === 'HUBSPOT_DEFINED' && (r.label ?? '') === '');
    return unlabeled.length === 1 ? unlabeled[0]!.typeId : null;
  }

  return { associatedIds, associateDefault, batchArchive, unlabeledTypeId };
}
