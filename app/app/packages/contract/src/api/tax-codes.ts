/**
 * GET /api/v1/quickbooks/tax-codes: the connected company's active sales tax codes, for the guided setup's
 * choice of the invoices sync's default tax code (`taxCodeId`, R22). US companies use automated sales tax
 * and need none: `required` is false and the list empty.
 */
import { z } from 'zod';

export const taxCodeSchema = z.object({
  /** QuickBooks TaxCode Id: the value stored in the invoices sync's options. */
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** Sum of the sales rates the code charges, in percent (0 for zero-rated / exempt codes). */
  ratePercent: z.number(),
});
export type TaxCode = z.infer<typeof taxCodeSchema>;

export const taxCodesResponseSchema = z.object({
  /** The company is outside the US: its invoice lines need a tax code. */
  required: z.boolean(),
  country: z.string().nullable(),
  codes: z.array(taxCodeSchema),
});
export type TaxCodesResponse = z.infer<typeof taxCodesResponseSchema>;
