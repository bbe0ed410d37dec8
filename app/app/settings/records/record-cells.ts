/** How each record-view column shows a record's value (the same words as the exports). */
import { DIRECTION_LABELS, ORIGIN_LABELS, STATE_LABELS, type RecordColumnKey, type RecordRow } from '@quickbooks-sync/contract';
import { formatTime } from '@quickbooks-sync/ui-shared/format.ts';

export function cellText(record: RecordRow, column: RecordColumnKey): string {
  switch (column) {
    case 'state':
      return STATE_LABELS[record.state];
    case 'lastSyncedAt':
      return formatTime(record.lastSyncedAt);
    case 'lastDirection':
      return record.lastDirection ? DIRECTION_LABELS[record.lastDirection] : '—';
    case 'origin':
      return record.origin ? ORIGIN_LABELS[record.origin] : '—';
    default:
      return record[column] ?? '—';
  }
}
