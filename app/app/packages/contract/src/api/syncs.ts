/** Sync settings (R5–R11): one definition per object type. The request body schema is the one the service validates. */
import { z } from 'zod';
import { isoDateTime, objectTypeSchema } from './common.ts';
import { definitionInputSchema, fieldMappingSchema, filterGroupSchema, syncFiltersSchema } from '../definitions/definition-schema.ts';

export { definitionInputSchema, fieldMappingSchema, filterGroupSchema, syncFiltersSchema };
/** PUT /api/v1/syncs/:objectType body (semantic problems come back as 400 `invalid_request` with `details[].path`). */
export type SyncDefinitionInput = z.input<typeof definitionInputSchema>;

export const syncCountsSchema = z.object({ synced: z.number().int(), failed: z.number().int(), excluded: z.number().int(), pending: z.number().int() });

export const syncDefinitionViewSchema = z.object({
  objectType: objectTypeSchema,
  status: z.enum(['enabled', 'disabled', 'deleted']),
  direction: z.enum(['hubspot_to_qbo', 'qbo_to_hubspot', 'two_way']),
  conflictWinner: z.enum(['hubspot', 'quickbooks']),
  fieldMappings: z.array(fieldMappingSchema),
  filters: syncFiltersSchema,
  options: z.record(z.string(), z.unknown()),
  setupDate: isoDateTime,
  firstSyncCompletedAt: isoDateTime.nullable(),
  lastSyncStartedAt: isoDateTime.nullable(),
  lastSyncFinishedAt: isoDateTime.nullable(),
  nextSyncAt: isoDateTime.nullable(),
  counts: syncCountsSchema,
});
export type SyncDefinitionView = z.infer<typeof syncDefinitionViewSchema>;

/** GET /api/v1/syncs */
export const syncListResponseSchema = z.object({ syncs: z.array(syncDefinitionViewSchema) });
export type SyncListResponse = z.infer<typeof syncListResponseSchema>;

/** POST /api/v1/syncs/:objectType/sync-now (202) */
export const syncNowResponseSchema = z.object({ queued: z.boolean() });

/** POST /syncs/:objectType/validate (same body as PUT): every check of a save, nothing saved; 400 `invalid_request` with the problems. */
export const validateSyncResponseSchema = z.object({ objectType: z.enum(['contacts', 'companies', 'products', 'invoices', 'payments']), valid: z.literal(true) });
export type ValidateSyncResponse = z.infer<typeof validateSyncResponseSchema>;
export type SyncNowResponse = z.infer<typeof syncNowResponseSchema>;
