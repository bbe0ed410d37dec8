/**
 * Streams rows into an .xlsx file with exceljs's streaming WorkbookWriter: each row is committed
 * (written out) as it is added, so memory does not grow with the row count.
 */
import ExcelJS from 'exceljs';
import type { RecordColumnKey, RecordRow } from '../http/api-contract/records.ts';
import { cellOf, columnLabel } from './export-columns.ts';

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
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
