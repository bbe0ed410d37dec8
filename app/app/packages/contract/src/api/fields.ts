/**
 * The fields a mapping of an object type may use (R7), for the mapping editor: GET
 * /api/v1/syncs/:objectType/fields — each side's fields with label, kind and whether they can be
 * written; for invoices the QuickBooks custom fields carry the names set in QuickBooks.
 */
import { z } from 'zod';

export const fieldKindSchema = z.enum(['string', 'email', 'phone', 'number', 'currency', 'boolean', 'date', 'datetime', 'enumeration']);

export const mappableFieldSchema = z.object({
  /** HubSpot property name, or QBO dotted path. Names starting with '@' are computed by the app. */
  name: z.string(),
  label: z.string(),
  kind: fieldKindSchema,
  readOnly: z.boolean(),
  /** A property of an associated record (e.g. `invoice:hs_invoice_status`, R9): offered in filters, never in mappings. */
  filterOnly: z.boolean().default(false),
});

export const fieldCatalogueResponseSchema = z.object({
  objectType: z.enum(['contacts', 'companies', 'products', 'invoices', 'payments']),
  hubspot: z.array(mappableFieldSchema),
  qbo: z.array(mappableFieldSchema),
});
export type FieldCatalogueResponse = z.infer<typeof fieldCatalogueResponseSchema>;
