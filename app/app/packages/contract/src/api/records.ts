/**
 * The record view (R28): GET /api/v1/records — a page of records with server-side filters and an
 * opaque cursor (newest first, by id, so pages never overlap or skip). GET /api/v1/records/:recordId
 * and GET /api/v1/records/lookup?objectType=&hubspotId= (for CRM cards) return one record.
 */
import { z } from 'zod';
import { cursorSchema, isoDateTime, objectTypeSchema, recordStateSchema, syncDirectionOfRecordSchema } from './common.ts';

/** Filters shared by the record view and its export. In a query string, an empty value (`?state=`) counts as absent. */
export const recordFiltersSchema = z
  .object({
    objectType: objectTypeSchema.optional(),
    state: recordStateSchema.optional(),
    reasonCode: z.string().trim().regex(/^[a-z0-9_]{1,64}$/, 'Use a reason code as listed by the object view.').optional(),
    /** Case-insensitive substring of the display name or e-mail, or an exact HubSpot / QuickBooks id. */
    search: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type RecordFilters = z.infer<typeof recordFiltersSchema>;

export const RECORD_PAGE_SIZE_DEFAULT = 50;
/** Caps a page far below hubspot.fetch's 1 MB response limit (a row is at most a few KB). */
export const RECORD_PAGE_SIZE_MAX = 100;

export const recordListQuerySchema = recordFiltersSchema
  .extend({
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(RECORD_PAGE_SIZE_MAX).default(RECORD_PAGE_SIZE_DEFAULT),
  })
  .strict();
/** Query string parameters (numbers may be sent as strings). */
export type RecordListQuery = z.input<typeof recordListQuerySchema>;

export const recordRowSchema = z.object({
  id: z.number().int(),
  objectType: objectTypeSchema,
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  hubspotId: z.string().nullable(),
  qboId: z.string().nullable(),
  state: recordStateSchema,
  reasonCode: z.string().nullable(),
  /** Human label of reasonCode. */
  reasonLabel: z.string().nullable(),
  /** What happened and what to do about it (may be shortened in lists; the activity has the full text). */
  message: z.string().nullable(),
  lastSyncedAt: isoDateTime.nullable(),
  lastAttemptAt: isoDateTime.nullable(),
  lastDirection: syncDirectionOfRecordSchema.nullable(),
  /** The system the record was first created in. */
  origin: z.enum(['hubspot', 'quickbooks']).nullable(),
  /** Links to open the record in each system, when known. */
  hubspotUrl: z.string().nullable(),
  qboUrl: z.string().nullable(),
  /** A failed record can be retried now (POST /api/v1/records/:recordId/retry). */
  retryable: z.boolean(),
});
export type RecordRow = z.infer<typeof recordRowSchema>;

export const recordListResponseSchema = z.object({
  records: z.array(recordRowSchema),
  nextCursor: cursorSchema.nullable(),
});
export type RecordListResponse = z.infer<typeof recordListResponseSchema>;

export const recordIdParamSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const recordLookupQuerySchema = z
  .object({
    objectType: objectTypeSchema,
    hubspotId: z.string().trim().regex(/^\d{1,30}$/, 'A HubSpot record id is digits.').optional(),
    qboId: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'Not a QuickBooks id.').optional(),
  })
  .strict()
  .refine((q) => (q.hubspotId === undefined) !== (q.qboId === undefined), { message: 'Give exactly one of hubspotId or qboId.', path: ['hubspotId'] });
export type RecordLookupQuery = z.input<typeof recordLookupQuerySchema>;

/** GET /api/v1/records/:recordId and /records/lookup: `record` is null when the sync has not seen that record (lookup only; an unknown :recordId is 404). */
export const recordResponseSchema = z.object({ record: recordRowSchema.nullable() });
export type RecordResponse = z.infer<typeof recordResponseSchema>;

/** The columns a person can choose in the record view (and in an export); `key` is a RecordRow field. */
export const recordColumnKeySchema = z.enum(['displayName', 'email', 'hubspotId', 'qboId', 'state', 'reasonLabel', 'message', 'lastSyncedAt', 'lastDirection', 'origin']);
export type RecordColumnKey = z.infer<typeof recordColumnKeySchema>;

export const RECORD_COLUMNS: readonly { key: RecordColumnKey; label: string; defaultVisible: boolean }[] = [
  { key: 'displayName', label: 'Name', defaultVisible: true },
  { key: 'email', label: 'E-mail', defaultVisible: true },
  { key: 'hubspotId', label: 'HubSpot ID', defaultVisible: false },
  { key: 'qboId', label: 'QuickBooks ID', defaultVisible: false },
  { key: 'state', label: 'Sync state', defaultVisible: true },
  { key: 'reasonLabel', label: 'Reason', defaultVisible: true },
  { key: 'message', label: 'Message', defaultVisible: false },
  { key: 'lastSyncedAt', label: 'Last synced', defaultVisible: true },
  { key: 'lastDirection', label: 'Direction', defaultVisible: false },
  { key: 'origin', label: 'Created in', defaultVisible: false },
];

/** Words for enum values, shared so the UI and the exports say the same thing. */
export const STATE_LABELS: Record<z.infer<typeof recordStateSchema>, string> = { pending: 'Pending', synced: 'Synced', failed: 'Failed', excluded: 'Excluded' };
export const DIRECTION_LABELS: Record<z.infer<typeof syncDirectionOfRecordSchema>, string> = { to_qbo: 'HubSpot → QuickBooks', to_hubspot: 'QuickBooks → HubSpot' };
export const ORIGIN_LABELS: Record<'hubspot' | 'quickbooks', string> = { hubspot: 'HubSpot', quickbooks: 'QuickBooks' };
