/** Expired exports: their files are deleted and the rows marked expired (kept as history, without a link). */
import { rm } from 'node:fs/promises';
import type { AppContext } from '../jobs/context.ts';
import { listExpiredExportJobs, updateExportJob } from '../db/export-jobs.ts';

const BATCH = 500;

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
