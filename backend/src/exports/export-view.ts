/** The only place an export_jobs row becomes the API's ExportJobView. */
import type { Env } from '../env.ts';
import type { DBExportJob } from '../db/export-jobs.ts';
import { exportJobViewSchema, type ExportJobView, recordColumnKeySchema, recordFiltersSchema, type RecordColumnKey } from '@quickbooks-sync/contract';
import { signedDownloadUrl } from './download-link.ts';
import { ALL_EXPORT_COLUMNS } from './export-columns.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Stored columns, or every column for rows written before columns were stored. */
export function exportColumnsOf(job: DBExportJob): RecordColumnKey[] {
  const parsed = recordColumnKeySchema.array().safeParse(job.columns);
  return parsed.success && parsed.data.length > 0 ? parsed.data : ALL_EXPORT_COLUMNS;
}

export function exportJobView(env: Env, job: DBExportJob, now = new Date()): ExportJobView {
  const downloadable = job.status === 'succeeded' && job.expires_at !== null && job.expires_at > now;
  return exportJobViewSchema.parse({
    id: job.id,
    format: job.format,
    filters: recordFiltersSchema.parse(job.filters),
    columns: exportColumnsOf(job),
    status: job.status,
    rowCount: job.row_count,
    fileBytes: job.file_bytes === null ? null : Number(job.file_bytes),
    error: job.error,
    createdAt: job.created_at.toISOString(),
    finishedAt: iso(job.finished_at),
    expiresAt: iso(job.expires_at),
    downloadUrl: downloadable && job.expires_at ? signedDownloadUrl(env, job.id, job.expires_at) : null,
  });
}
