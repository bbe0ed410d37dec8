/** One row per sync pass (first sync, schedule, Sync now, ...), with its counts and timings. */
import type { Knex } from './knex.ts';
import type { ObjectType } from './sync-definitions.ts';

export const SYNC_RUNS = 'sync_runs';

export type RunTrigger = 'first_sync' | 'schedule' | 'webhook' | 'sync_now' | 'retry' | 'reconcile';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface DBSyncRun {
  id: number;
  portal_id: number;
  definition_id: number;
  object_type: ObjectType;
  trigger: RunTrigger;
  status: RunStatus;
  created_count: number;
  updated_count: number;
  skipped_count: number;
  failed_count: number;
  excluded_count: number;
  api_calls: Record<string, number>;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export async function startSyncRun(db: Knex, input: { portalId: number; definitionId: number; objectType: ObjectType; trigger: RunTrigger }): Promise<DBSyncRun> {
  const [row] = (await db(SYNC_RUNS)
    .insert({ portal_id: input.portalId, definition_id: input.definitionId, object_type: input.objectType, trigger: input.trigger })
    .returning('*')) as DBSyncRun[];
  return row as DBSyncRun;
}

export interface RunCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  excluded: number;
}

export async function finishSyncRun(
  db: Knex,
  portalId: number,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; counts: RunCounts; apiCalls?: Record<string, number>; error?: string | null },
): Promise<void> {
  await db(SYNC_RUNS)
    .where({ portal_id: portalId, id: runId })
    .update({
      status: outcome.status,
      created_count: outcome.counts.created,
      updated_count: outcome.counts.updated,
      skipped_count: outcome.counts.skipped,
      failed_count: outcome.counts.failed,
      excluded_count: outcome.counts.excluded,
      api_calls: JSON.stringify(outcome.apiCalls ?? {}),
      error: outcome.error ?? null,
      finished_at: db.fn.now(),
    });
}

export async function listSyncRuns(db: Knex, portalId: number, definitionId: number, limit: number): Promise<DBSyncRun[]> {
  return (await db(SYNC_RUNS).where({ portal_id: portalId, definition_id: definitionId }).orderBy('started_at', 'desc').limit(limit)) as DBSyncRun[];
}
