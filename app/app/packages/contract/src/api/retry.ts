/**
 * POST /api/v1/records/:recordId/retry (no body) — sync a failed record again now. 202 when queued;
 * 404 `not_found` for an unknown record (or another account's); 409 `conflict` when it is not failed
 * or its sync is not enabled.
 */
import { z } from 'zod';

export const retryResponseSchema = z.object({
  recordId: z.number().int(),
  /** A pass of this record is queued (one already waiting counts: passes are deduplicated per record). */
  queued: z.literal(true),
});
export type RetryResponse = z.infer<typeof retryResponseSchema>;

/**
 * POST /api/v1/records/sync-now `{ objectType, hubspotId }` — "Sync now" on one HubSpot record (R31): its
 * pass is queued now, whatever its state (202); 409 `conflict` when its sync is not enabled or QuickBooks is
 * not connected. `recordId` is null for a record the sync has not seen yet.
 */
export const recordSyncNowRequestSchema = z
  .object({
    objectType: z.enum(['contacts', 'companies', 'products', 'invoices', 'payments']),
    hubspotId: z.string().trim().regex(/^\d{1,30}$/, 'A HubSpot record id is digits.'),
  })
  .strict();
export type RecordSyncNowRequest = z.infer<typeof recordSyncNowRequestSchema>;

export const recordSyncNowResponseSchema = z.object({ recordId: z.number().int().nullable(), queued: z.literal(true) });
export type RecordSyncNowResponse = z.infer<typeof recordSyncNowResponseSchema>;
