/** A record's sync activity (R28): what happened, when, which way, with what outcome and why. */
import { z } from 'zod';
import type { AppContext } from '../jobs/context.ts';
import { getSyncRecord } from '../db/sync-records.ts';
import { pageActivity, type ActivityAction, type Direction, type DBActivity } from '../db/sync-activity.ts';
import type { ActivityEntry, ActivityResponse } from '@quickbooks-sync/contract';
import { httpErrors } from '../http/errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { reasonLabel } from './reason-labels.ts';
import { withViewTimeout } from './statement-timeout.ts';

/** Before/after snapshots larger than this are replaced by a note, keeping a page far below 1 MB. */
export const ACTIVITY_DETAILS_MAX_BYTES = 16_384;

const activityCursorSchema = z.object({ at: z.string().min(10).max(40), id: z.number().int().positive() });

const SIDE: Record<Direction, { to: string; from: string }> = {
  to_qbo: { to: 'QuickBooks', from: 'HubSpot' },
  to_hubspot: { to: 'HubSpot', from: 'QuickBooks' },
};

function summaryOf(action: ActivityAction, direction: Direction | null): string {
  const side = direction ? SIDE[direction] : undefined;
  switch (action) {
    case 'create':
      return side ? `Created in ${side.to}` : 'Created';
    case 'update':
      return side ? `Updated in ${side.to}` : 'Updated';
    case 'link':
      return 'Linked to an existing record';
    case 'conflict':
      return 'Changed on both sides; conflict resolved';
    case 'fail':
      return side ? `Could not sync to ${side.to}` : 'Could not sync';
    case 'exclude':
      return 'Excluded from the sync';
    case 'skip':
      return 'Nothing to change';
    case 'delete':
      return side ? `Deleted in ${side.from}` : 'Deleted';
    case 'retry':
      return 'Retry requested';
  }
}

function detailsOf(details: DBActivity['details']): Record<string, unknown> | null {
  if (details === null) return null;
  return Buffer.byteLength(JSON.stringify(details), 'utf8') > ACTIVITY_DETAILS_MAX_BYTES ? { truncated: true } : details;
}

export async function listRecordActivity(ctx: AppContext, portalId: number, recordId: number, query: { cursor?: string; limit: number }): Promise<ActivityResponse> {
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor, activityCursorSchema);
  const rows = await withViewTimeout(ctx.db, async (trx) => {
    if (!(await getSyncRecord(trx, portalId, recordId))) throw httpErrors.notFound('No such record in this account.');
    return pageActivity(trx, portalId, recordId, { before: before && { occurredAt: before.at, id: before.id }, limit: query.limit + 1 });
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const entries: ActivityEntry[] = page.map((row) => ({
    id: Number(row.id),
    action: row.action,
    summary: summaryOf(row.action, row.direction),
    occurredAt: row.occurred_at.toISOString(),
    direction: row.direction,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    reasonLabel: reasonLabel(row.reason_code),
    message: row.message,
    details: detailsOf(row.details),
  }));
  return { recordId, entries, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.occurred_at_text, id: Number(last.id) }) : null };
}
