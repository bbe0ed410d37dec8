/**
 * Batchable HubSpot calls for any object type (see engine/page-batcher.ts): reads by id or by a unique
 * property, updates and upserts, 100 per call. Write answers are HubSpot's per-input results, so the
 * adapter decides what a refused input means for its record.
 */
import type { AdapterSession } from '../engine/adapter.ts';
import type { BatchLoader } from '../engine/page-batcher.ts';
import type { HubSpotRecord } from '../types.ts';
import { BATCH_SIZE } from '../../vendors/hubspot/records.ts';
import type { HubSpotUpdateInput, HubSpotUpsertInput, HubSpotWriteResult } from '../../vendors/hubspot/client.ts';

export function hubspotReadByIdLoader(session: AdapterSession, objectType: string, properties: string[]): BatchLoader<string, HubSpotRecord | undefined> {
  return {
    name: `hubspot.read.${objectType}`,
    maxBatch: BATCH_SIZE,
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
