/** Background exports of the record view (R29). */
import type { Knex } from './knex.ts';

export const EXPORT_JOBS = 'export_jobs';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'expired';

export interface DBExportJob {
  id: string;
  portal_id: number;
  requested_by_user_id: number | null;
  requested_by_email: string | null;
  format: ExportFormat;
  filters: Record<string, unknown>;
  /** The chosen record-view columns, in order (empty on rows from before columns were stored). */
  columns: string[];
  status: ExportStatus;
  row_count: number | null;
  file_path: string | null;
  file_bytes: number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
}

export async function createExportJob(
  db: Knex,
  input: { id: string; portalId: number; format: ExportFormat; filters: Record<string, unknown>; columns?: string[]; userId?: number | null; email?: string | null },
): Promise<DBExportJob> {
  const [row] = (await db(EXPORT_JOBS)
    .insert({
      id: input.id,
      portal_id: input.portalId,
      format: input.format,
      filters: JSON.stringify(input.filters),
      ...(input.columns ? { columns: JSON.stringify(input.columns) } : {}),
      requested_by_user_id: input.userId ?? null,
      requested_by_email: input.email ?? null,
    })
    .returning('*')) as DBExportJob[];
  return row as DBExportJob;
}

export async function getExportJob(db: Knex, portalId: number, id: string): Promise<DBExportJob | undefined> {
  return (await db(EXPORT_JOBS).where({ portal_id: portalId, id }).first()) as DBExportJob | undefined;
}

export async function updateExportJob(
  db: Knex,
  portalId: number,
  id: string,
  patch: Partial<Pick<DBExportJob, 'status' | 'row_count' | 'file_path' | 'file_bytes' | 'error' | 'finished_at' | 'expires_at'>>,
): Promise<void> {
  await db(EXPORT_JOBS).where({ portal_id: portalId, id }).update(patch);
}

/** The account's latest exports, newest first. */
export async function listRecentExportJobs(db: Knex, portalId: number, limit: number): Promise<DBExportJob[]> {
  return (await db(EXPORT_JOBS).where({ portal_id: portalId }).orderBy('created_at', 'desc').limit(limit)) as DBExportJob[];
}

/** Any account's export by id: the download link names no account, its signature binds the id. */
export async function getExportJobById(db: Knex, id: string): Promise<DBExportJob | undefined> {
  return (await db(EXPORT_JOBS).where({ id }).first()) as DBExportJob | undefined;
}

/** Succeeded exports whose link expired before `now`, oldest first (the purge deletes their files). */
export async function listExpiredExportJobs(db: Knex, now: Date, limit: number): Promise<DBExportJob[]> {
  return (await db(EXPORT_JOBS).where({ status: 'succeeded' }).andWhere('expires_at', '<', now).orderBy('expires_at').limit(limit)) as DBExportJob[];
}

/** Exports of the account still queued or running that were started after `since` (older ones are presumed dead). */
export async function countActiveExportJobs(db: Knex, portalId: number, since: Date): Promise<number> {
  const [row] = await db(EXPORT_JOBS).where({ portal_id: portalId }).whereIn('status', ['queued', 'running']).andWhere('created_at', '>', since).count<Array<{ count: string | number }>>('* as count');
  return Number(row?.count ?? 0);
}

/** Which of these export ids still have a downloadable file (succeeded, not yet expired or purged). */
export async function exportIdsWithFiles(db: Knex, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db(EXPORT_JOBS).whereIn('id', ids).andWhere('status', 'succeeded').select<Array<{ id: string }>>('id');
  return new Set(rows.map((r) => r.id));
}
