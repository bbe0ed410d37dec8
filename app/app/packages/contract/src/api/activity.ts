/** GET /api/v1/records/:recordId/activity — a record's sync activity (R28), newest first, by cursor. */
import { z } from 'zod';
import { cursorSchema, isoDateTime, syncDirectionOfRecordSchema } from './common.ts';

export const ACTIVITY_PAGE_SIZE_DEFAULT = 20;
/** Entries carry before/after values (capped at 16 KB each), so 50 stays well under 1 MB. */
export const ACTIVITY_PAGE_SIZE_MAX = 50;

export const activityQuerySchema = z
  .object({
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(ACTIVITY_PAGE_SIZE_MAX).default(ACTIVITY_PAGE_SIZE_DEFAULT),
  })
  .strict();
export type ActivityQuery = z.input<typeof activityQuerySchema>;

export const activityEntrySchema = z.object({
  id: z.number().int(),
  /** What happened: create, update, skip, conflict, fail, exclude, link, delete, retry. */
  action: z.enum(['create', 'update', 'skip', 'conflict', 'fail', 'exclude', 'link', 'delete', 'retry']),
  /** A sentence for the action ("Created in QuickBooks"). */
  summary: z.string(),
  occurredAt: isoDateTime,
  direction: syncDirectionOfRecordSchema.nullable(),
  outcome: z.enum(['success', 'failure', 'skipped']),
  reasonCode: z.string().nullable(),
  reasonLabel: z.string().nullable(),
  message: z.string().nullable(),
  /** e.g. `{ before, after, winner }`; `{ truncated: true }` when too large to show. */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

export const activityResponseSchema = z.object({
  recordId: z.number().int(),
  entries: z.array(activityEntrySchema),
  nextCursor: cursorSchema.nullable(),
});
export type ActivityResponse = z.infer<typeof activityResponseSchema>;
