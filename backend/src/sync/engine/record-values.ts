/** Small helpers of the record pass: values per side, filter reads, and which fields may be written where. */
import type { FieldMapping, HubSpotRecord, MappedValue, MappedValues, QboRecord, Side } from '../types.ts';
import type { AdapterSession, ObjectAdapter } from './adapter.ts';
import { relatedPropertyOf, type RelatedRelation } from '@quickbooks-sync/contract/definitions';
import type { RelatedReader } from '../filters/matches-filters.ts';
import type { FilterGroup } from '../types.ts';

/** Loads the associated records the filter groups read (R9's invoice criteria), once per relation, as readers for matchesFilters. */
export async function relatedForFilters(session: AdapterSession, adapter: ObjectAdapter, groups: readonly FilterGroup[], record: HubSpotRecord): Promise<RelatedReader | undefined> {
  const wanted = new Map<RelatedRelation, Set<string>>();
  for (const group of groups) for (const c of group.criteria) {
    const related = relatedPropertyOf(c.property);
    if (related) wanted.set(related.relation, (wanted.get(related.relation) ?? new Set()).add(related.property));
  }
  if (wanted.size === 0 || !adapter.relatedHubSpotRecords) return undefined;
  const loaded = new Map<RelatedRelation, Array<Record<string, string | null>>>();
  for (const [relation, properties] of wanted) loaded.set(relation, await adapter.relatedHubSpotRecords(session, record, relation, [...properties]));
  return (relation) => (loaded.get(relation) ?? []).map((properties) => (property: string) => properties[property] ?? undefined);
}

export async function valuesFor(session: AdapterSession, adapter: ObjectAdapter, side: Side, record: HubSpotRecord | QboRecord): Promise<MappedValues> {
  return side === 'hubspot' ? adapter.hubspotValues(session, record as HubSpotRecord) : adapter.qboValues(session, record as QboRecord);
}

/** A filter names a HubSpot property (HubSpot records) or a dotted QBO field path (QBO records). */
export function readFilterValue(side: Side, record: HubSpotRecord | QboRecord, property: string): MappedValue | undefined {
  if (side === 'hubspot') return (record as HubSpotRecord).properties[property] ?? undefined;
  let current: unknown = record;
  for (const part of property.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined ? undefined : typeof current === 'object' ? JSON.stringify(current) : (current as MappedValue);
}

/** Only the enabled mappings whose direction lets values flow toward `side`. */
export function writableToward(mappings: FieldMapping[], side: Side, values: MappedValues): MappedValues {
  const way = side === 'qbo' ? 'to_qbo' : 'to_hubspot';
  const allowed = new Set(mappings.filter((m) => m.enabled && (m.direction === 'both' || m.direction === way)).map((m) => m.id));
  return Object.fromEntries(Object.entries(values).filter(([id]) => allowed.has(id)));
}
