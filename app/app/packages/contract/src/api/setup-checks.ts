/**
 * GET /api/v1/setup-checks (R26): what the guided setup should tell the installer before syncing, from the
 * connected company's QuickBooks Preferences (read again at every call) and both sides' data. A check that
 * has nothing to say is not in the list.
 */
import { z } from 'zod';

export const setupCheckIdSchema = z.enum(['custom_transaction_numbers', 'closed_books_lock', 'products_without_sku', 'customers_not_synced']);
export type SetupCheckId = z.infer<typeof setupCheckIdSchema>;

export const setupCheckSchema = z.object({
  id: setupCheckIdSchema,
  /** warning: will cause wrong data if left; recommendation: a setting we advise; info: a count to know about. */
  level: z.enum(['warning', 'recommendation', 'info']),
  title: z.string(),
  message: z.string(),
  /** How many records the check is about (the counting checks). */
  count: z.number().int().nonnegative().optional(),
});
export type SetupCheck = z.infer<typeof setupCheckSchema>;

export const setupChecksResponseSchema = z.object({ checks: z.array(setupCheckSchema) });
export type SetupChecksResponse = z.infer<typeof setupChecksResponseSchema>;
