/** The columns of an export file: header labels and cell values, from the API's RecordRow (the view and the file agree). */
import { DIRECTION_LABELS, ORIGIN_LABELS, RECORD_COLUMNS, STATE_LABELS, type RecordColumnKey, type RecordRow } from '@quickbooks-sync/contract';

export const ALL_EXPORT_COLUMNS: RecordColumnKey[] = RECORD_COLUMNS.map((c) => c.key);

export function columnLabel(key: RecordColumnKey): string {
  return RECORD_COLUMNS.find((c) => c.key === key)?.label ?? key;
}

/** A cell: text, a date (XLSX writes a real date; CSV its ISO form), or empty. */
export type Cell = string | Date | null;

export function cellOf(row: RecordRow, key: RecordColumnKey): Cell {
  switch (key) {
    case 'state':
      return STATE_LABELS[row.state];
    case 'lastDirection':
      return row.lastDirection ? DIRECTION_LABELS[row.lastDirection] : null;
    case 'origin':
      return row.origin ? ORIGIN_LABELS[row.origin] : null;
    case 'lastSyncedAt':
      return row.lastSyncedAt ? new Date(row.lastSyncedAt) : null;
    default:
      return row[key];
  }
}
