/**
 * GET /api/v1/object-view[?objectType=contacts] — the object view (R27): per object type, how many
 * records are synced / failed / excluded / pending, and why (per reason code, with a label a person
 * reads). A count links to the record view filtered by `{ objectType, state, reasonCode }`.
 */
import { z } from 'zod';
import { objectTypeSchema, recordStateSchema } from './common.ts';
import { syncCountsSchema } from './syncs.ts';

export const objectViewQuerySchema = z.object({ objectType: objectTypeSchema.optional() }).strict();
export type ObjectViewQuery = z.input<typeof objectViewQuerySchema>;

export const reasonCountSchema = z.object({
  state: recordStateSchema,
  /** Stable code to filter the record view on. */
  reasonCode: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
});
export type ReasonCount = z.infer<typeof reasonCountSchema>;

export const objectSummarySchema = z.object({
  objectType: objectTypeSchema,
  /** Whether the account has a (non-deleted) sync of this object set up, and its status. */
  syncStatus: z.enum(['enabled', 'disabled', 'not_set_up']),
  counts: syncCountsSchema,
  total: z.number().int().nonnegative(),
  /** Most frequent first. Records in a state without a reason (e.g. synced) are not listed here. */
  reasons: z.array(reasonCountSchema),
});
export type ObjectSummary = z.infer<typeof objectSummarySchema>;

/** Always the four object types in a fixed order (contacts, products, invoices, payments), or the one asked for. */
export const objectViewResponseSchema = z.object({ objects: z.array(objectSummarySchema) });
export type ObjectViewResponse = z.infer<typeof objectViewResponseSchema>;
