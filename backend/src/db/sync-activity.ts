/** The append-only activity log of each record (the database refuses updates). */
import type { Knex } from './knex.ts';
import type { ObjectType } from './sync-definitions.ts';

export const SYNC_ACTIVITY = 'sync_activity';

export type ActivityAction = 'create' | 'update' | 'skip' | 'conflict' | 'fail' | 'exclude' | 'link' | 'delete' | 'retry';
export type ActivityOutcome = 'success' | 'failure' | 'skipped';
export type Direction = 'to_qbo' | 'to_hubspot';

export interface NewActivity {
  portalId: number;
  recordId: number;
  runId?: number | null;
  objectType: ObjectType;
  action: ActivityAction;
  direction: Direction | null;
  outcome: ActivityOutcome;
  reasonCode?: string | null;
  message?: string | null;
  details?: Record<string, unknown> | null;
}

export interface DBActivity {
  id: number;
  portal_id: number;
  record_id: number;
  run_id: number | null;
  object_type: ObjectType;
  action: ActivityAction;
  direction: Direction | null;
  outcome: ActivityOutcome;
  reason_code: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
  occurred_at: Date;
}

export async function appendActivity(db: Knex, entries: NewActivity | NewActivity[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db(SYNC_ACTIVITY).insert(
    list.map((e) => ({
      portal_id: e.portalId,
      record_id: e.recordId,
      run_id: e.runId ?? null,
      object_type: e.objectType,
      action: e.action,
      direction: e.direction,
      outcome: e.outcome,
      reason_code: e.reasonCode ?? null,
      message: e.message ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    })),
  );
}

/** A record's activity, newest first, paged by id. */
export async function listActivity(db: Knex, portalId: number, recordId: number, options: { beforeId?: number; limit: number }): Promise<DBActivity[]> {
  const q = db(SYNC_ACTIVITY).where({ portal_id: portalId, record_id: recordId });
  if (options.beforeId !== undefined) q.andWhere('id', '<', options.beforeId);
  return (await q.orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(options.limit)) as DBActivity[];
}

/** An activity row with its timestamp as Postgres text: exact to the microsecond, for keyset cursors. */
export type DBActivityWithCursor = DBActivity & { occurred_at_text: string };

/**
 * A record's activity, newest first, keyset-paged on (occurred_at, id) — the order of
 * sync_activity_record_idx — so a page never repeats or skips an entry.
 */
export async function pageActivity(
  db: Knex,
  portalId: number,
  recordId: number,
  page: { before?: { occurredAt: string; id: number }; limit: number },
): Promise<DBActivityWithCursor[]> {
  const q = db(SYNC_ACTIVITY).where({ portal_id: portalId, record_id: recordId });
  if (page.before) q.andWhereRaw('(occurred_at, id) < (?::timestamptz, ?)', [page.before.occurredAt, page.before.id]);
  return (await q
    .select('*', db.raw(`occurred_at::text as occurred_at_text`))
    .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(page.limit)) as DBActivityWithCursor[];
}

/** The direction of a record's latest entry with this action (which way its last failure went). */
export async function lastActivityDirection(db: Knex, portalId: number, recordId: number, action: ActivityAction): Promise<Direction | null> {
  const row = await db(SYNC_ACTIVITY)
    .where({ portal_id: portalId, record_id: recordId, action })
    .whereNotNull('direction')
    .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first<{ direction: Direction } | undefined>('direction');
  return row?.direction ?? null;
}
