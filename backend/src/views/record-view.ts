/** The record view (R28): filtered, keyset-paged records of an account, and single-record reads for the cards. */
import { z } from 'zod';
import type { AppContext } from '../jobs/context.ts';
import { findSyncRecordBySide, getSyncRecord, pageSyncRecords } from '../db/sync-records.ts';
import type { RecordFilters, RecordListResponse, RecordResponse } from '@quickbooks-sync/contract';
import type { ObjectType } from '../db/sync-definitions.ts';
import { httpErrors } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { recordRowOf } from './record-row.ts';
import { withViewTimeout } from './statement-timeout.ts';

const recordCursorSchema = z.object({ id: z.number().int().positive() });

export async function listRecords(ctx: AppContext, portalId: number, query: RecordFilters & { cursor?: string; limit: number }): Promise<RecordListResponse> {
  const { cursor, limit, ...filters } = query;
  const beforeId = cursor === undefined ? undefined : decodeCursor(cursor, recordCursorSchema).id;
  // One extra row tells whether another page exists without a count over the whole account.
  const rows = await withViewTimeout(ctx.db, (trx) => pageSyncRecords(trx, portalId, filters, { beforeId, limit: limit + 1 }));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    records: page.map((row) => recordRowOf(ctx.env, row)),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: Number(last.id) }) : null,
  };
}

export async function getRecord(ctx: AppContext, portalId: number, recordId: number): Promise<RecordResponse> {
  const row = await getSyncRecord(ctx.db, portalId, recordId);
  if (!row) throw httpErrors.notFound('No such record in this account.');
  return { record: recordRowOf(ctx.env, row) };
}

/** A CRM card asks about the record it is shown on, by its HubSpot (or QuickBooks) id; the query schema requires exactly one. */
export async function lookupRecord(ctx: AppContext, portalId: number, query: { objectType: ObjectType; hubspotId?: string; qboId?: string }): Promise<RecordResponse> {
  const side = query.hubspotId !== undefined ? { side: 'hubspot' as const, id: query.hubspotId } : query.qboId !== undefined ? { side: 'qbo' as const, id: query.qboId } : undefined;
  if (!side) throw httpErrors.invalidRequest('Give exactly one of hubspotId or qboId.');
  const row = await findSyncRecordBySide(ctx.db, portalId, query.objectType, side.side, side.id);
  return { record: row ? recordRowOf(ctx.env, row) : null };
}
