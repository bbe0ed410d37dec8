/**
 * The export job (R29): streams the filtered records into a CSV or XLSX file (written under a
 * temporary name and renamed when complete, so a half-written file is never served), records the
 * row count and size, then delivers the signed link (in-app alert, and e-mail when SMTP is set).
 * A failure is recorded on the export and announced; the person can start another.
 */
import { rename, rm, stat } from 'node:fs/promises';
import type { AppContext } from '../jobs/context.ts';
import { getExportJob, updateExportJob, type DBExportJob } from '../db/export-jobs.ts';
import { recordFiltersSchema } from '@quickbooks-sync/contract';
import { exportRecordRows } from './record-source.ts';
import { writeCsvFile } from './csv-file.ts';
import { writeXlsxFile } from './xlsx-file.ts';
import { exportFilePath } from './export-files.ts';
import { exportColumnsOf } from './export-view.ts';
import { announceExportFailed, deliverExport } from './deliver-export.ts';

const HOUR_MS = 3_600_000;

export interface GeneratedExport {
  rowCount: number;
  fileBytes: number;
  filePath: string;
}

/** Writes the file of `job`; exported for the benchmark, which times it without the queue. */
export async function writeExportFile(ctx: AppContext, job: DBExportJob): Promise<GeneratedExport> {
  const filePath = await exportFilePath(ctx.env, job.id, job.format);
  const partial = `${filePath}.partial`;
  const rows = exportRecordRows(ctx, job.portal_id, recordFiltersSchema.parse(job.filters));
  const columns = exportColumnsOf(job);
  try {
    const rowCount = job.format === 'csv' ? await writeCsvFile(partial, rows, columns) : await writeXlsxFile(partial, rows, columns);
    await rename(partial, filePath);
    return { rowCount, fileBytes: (await stat(filePath)).size, filePath };
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

export async function generateExport(ctx: AppContext, portalId: number, exportId: string): Promise<void> {
  const job = await getExportJob(ctx.db, portalId, exportId);
  // Gone (account purged) or already done by an earlier delivery of this job: nothing to do.
  if (!job || job.status === 'succeeded' || job.status === 'expired') return;
  await updateExportJob(ctx.db, portalId, exportId, { status: 'running' });
  let generated: GeneratedExport;
  try {
    generated = await writeExportFile(ctx, job);
  } catch (err) {
    ctx.logger.error({ err, portalId, exportId }, 'export failed');
    await updateExportJob(ctx.db, portalId, exportId, { status: 'failed', error: 'The file could not be written. Try again; if it keeps failing, contact support.', finished_at: new Date() });
    await announceExportFailed(ctx, job);
    return;
  }
  const finishedAt = new Date();
  const expiresAt = new Date(finishedAt.getTime() + ctx.env.EXPORT_LINK_TTL_HOURS * HOUR_MS);
  await updateExportJob(ctx.db, portalId, exportId, {
    status: 'succeeded',
    row_count: generated.rowCount,
    file_bytes: generated.fileBytes,
    file_path: generated.filePath,
    finished_at: finishedAt,
    expires_at: expiresAt,
  });
  ctx.logger.info({ portalId, exportId, format: job.format, rows: generated.rowCount, bytes: generated.fileBytes }, 'export written');
  await deliverExport(ctx, { ...job, row_count: generated.rowCount, expires_at: expiresAt });
}
