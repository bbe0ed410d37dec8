/**
 * Streams rows into an .xlsx file with exceljs's streaming WorkbookWriter: each row is committed
 * (written out) as it is added, and the writer waits while the zip compressor is behind, so memory
 * does not grow with the row count.
 */
import ExcelJS from 'exceljs';
import type { RecordColumnKey, RecordRow } from '@quickbooks-sync/contract';
import { cellOf, columnLabel } from './export-columns.ts';

/** Bytes the sheet may run ahead of the compressor before the writer waits. */
const MAX_PENDING_BYTES = 1 << 20;
const CHECK_EVERY_ROWS = 100;

/**
 * exceljs's sheet stream ignores backpressure: it writes into the zip's input stream (archiver
 * pipes it through a PassThrough to the deflater) without waiting, so when rows come faster than
 * they compress, the whole sheet piles up in memory (80 MB at 300,000 rows in the benchmark). This
 * reads what is waiting there. It relies on exceljs internals (`stream.pipes`); if they change, it
 * reads 0 and the export still works, only without the bound.
 */
function bytesWaitingForZip(sheet: ExcelJS.Worksheet): number {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return 0;
  const lengthOf = (state: unknown) => (typeof (state as { length?: unknown } | undefined)?.length === 'number' ? (state as { length: number }).length : 0);
  let total = 0;
  // The PassThrough comes from the readable-stream package (v2), which has no writableLength getters.
  for (const pipe of pipes as Array<{ _writableState?: unknown; _readableState?: unknown }>) total += lengthOf(pipe._writableState) + lengthOf(pipe._readableState);
  return total;
}

const WIDTHS: Partial<Record<RecordColumnKey, number>> = { displayName: 32, email: 32, message: 60, reasonLabel: 36, lastSyncedAt: 22, lastDirection: 24 };

export async function writeXlsxFile(path: string, rows: AsyncIterable<RecordRow>, columns: RecordColumnKey[]): Promise<number> {
  // Shared strings would keep every distinct string in memory until the end; inline strings do not.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Sync records', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((key) => ({ header: columnLabel(key), key, width: WIDTHS[key] ?? 16, ...(key === 'lastSyncedAt' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    count++;
    sheet.addRow(columns.map((key) => cellOf(row, key))).commit();
    if (count % CHECK_EVERY_ROWS === 0) {
      while (bytesWaitingForZip(sheet) > MAX_PENDING_BYTES) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
