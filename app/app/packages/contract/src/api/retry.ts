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
