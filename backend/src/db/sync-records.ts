/** One row per synced record: the HubSpot ⇄ QBO link plus its sync state (what the status views read). */
import type { Knex } from './knex.ts';
import type { ObjectType } from './sync-definitions.ts';

export const SYNC_RECORDS = 'sync_records';

export type RecordState = 'pending' | 'synced' | 'failed' | 'excluded';

/** What a failed record's inputs were: the definition's settings and each side's mapped values (fingerprints). */
export interface FailureBasis {
  definition: string;
  /** The side the failed pass read first. */
  side: 'hubspot' | 'qbo';
  hubspot: string | null;
  qbo: string | null;
}

export interface DBSyncRecord {
  id: number;
  portal_id: number;
  object_type: ObjectType;
  hubspot_id: string | null;
  qbo_id: string | null;
  origin: 'hubspot' | 'quickbooks' | null;
  state: RecordState;
  reason_code: string | null;
  message: string | null;
  attempts: number;
  hubspot_fingerprint: string | null;
  qbo_fingerprint: string | null;
  hubspot_snapshot: Record<string, unknown> | null;
  qbo_snapshot: Record<string, unknown> | null;
  hubspot_updated_at: Date | null;
  qbo_updated_at: Date | null;
  qbo_sync_token: string | null;
  pending_qbo_request_id: string | null;
  display_name: string | null;
  email: string | null;
  last_direction: 'to_qbo' | 'to_hubspot' | null;
  last_attempt_at: Date | null;
  last_synced_at: Date | null;
  /** A permanent failure's inputs (engine/failure-policy.ts): it is not retried while they are the same. */
  failure_basis: FailureBasis | null;
  /** A failure for a passing reason: when the next, backed-off attempt is due. */
  retry_after: Date | null;
  created_at: Date;
  updated_at: Date;
}

export type NewSyncRecord = Pick<DBSyncRecord, 'portal_id' | 'object_type'> &
  Partial<Omit<DBSyncRecord, 'id' | 'portal_id' | 'object_type' | 'created_at' | 'updated_at'>>;

export async function insertSyncRecord(db: Knex, record: NewSyncRecord): Promise<DBSyncRecord> {
  const [row] = (await db(SYNC_RECORDS).insert(serialise(record)).returning('*')) as DBSyncRecord[];
  return row as DBSyncRecord;
}

export async function updateSyncRecord(
  db: Knex,
  portalId: number,
  id: number,
  patch: Partial<Omit<DBSyncRecord, 'id' | 'portal_id' | 'object_type' | 'created_at'>>,
): Promise<DBSyncRecord | undefined> {
  const [row] = (await db(SYNC_RECORDS)
    .where({ portal_id: portalId, id })
    .update({ ...serialise(patch), updated_at: db.fn.now() })
    .returning('*')) as DBSyncRecord[];
  return row;
}

function serialise<T extends Partial<DBSyncRecord>>(record: T): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const key of ['hubspot_snapshot', 'qbo_snapshot', 'failure_basis'] as const) {
    if (record[key] !== undefined) out[key] = record[key] === null ? null : JSON.stringify(record[key]);
  }
  return out;
}

export async function getSyncRecord(db: Knex, portalId: number, id: number): Promise<DBSyncRecord | undefined> {
  return (await db(SYNC_RECORDS).where({ portal_id: portalId, id }).first()) as DBSyncRecord | undefined;
}

export async function findSyncRecordBySide(
  db: Knex,
  portalId: number,
  objectType: ObjectType,
  side: 'hubspot' | 'qbo',
  externalId: string,
): Promise<DBSyncRecord | undefined> {
  const column = side === 'hubspot' ? 'hubspot_id' : 'qbo_id';
  return (await db(SYNC_RECORDS).where({ portal_id: portalId, object_type: objectType, [column]: externalId }).first()) as DBSyncRecord | undefined;
}

export interface SyncRecordQuery {
  objectType?: ObjectType;
  state?: RecordState;
  reasonCode?: string;
  /** Matches display name or email, case-insensitive substring. */
  search?: string;
  /** Cursor: the last id of the previous page (pages go by descending id, newest first). */
  beforeId?: number;
  limit: number;
}

