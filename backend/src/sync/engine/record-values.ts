/** Small helpers of the record pass: values per side, filter reads, and which fields may be written where. */
import type { FieldMapping, HubSpotRecord, MappedValue, MappedValues, QboRecord, Side } from '../types.ts';
import type { AdapterSession, ObjectAdapter } from './adapter.ts';

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
