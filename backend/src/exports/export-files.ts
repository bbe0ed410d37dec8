/** Where export files live: EXPORTS_DIR (relative to the working directory), one file per export id. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env.ts';
import type { ExportFormat } from '../db/export-jobs.ts';

export async function exportFilePath(env: Env, exportId: string, format: ExportFormat): Promise<string> {
  const dir = path.resolve(env.EXPORTS_DIR);
  await mkdir(dir, { recursive: true });
  return path.join(dir, `${exportId}.${format}`);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The name the browser saves the file under: what was exported and when. */
export function downloadFileName(filters: { objectType?: string; state?: string }, createdAt: Date, format: ExportFormat): string {
  const parts = ['sync-records', filters.objectType, filters.state, createdAt.toISOString().slice(0, 10)].filter(Boolean);
  return `${parts.join('-')}.${format}`;
}