/** A page of the record view. Always scoped to one account. */
export async function listSyncRecords(db: Knex, portalId: number, query: SyncRecordQuery): Promise<DBSyncRecord[]> {
  const q = db(SYNC_RECORDS).where({ portal_id: portalId });
  if (query.objectType) q.andWhere('object_type', query.objectType);
  if (query.state) q.andWhere('state', query.state);
  if (query.reasonCode) q.andWhere('reason_code', query.reasonCode);
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.andWhereRaw(`(coalesce(display_name, '') || ' ' || coalesce(email, '')) ilike ?`, [pattern]);
  }
  if (query.beforeId !== undefined) q.andWhere('id', '<', query.beforeId);
  return (await q.orderBy('id', 'desc').limit(query.limit)) as DBSyncRecord[];
}

export type StateCounts = Record<ObjectType, Record<RecordState, number>>;

/** The object view: counts per object and state. */
export async function countSyncRecordsByState(db: Knex, portalId: number): Promise<StateCounts> {
  const rows = (await db(SYNC_RECORDS)
    .where({ portal_id: portalId })
    .groupBy('object_type', 'state')
    .select('object_type', 'state')
    .count<Array<{ object_type: ObjectType; state: RecordState; count: string | number }>>('* as count')) as Array<{
    object_type: ObjectType;
    state: RecordState;
    count: string | number;
  }>;
  const empty = (): Record<RecordState, number> => ({ pending: 0, synced: 0, failed: 0, excluded: 0 });
  const counts: StateCounts = { contacts: empty(), companies: empty(), products: empty(), invoices: empty(), payments: empty() };
  for (const row of rows) counts[row.object_type][row.state] = Number(row.count);
  return counts;
}

export interface ReasonCountRow {
  object_type: ObjectType;
  state: RecordState;
  reason_code: string | null;
  count: number;
}

/**
 * The object view's one query: records per object type, state and reason. Served from
 * sync_records_counts_idx alone (index-only scan), so it stays fast at a million records.
 */
export async function countSyncRecordsByReason(db: Knex, portalId: number, objectType?: ObjectType): Promise<ReasonCountRow[]> {
  const q = db(SYNC_RECORDS).where({ portal_id: portalId });
  if (objectType) q.andWhere('object_type', objectType);
  const rows = await q
    .groupBy('object_type', 'state', 'reason_code')
    .select('object_type', 'state', 'reason_code')
    .count<Array<Omit<ReasonCountRow, 'count'> & { count: string | number }>>('* as count');
  return rows.map((r) => ({ object_type: r.object_type, state: r.state, reason_code: r.reason_code, count: Number(r.count) }));
}

export interface RecordViewFilters {
  objectType?: ObjectType;
  state?: RecordState;
  reasonCode?: string;
  /** Case-insensitive substring of display name or e-mail, or an exact HubSpot / QBO id. */
  search?: string;
}

/**
 * One page of the record view (and of an export): newest first by id, keyset-paged (`beforeId` is
 * the last id of the previous page), so pages never overlap or skip even while records change.
 */
export async function pageSyncRecords(db: Knex, portalId: number, filters: RecordViewFilters, page: { beforeId?: number; limit: number }): Promise<DBSyncRecord[]> {
  const q = db(SYNC_RECORDS).where({ portal_id: portalId });
  if (filters.objectType) q.andWhere('object_type', filters.objectType);
  if (filters.state) q.andWhere('state', filters.state);
  if (filters.reasonCode) q.andWhere('reason_code', filters.reasonCode);
  if (filters.search) {
    const search = filters.search;
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.andWhere((w) => {
      // The same expression as sync_records_search_idx (trigram), so the index serves the substring search.
      w.whereRaw(`(coalesce(display_name, '') || ' ' || coalesce(email, '')) ilike ?`, [pattern])
        .orWhere('hubspot_id', search)
        .orWhere('qbo_id', search);
    });
  }
  if (page.beforeId !== undefined) q.andWhere('id', '<', page.beforeId);
  return (await q.orderBy('id', 'desc').limit(page.limit)) as DBSyncRecord[];
}

/** Records that failed for a passing reason and whose next attempt is due (oldest first). */
export async function dueTransientRetries(db: Knex, portalId: number, objectType: ObjectType, now: Date, limit: number): Promise<DBSyncRecord[]> {
  return (await db(SYNC_RECORDS)
    .where({ portal_id: portalId, object_type: objectType, state: 'failed', reason_code: 'temporary_error' })
    .where('retry_after', '<=', now)
    .orderBy('retry_after')
    .limit(limit)) as DBSyncRecord[];
}
