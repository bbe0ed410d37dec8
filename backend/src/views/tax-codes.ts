/**
 * The connected company's sales tax codes for the guided setup (R22): a non-US company needs a tax code on
 * every invoice line, so setup offers its codes for the invoices sync's default; US companies need none.
 */
import type { AppContext } from '../jobs/context.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { httpErrors } from '../http/errors.ts';
import { qboSyncClientFor } from '../vendors/quickbooks/client-for.ts';
import { readCompanyTaxCodes } from '../connections/company-tax-codes.ts';
import { taxCodePerLineRequired } from '@quickbooks-sync/contract/definitions';
import type { TaxCodesResponse } from '@quickbooks-sync/contract';

export async function taxCodes(ctx: AppContext, portalId: number): Promise<TaxCodesResponse> {
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') throw httpErrors.conflict('Connect QuickBooks first: its tax codes are read from the company.', { reason: 'qbo_not_connected' });
  if (!taxCodePerLineRequired(connection.country)) return { required: false, country: connection.country, codes: [] };
  const codes = await readCompanyTaxCodes(await qboSyncClientFor(ctx, portalId));
  return { required: true, country: connection.country, codes: codes.map(({ id, name, description, ratePercent }) => ({ id, name, description, ratePercent })) };
}
