/** Records as the v3 objects API returns them (`SimplePublicObject`): every value a string or null. */
import type { HubSpotAccount } from '../state/account.ts';
import type { CrmRecord, HistoryEntry } from './collection.ts';
import { OBJECT_TYPE_INFO } from './object-types.ts';

export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
  propertiesWithHistory?: Record<string, HistoryOut[]>;
}

interface HistoryOut {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId: string;
  updatedByUserId?: number;
}

function historyOut(entry: HistoryEntry): HistoryOut {
  const out: HistoryOut = { value: entry.value, timestamp: new Date(entry.timestamp).toISOString(), sourceType: entry.source.changeSource, sourceId: entry.source.sourceId };
  const user = /^userId:(\d+)$/.exec(entry.source.sourceId);
  if (user?.[1]) out.updatedByUserId = Number(user[1]);
  return out;
}

/** `propertiesWithHistory`: newest first; a value never changed since creation has one entry. */
export function attachHistory(account: HubSpotAccount, record: CrmRecord, names: readonly string[] | undefined, out: PublicObject): void {
  if (!names || names.length === 0) return;
  const defs = account.propertyDefs(record.type);
  const result: Record<string, HistoryOut[]> = {};
  for (const name of names) {
    if (!defs.has(name)) continue;
    const tracked = record.history?.get(name);
    const current = record.properties.get(name);
    const entries = tracked ?? (current !== undefined && record.createdSource ? [{ value: current, timestamp: record.createdAt, source: record.createdSource }] : []);
    result[name] = [...entries].reverse().map(historyOut);
  }
  out.propertiesWithHistory = result;
}

/** Properties HubSpot includes whatever the caller asked for. */
function alwaysIncluded(record: CrmRecord): string[] {
  const info = OBJECT_TYPE_INFO[record.type];
  const base = ['hs_object_id', info.createdProperty, 'hs_lastmodifieddate'];
  return record.type === 'contacts' ? [...base, 'lastmodifieddate'] : base;
}

/**
 * `requested` undefined = the type's default properties; 'all' = every value the record has (create and
 * update responses); otherwise the named ones (unknown names are silently skipped, as HubSpot does).
 */
export function toPublicObject(
  account: HubSpotAccount,
  record: CrmRecord,
  requested: readonly string[] | 'all' | undefined,
  properties: ReadonlyMap<string, string> = record.properties,
): PublicObject {
  const out: Record<string, string | null> = {};
  if (requested === 'all') {
    for (const [k, v] of properties) out[k] = v;
  } else {
    const defs = account.propertyDefs(record.type);
    const names = requested && requested.length > 0 ? requested : OBJECT_TYPE_INFO[record.type].defaultProperties;
    for (const name of [...names, ...alwaysIncluded(record)]) {
      if (defs.has(name)) out[name] = properties.get(name) ?? null;
    }
  }
  const result: PublicObject = {
    id: record.id,
    properties: out,
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
    archived: record.archived,
  };
  if (record.archived && record.archivedAt !== null) result.archivedAt = new Date(record.archivedAt).toISOString();
  return result;
}
