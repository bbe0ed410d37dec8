/**
 * Batchable HubSpot calls for any object type (see engine/page-batcher.ts): reads by id or by a unique
 * property, updates and upserts, 100 per call. Write answers are HubSpot's per-input results, so the
 * adapter decides what a refused input means for its record.
 */
import type { AdapterSession } from '../engine/adapter.ts';
import type { BatchLoader } from '../engine/page-batcher.ts';
import type { HubSpotRecord } from '../types.ts';
import { BATCH_SIZE } from '../../vendors/hubspot/records.ts';
import type { HubSpotCreateInput, HubSpotUpdateInput, HubSpotUpsertInput, HubSpotWriteResult } from '../../vendors/hubspot/client.ts';
import type { AssociationPair } from '../../vendors/hubspot/association-writes.ts';

export function hubspotReadByIdLoader(session: AdapterSession, objectType: string, properties: string[]): BatchLoader<string, HubSpotRecord | undefined> {
  return {
    name: `hubspot.read.${objectType}`,
    maxBatch: BATCH_SIZE,
    keyOf: (id) => id,
    async load(ids) {
      const { records } = await session.vendors.hubspot.batchRead(objectType, ids, properties);
      const byId = new Map(records.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id));
    },
  };
}

/** Records whose unique property `idProperty` equals each key; `keyOf` normalises a record's value the way keys are. */
export function hubspotFindByLoader(
  session: AdapterSession,
  objectType: string,
  idProperty: string,
  properties: string[],
  keyOf: (record: HubSpotRecord) => string | null,
): BatchLoader<string, HubSpotRecord[]> {
  return {
    name: `hubspot.find.${objectType}.${idProperty}`,
    maxBatch: BATCH_SIZE,
    keyOf: (key) => key,
    async load(keys) {
      const { records } = await session.vendors.hubspot.batchRead(objectType, keys, properties, idProperty);
      const byKey = new Map<string, HubSpotRecord[]>();
      for (const record of records) {
        const key = keyOf(record);
        if (key !== null && !byKey.get(key)?.some((r) => r.id === record.id)) byKey.set(key, [...(byKey.get(key) ?? []), record]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    },
  };
}

export function hubspotUpdateLoader(session: AdapterSession, objectType: string): BatchLoader<HubSpotUpdateInput, HubSpotWriteResult> {
  return {
    name: `hubspot.update.${objectType}`,
    maxBatch: BATCH_SIZE,
    load: (inputs) => session.vendors.hubspot.batchUpdate(objectType, inputs),
  };
}

export function hubspotUpsertLoader(session: AdapterSession, objectType: string, idProperty: string): BatchLoader<HubSpotUpsertInput, HubSpotWriteResult> {
  return {
    name: `hubspot.upsert.${objectType}.${idProperty}`,
    maxBatch: BATCH_SIZE,
    load: (inputs) => session.vendors.hubspot.batchUpsert(objectType, idProperty, inputs),
  };
}

/** Ids associated with each record on `toType` (none → empty list). */
export function hubspotAssociatedIdsLoader(session: AdapterSession, fromType: string, toType: string): BatchLoader<string, string[]> {
  return {
    name: `hubspot.associated.${fromType}.${toType}`,
    maxBatch: BATCH_SIZE,
    keyOf: (id) => id,
    async load(ids) {
      const found = await session.vendors.hubspot.associatedIds(fromType, toType, ids);
      return ids.map((id) => found.get(id) ?? []);
    },
  };
}

export function hubspotCreateLoader(session: AdapterSession, objectType: string): BatchLoader<HubSpotCreateInput, HubSpotWriteResult> {
  return {
    name: `hubspot.create.${objectType}`,
    maxBatch: BATCH_SIZE,
    load: (inputs) => session.vendors.hubspot.batchCreate(objectType, inputs),
  };
}

/** Archives records (an invoice's replaced line items), 100 per call; an id already gone is fine. */
export function hubspotArchiveLoader(session: AdapterSession, objectType: string): BatchLoader<string, true> {
  return {
    name: `hubspot.archive.${objectType}`,
    maxBatch: BATCH_SIZE,
    async load(ids) {
      await session.vendors.hubspot.batchArchive(objectType, ids);
      return ids.map(() => true as const);
    },
  };
}

/** HubSpot's default association between two records (its type ids for invoices are not published). */
export function hubspotAssociateLoader(session: AdapterSession, fromType: string, toType: string): BatchLoader<AssociationPair, true> {
  return {
    name: `hubspot.associate.${fromType}.${toType}`,
    maxBatch: BATCH_SIZE,
    async load(pairs) {
      await session.vendors.hubspot.associateDefault(fromType, toType, pairs);
      return pairs.map(() => true as const);
    },
  };
}

/** Values per search: one IN filter; HubSpot caps a filter's values (100), we stay well under. */
const SEARCH_IN_MAX = 50;

/**
 * Records whose non-unique `property` matches each key (a product's SKU): one search per 50 keys
 * instead of one per record; `keyOf` normalises a record's value the way keys are.
 */
export function hubspotSearchInLoader(session: AdapterSession, objectType: string, property: string, properties: string[], keyOf: (record: HubSpotRecord) => string | null): BatchLoader<string, HubSpotRecord[]> {
  return {
    name: `hubspot.searchIn.${objectType}.${property}`,
    maxBatch: SEARCH_IN_MAX,
    keyOf: (key) => key,
    async load(keys) {
      const found = await session.vendors.hubspot.searchIn(objectType, property, keys, properties, keys.length * 10);
      const byKey = new Map<string, HubSpotRecord[]>();
      for (const record of found) {
        const key = keyOf(record);
        if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), record]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    },
  };
}
