/** HubSpot access tokens for an account, refreshed single-flight; a refused refresh token means the app was uninstalled. */
import type { AppContext } from '../jobs/context.ts';
import { getInstallationTokens, saveInstallationTokens } from '../db/installations.ts';
import { freshTokens } from '../vendors/token-refresh.ts';
import { refreshHubSpotTokens } from '../vendors/hubspot/oauth.ts';
import { hubspotOAuthConfig } from './config.ts';
import { uninstallAccount } from './uninstall.ts';

export async function hubspotAccessToken(ctx: AppContext, portalId: number, options: { force?: boolean } = {}): Promise<string> {
  const config = hubspotOAuthConfig(ctx.env);
  const tokens = await freshTokens(
    ctx.db,
    {
      vendor: 'hubspot',
      lockKey: `hubspot:${portalId}`,
      read: (db) => getInstallationTokens(db, ctx.cipher, portalId),
      refresh: async (current) => refreshHubSpotTokens(config, current.refreshToken),
      save: (db, next) => saveInstallationTokens(db, ctx.cipher, portalId, next),
      onInvalidGrant: async (_db, err) => {
        // HubSpot revokes an app's refresh tokens when the account uninstalls it.
        ctx.logger.warn({ portalId, reason: err.message }, 'HubSpot refused our refresh token: treating the app as uninstalled');
        await uninstallAccount(ctx, portalId, 'HubSpot refused the refresh token (app uninstalled or access revoked)');
      },
    },
    options,
  );
  return tokens.accessToken;
}
