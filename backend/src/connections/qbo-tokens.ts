/**
 * QuickBooks access tokens for an account, refreshed single-flight across processes. A refused
 * refresh token (revoked, or rotated away) marks the connection "needs reconnect", stops its jobs and
 * raises an alert the settings page shows.
 */
import type { AppContext } from '../jobs/context.ts';
import { getQboTokens, saveQboTokens, setQboConnectionStatus } from '../db/qbo-connections.ts';
import { raiseAlert } from '../db/account-alerts.ts';
import { freshTokens } from '../vendors/token-refresh.ts';
import { refreshQboTokens } from '../vendors/quickbooks/oauth.ts';
import { qboOAuthConfig } from './config.ts';
import { cancelAccountJobs } from './account-jobs.ts';

export const NEEDS_RECONNECT_ALERT = 'qbo_needs_reconnect';
export const qboTokenLockKey = (portalId: number): string => `quickbooks:${portalId}`;

export async function qboAccessToken(ctx: AppContext, portalId: number, options: { force?: boolean } = {}): Promise<{ accessToken: string; realmId: string }> {
  const config = qboOAuthConfig(ctx.env);
  const tokens = await freshTokens(
    ctx.db,
    {
      vendor: 'quickbooks',
      lockKey: qboTokenLockKey(portalId),
      read: (db) => getQboTokens(db, ctx.cipher, portalId),
      refresh: async (current) => ({ ...(await refreshQboTokens(config, current.refreshToken)), realmId: current.realmId }),
      save: (db, next) => saveQboTokens(db, ctx.cipher, portalId, next),
      onInvalidGrant: async (db, err, deadRefreshToken) => {
        // A reconnect that finished while we were refused has stored a live grant: it stays connected.
        const stored = await getQboTokens(db, ctx.cipher, portalId);
        if (stored && stored.refreshToken !== deadRefreshToken) return;
        ctx.logger.warn({ portalId, reason: err.message }, 'QuickBooks refused our refresh token: connection needs reconnect');
        await setQboConnectionStatus(db, portalId, 'needs_reconnect', 'QuickBooks no longer accepts our access. Reconnect QuickBooks in the app settings.');
        await raiseAlert(db, {
          portalId,
          kind: NEEDS_RECONNECT_ALERT,
          severity: 'error',
          title: 'Reconnect QuickBooks',
          message: 'QuickBooks Online no longer accepts this app’s access, so syncing is paused. Open the app settings and click “Reconnect QuickBooks”.',
        });
        await cancelAccountJobs(ctx, portalId);
      },
    },
    options,
  );
  return { accessToken: tokens.accessToken, realmId: tokens.realmId };
}
