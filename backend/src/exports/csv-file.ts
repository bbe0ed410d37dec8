/** Streams rows into a CSV file with csv-stringify (UTF-8 with BOM, so Excel reads accents right). */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { RecordColumnKey, RecordRow } from '@quickbooks-sync/contract';
import { cellOf, columnLabel } from './export-columns.ts';

/**
 * Spreadsheet apps run a cell starting with = + - @ (or tab / CR) as a formula; names come from
 * HubSpot and QuickBooks users, so such cells are prefixed with an apostrophe (OWASP CSV injection).
 */
export function csvSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function writeCsvFile(path: string, rows: AsyncIterable<RecordRow>, columns: RecordColumnKey[]): Promise<number> {
  let count = 0;
  async function* records() {
    for await (const row of rows) {
      count++;
      yield columns.map((key) => {
        const cell = cellOf(row, key);
        return cell === null ? '' : cell instanceof Date ? cell.toISOString() : csvSafe(cell);
      });
    }
  }
  await pipeline(Readable.from(records()), stringify({ header: true, columns: columns.map(columnLabel), bom: true, record_delimiter: 'windows' }), createWriteStream(path));
  return count;
}
