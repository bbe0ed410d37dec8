/**
 * GET /api/v1/quickbooks/income-accounts: the connected company's active income accounts, for the guided
 * setup's choices of where sales post: the products sync's `incomeAccountId` (items created from HubSpot)
 * and the invoices sync's `customLineIncomeAccountId` (the "Custom line item" item, R13).
 */
import { z } from 'zod';

export const incomeAccountSchema = z.object({
  /** QuickBooks Account Id: the value stored in the sync's options. */
  id: z.string(),
  /** The account's full name (parent:child for sub-accounts), as QuickBooks shows it. */
  name: z.string(),
});
export type IncomeAccount = z.infer<typeof incomeAccountSchema>;

export const incomeAccountsResponseSchema = z.object({ accounts: z.array(incomeAccountSchema) });
export type IncomeAccountsResponse = z.infer<typeof incomeAccountsResponseSchema>;
