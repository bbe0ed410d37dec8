/**
 * R26: the setup checks of an account. QuickBooks Preferences are read again (a setting changed in
 * QuickBooks since connecting shows at the next visit) and stored on the connection; the counts come from
 * HubSpot (products without a SKU), QuickBooks (customers) and our own records (customers already synced).
 */
import type { AppContext } from '../jobs/context.ts';
import { getQboConnection, updateQboPreferences } from '../db/qbo-connections.ts';
import { countSyncRecordsByState } from '../db/sync-records.ts';
import { httpErrors } from '../http/errors.ts';
import type { SetupChecksResponse } from '@quickbooks-sync/contract';
import { qboSyncClientFor } from '../vendors/quickbooks/client-for.ts';
import { countHubSpotProductsWithoutSku } from './hubspot-counts.ts';
import { customersNotSyncedCheck, productsWithoutSkuCheck } from './count-checks.ts';
import { preferenceChecks } from './preference-checks.ts';

export async function runSetupChecks(ctx: AppContext, portalId: number): Promise<SetupChecksResponse> {
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') {
    throw httpErrors.conflict('Connect QuickBooks first: the setup checks read its settings.', { reason: connection ? 'qbo_needs_reconnect' : 'qbo_not_connected' });
  }
  const qbo = await qboSyncClientFor(ctx, portalId);
  const [preferences, customers, productsWithoutSku, records] = await Promise.all([
    qbo.preferences(),
    qbo.query<{ totalCount?: number }>('select count(*) from Customer'),
    countHubSpotProductsWithoutSku(ctx, portalId),
    countSyncRecordsByState(ctx.db, portalId),
  ]);
  await updateQboPreferences(ctx.db, portalId, preferences);
  // A synced contacts record always holds a customer: what is left has not reached HubSpot yet.
  const customersNotSynced = Math.max(0, (customers.totalCount ?? 0) - records.contacts.synced);
  return { checks: [...preferenceChecks(preferences), ...productsWithoutSkuCheck(productsWithoutSku), ...customersNotSyncedCheck(customersNotSynced)] };
}
