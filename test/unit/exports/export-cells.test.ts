import { describe, expect, it } from 'vitest';
import { csvSafe } from '../../../backend/src/exports/csv-file.ts';
import { ALL_EXPORT_COLUMNS, cellOf } from '../../../backend/src/exports/export-columns.ts';
import { downloadFileName } from '../../../backend/src/exports/export-files.ts';
import { reasonLabel } from '../../../backend/src/views/reason-labels.ts';
import type { RecordRow } from '@quickbooks-sync/contract';

const row: RecordRow = {
  id: 7,
  objectType: 'contacts',
  displayName: 'Ann Able',
  email: 'ann@a.test',
  hubspotId: '101',
  qboId: null,
  state: 'failed',
  reasonCode: 'display_name_taken',
  reasonLabel: 'Display name already used in QuickBooks',
  message: 'Rename it.',
  lastSyncedAt: '2026-11-20T09:30:15.000Z',
  lastAttemptAt: null,
  lastDirection: 'to_hubspot',
  origin: 'quickbooks',
  hubspotUrl: null,
  qboUrl: null,
  retryable: true,
};

describe('export cells', () => {
  it('turn a record row into the words and dates people read', () => {
    expect(ALL_EXPORT_COLUMNS.map((key) => cellOf(row, key))).toEqual([
      'Ann Able',
      'ann@a.test',
      '101',
      null,
      'Failed',
      'Display name already used in QuickBooks',
      'Rename it.',
      new Date('2026-11-20T09:30:15.000Z'),
      'QuickBooks → HubSpot',
      'QuickBooks',
    ]);
  });

  it('neutralise spreadsheet formulas in CSV text, and leave other text alone', () => {
    expect(['=1+1', '+33 1 23', '-5', '@SUM(A1)', '\tx', '\rx'].map(csvSafe)).toEqual(["'=1+1", "'+33 1 23", "'-5", "'@SUM(A1)", "'\tx", "'\rx"]);
    expect(['Ann', 'a=b', '', '1-2'].map(csvSafe)).toEqual(['Ann', 'a=b', '', '1-2']);
  });

  it('name the downloaded file after what was exported and when', () => {
    const at = new Date('2026-11-24T23:59:00Z');
    expect(downloadFileName({ objectType: 'contacts', state: 'failed' }, at, 'csv')).toBe('sync-records-contacts-failed-2026-11-24.csv');
    expect(downloadFileName({}, at, 'xlsx')).toBe('sync-records-2026-11-24.xlsx');
  });

  it('label known reason codes and spell out unknown ones', () => {
    expect(reasonLabel('no_match_key')).toBe('No e-mail (or SKU) to match on');
    expect(reasonLabel('sku_missing_in_qbo')).toBe('Sku missing in qbo');
    expect(reasonLabel(null)).toBeNull();
  });
});
