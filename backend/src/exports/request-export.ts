/**
 * Starting an export (R29): the export_jobs row and its background job are written in one
 * transaction, so a job never runs for a row that does not exist and no row waits for a job that
 * was never queued.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../jobs/context.ts';
import { countActiveExportJobs, createExportJob, getExportJob, listRecentExportJobs } from '../db/export-jobs.ts';
import type { z } from 'zod';
import type { createExportRequestSchema, ExportJobView, ExportListResponse } from '@quickbooks-sync/contract';
import { httpErrors } from '../http/errors.ts';
import { enqueueExport } from '../jobs/handlers/export-records.ts';
import { ALL_EXPORT_COLUMNS } from './export-columns.ts';
import { exportJobView } from './export-view.ts';

export const RECENT_EXPORTS_SHOWN = 20;
/** Exports an account may have in progress at once: each one reads every matching record. */
export const MAX_ACTIVE_EXPORTS = 2;
/** An export still "running" after this long died with its worker; it no longer counts. */
const STALE_AFTER_MS = 3_600_000;

export async function requestExport(
  ctx: AppContext,
  portalId: number,
  input: z.infer<typeof createExportRequestSchema>,
  requestedBy: { userId?: number; email?: string },
): Promise<ExportJobView> {
  const job = await ctx.db.transaction(async (trx) => {
    // Serialise the account's requests so two at once cannot both pass the limit.
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`exports:${portalId}`]);
    if ((await countActiveExportJobs(trx, portalId, new Date(Date.now() - STALE_AFTER_MS))) >= MAX_ACTIVE_EXPORTS) {
      throw httpErrors.conflict(`${MAX_ACTIVE_EXPORTS} exports are already being prepared for this account; wait for one to finish.`);
    }
    const created = await createExportJob(trx, {
      id: randomUUID(),
      portalId,
      format: input.format,
      filters: input.filters,
      columns: input.columns ?? ALL_EXPORT_COLUMNS,
      userId: requestedBy.userId ?? null,
      email: requestedBy.email ?? null,
    });
    await enqueueExport(ctx, { portalId, exportId: created.id }, trx);
    return created;
  });
  return exportJobView(ctx.env, job);
}

export async function exportStatus(ctx: AppContext, portalId: number, exportId: string): Promise<ExportJobView> {
  const job = await getExportJob(ctx.db, portalId, exportId);
  if (!job) throw httpErrors.notFound('No such export in this account.');
  return exportJobView(ctx.env, job);
}

export async function recentExports(ctx: AppContext, portalId: number): Promise<ExportListResponse> {
  const jobs = await listRecentExportJobs(ctx.db, portalId, RECENT_EXPORTS_SHOWN);
  return { exports: jobs.map((job) => exportJobView(ctx.env, job)) };
}
