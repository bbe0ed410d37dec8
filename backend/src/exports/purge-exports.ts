/**
 * Expired exports: their files are deleted and the rows marked expired (kept as history, without a
 * link). Files no succeeded export points at any more (an uninstalled account's rows are deleted
 * by its purge; a worker that died mid-write leaves a `.partial`) are swept too, once old enough
 * not to be an export still being written.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../jobs/context.ts';
import { exportIdsWithFiles, listExpiredExportJobs, updateExportJob } from '../db/export-jobs.ts';

const BATCH = 500;
const ORPHAN_AFTER_MS = 24 * 3_600_000;
const EXPORT_FILE = /^([0-9a-f-]{36})\.(csv|xlsx)(\.partial)?$/;

export async function purgeExpiredExports(ctx: AppContext, now = new Date()): Promise<number> {
  let purged = 0;
  for (;;) {
    const expired = await listExpiredExportJobs(ctx.db, now, BATCH);
    for (const job of expired) {
      if (job.file_path) await rm(job.file_path, { force: true });
      await updateExportJob(ctx.db, job.portal_id, job.id, { status: 'expired', file_path: null });
      purged++;
    }
    if (expired.length < BATCH) return purged;
  }
}

/** Deletes export files older than a day that no succeeded export owns; returns how many. */
export async function sweepOrphanExportFiles(ctx: AppContext, now = new Date()): Promise<number> {
  const dir = path.resolve(ctx.env.EXPORTS_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no export written yet
  }
  let swept = 0;
  for (let i = 0; i < names.length; i += BATCH) {
    const candidates = names.slice(i, i + BATCH).flatMap((name) => {
      const match = EXPORT_FILE.exec(name);
      return match ? [{ name, id: match[1]!, partial: match[3] !== undefined }] : [];
    });
    const owned = await exportIdsWithFiles(ctx.db, candidates.map((c) => c.id));
    for (const file of candidates) {
      if (owned.has(file.id) && !file.partial) continue;
      const filePath = path.join(dir, file.name);
      const info = await stat(filePath).catch(() => undefined);
      if (!info || now.getTime() - info.mtimeMs < ORPHAN_AFTER_MS) continue;
      await rm(filePath, { force: true });
      swept++;
    }
  }
  return swept;
}
