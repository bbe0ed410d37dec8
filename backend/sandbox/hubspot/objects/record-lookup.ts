/** Finding records by id or by a unique `idProperty`, and the v3 `associations` block of a read. */
import { notFound, validationError } from '../http/errors.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { CrmRecord } from './collection.ts';
import { OBJECT_TYPE_INFO, lookupObjectType, type ObjectType } from './object-types.ts';
import type { PublicObject } from './serialize.ts';

/** idProperty must be hs_object_id or a unique-value property (HubSpot rejects others). */
export function checkIdProperty(account: HubSpotAccount, type: ObjectType, idProperty: string | undefined): void {
  if (idProperty === undefined || idProperty === 'hs_object_id') return;
  const def = account.propertyDefs(type).get(idProperty);
  if (!def || def.archived) throw validationError(`Property "${idProperty}" does not exist`);
  if (!def.hasUniqueValue) throw validationError(`Property "${idProperty}" is not a unique identifier property; only unique properties can be used as idProperty.`);
}

/** Live (or, with includeArchived, archived) record by id or unique property value; undefined if none. */
export function lookupRecord(
  account: HubSpotAccount,
  type: ObjectType,
  key: string,
  idProperty?: string,
  includeArchived = false,
): CrmRecord | undefined {
  const collection = account.collection(type);
  let record: CrmRecord | undefined;
  if (idProperty === undefined || idProperty === 'hs_object_id') record = collection.get(key);
  else {
    const id = collection.uniqueOwner(idProperty, key);
    record = id === undefined ? undefined : collection.get(id);
  }
  // A merged-away id keeps resolving to the record it was merged into.
  if (record?.mergedInto !== undefined && !includeArchived) return lookupRecord(account, type, record.mergedInto);
  if (!record || record.archived !== includeArchived) return undefined;
  return record;
}

export function requireRecord(account: HubSpotAccount, type: ObjectType, key: string, idProperty?: string, includeArchived = false): CrmRecord {
  const record = lookupRecord(account, type, key, idProperty, includeArchived);
  if (!record) throw notFound(`Object not found.  objectId are usually numeric.`);
  return record;
}

/** The v3 read's `associations` block: `{ companies: { results: [{ id, type }] } }`. */
export function attachAssociations(account: HubSpotAccount, record: CrmRecord, toTypes: readonly string[], out: PublicObject): void {
  const block: NonNullable<PublicObject['associations']> = {};
  for (const raw of toTypes) {
    const toType = lookupObjectType(raw);
    if (!toType) continue;
    const results: { id: string; type: string }[] = [];
    for (const link of account.associations.list(record.type, record.id, toType)) {
      for (const typeId of link.typeIds) {
        const def = account.associations.typeDef(record.type, toType, typeId);
        results.push({ id: link.toId, type: def?.name ?? String(typeId) });
      }
    }
    if (results.length > 0) block[OBJECT_TYPE_INFO[toType].name] = { results };
  }
  if (Object.keys(block).length > 0) out.associations = block;
}
