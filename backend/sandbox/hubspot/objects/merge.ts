/**
 * Merging two records (contacts, companies, deals), as HubSpot does when a user or an app merges
 * duplicates: the primary keeps its id and its values, empty properties are filled from the merged
 * record, associations move to the primary, the merged id keeps resolving to the primary on reads
 * (and by its unique values, e.g. the old email), and a `{type}.merge` webhook event is sent.
 */
import { validationError } from '../http/errors.ts';
import type { CrmRecord } from './collection.ts';
import { applyUpdate, type WriteContext } from './object-writes.ts';
import type { ObjectType } from './object-types.ts';
import { recordSearchSnapshot } from './search-visibility.ts';
import { requireRecord } from './record-lookup.ts';

export const MERGEABLE_TYPES: readonly ObjectType[] = ['contacts', 'companies', 'deals'];

const NEVER_COPIED = new Set(['hs_object_id', 'createdate', 'hs_createdate', 'hs_lastmodifieddate', 'lastmodifieddate', 'hs_merged_object_ids']);

export function mergeRecords(ctx: WriteContext, type: ObjectType, primaryId: string, mergedId: string, now = Date.now()): CrmRecord {
  if (!MERGEABLE_TYPES.includes(type)) throw validationError(`${type} cannot be merged`);
  if (primaryId === mergedId) throw validationError('Cannot merge an object with itself');
  const primary = requireRecord(ctx.account, type, primaryId);
  const merged = requireRecord(ctx.account, type, mergedId);
  if (primary.id === merged.id) throw validationError('These objects are already merged');
  const defs = ctx.account.propertyDefs(type);
  const collection = ctx.account.collection(type);

  const fill = new Map<string, string | null>();
  for (const [name, value] of merged.properties) {
    if (NEVER_COPIED.has(name) || primary.properties.has(name) || defs.get(name)?.hasUniqueValue) continue;
    fill.set(name, value);
  }
  const mergedIds = [...(primary.properties.get('hs_merged_object_ids')?.split(';') ?? []), merged.id];
  fill.set('hs_merged_object_ids', mergedIds.join(';'));

  // The merged record's unique values (e.g. its email) now find the primary.
  recordSearchSnapshot(ctx.account, merged, now, false, 'before');
  for (const [name, value] of merged.properties) {
    if (defs.get(name)?.hasUniqueValue) {
      collection.deleteUnique(name, value, merged.id);
      if (collection.uniqueOwner(name, value) === undefined) collection.setUnique(name, value, primary.id);
    }
  }
  // Associations move to the primary.
  for (const toType of ctx.account.collections.keys()) {
    for (const link of ctx.account.associations.list(type, merged.id, toType)) {
      const defsForLink = link.typeIds.map((id) => ctx.account.associations.typeDef(type, toType, id)).filter((d) => d !== undefined);
      const primaryLabel = defsForLink.some((d) => d.label === 'Primary') && ctx.account.associations.list(type, primary.id, toType).some((l) => l.typeIds.some((t) => ctx.account.associations.typeDef(type, toType, t)?.label === 'Primary'));
      ctx.account.associations.associate(type, primary.id, toType, link.toId, primaryLabel ? defsForLink.filter((d) => d.label !== 'Primary') : defsForLink);
    }
  }
  ctx.account.associations.removeAllFor(type, merged.id);
  merged.archived = true;
  merged.archivedAt = now;
  merged.mergedInto = primary.id;
  recordSearchSnapshot(ctx.account, merged, now, false);

  const moved = fill.size - 1;
  applyUpdate(ctx, primary, fill, now);
  ctx.state.emit(ctx.account.portalId, {
    kind: 'merge', objectType: type, objectId: primary.id, occurredAt: now, source: ctx.source,
    merge: { primaryObjectId: primary.id, mergedObjectIds: [merged.id], newObjectId: primary.id, numberOfPropertiesMoved: moved },
  });
  return primary;
}
