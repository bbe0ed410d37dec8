/**
 * The rows of an export, read in keyset pages (the record view's query and order, newest first):
 * memory stays flat however many records match, and no transaction is held open for the whole file.
 */
import type { AppContext } from '../jobs/context.ts';
import { pageSyncRecords, type RecordViewFilters } from '../db/sync-records.ts';
import type { RecordRow } from '@quickbooks-sync/contract';
import { recordRowOf } from '../views/record-row.ts';

export const EXPORT_PAGE_SIZE = 2_000;

export async function* exportRecordRows(ctx: AppContext, portalId: number, filters: RecordViewFilters): AsyncGenerator<RecordRow> {
  let beforeId: number | undefined;
  for (;;) {
    const page = await pageSyncRecords(ctx.db, portalId, filters, { beforeId, limit: EXPORT_PAGE_SIZE });
    // Files keep whole messages (no list-view shortening).
    for (const row of page) yield recordRowOf(ctx.env, row, { messageMaxChars: Number.MAX_SAFE_INTEGER });
    const last = page.at(-1);
    if (page.length < EXPORT_PAGE_SIZE || !last) return;
    beforeId = Number(last.id);
  }
}
