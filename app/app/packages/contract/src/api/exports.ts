/**
 * Exports of the record view (R29). POST /api/v1/exports starts one in the background (202);
 * GET /api/v1/exports lists the account's recent ones; GET /api/v1/exports/:exportId polls one. When
 * ready, an in-app alert (and an e-mail when the server has SMTP) carries `downloadUrl`: a signed
 * link that expires at `expiresAt`, opened directly in the browser (no hubspot.fetch).
 */
import { z } from 'zod';
import { isoDateTime } from './common.ts';
import { recordColumnKeySchema, recordFiltersSchema } from './records.ts';

export const exportFormatSchema = z.enum(['csv', 'xlsx']);
export type ExportFormatName = z.infer<typeof exportFormatSchema>;

export const createExportRequestSchema = z
  .object({
    format: exportFormatSchema,
    /** The record view's current filters. */
    filters: recordFiltersSchema.default({}),
    /** The chosen columns, in order; default: every column. */
    columns: z.array(recordColumnKeySchema).min(1).max(20).optional(),
  })
  .strict();
export type CreateExportRequest = z.input<typeof createExportRequestSchema>;

export const exportStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'expired']);

export const exportJobViewSchema = z.object({
  id: z.uuid(),
  format: exportFormatSchema,
  filters: recordFiltersSchema,
  columns: z.array(recordColumnKeySchema),
  status: exportStatusSchema,
  rowCount: z.number().int().nullable(),
  fileBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  /** Only while `status` is succeeded and the link has not expired. */
  downloadUrl: z.string().nullable(),
});
export type ExportJobView = z.infer<typeof exportJobViewSchema>;

export const exportIdParamSchema = z.uuid();

export const exportListResponseSchema = z.object({ exports: z.array(exportJobViewSchema) });
export type ExportListResponse = z.infer<typeof exportListResponseSchema>;
