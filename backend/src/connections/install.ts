/**
 * HubSpot install (R1): our install URL sends the browser to HubSpot's consent page with a
 * single-use state bound to that browser; the callback exchanges the code at /oauth/v3/token and
 * stores the account (a reinstall updates the same row), then sends the user to the guided setup.
 */
import type { AppContext } from '../jobs/context.ts';
import { upsertInstallation } from '../db/installations.ts';
import { LIFECYCLE_JOURNAL_JOB } from '../jobs/handlers/poll-lifecycle-journal.ts';
import { consumeOAuthState, createOAuthState, newSecret } from '../db/oauth-states.ts';
import { dismissAlerts } from '../db/account-alerts.ts';
import { exchangeHubSpotCode, hubspotAuthorizeUrl, introspectHubSpotToken } from '../vendors/hubspot/oauth.ts';
import { InvalidGrantError } from '../vendors/token-refresh.ts';
import { hubspotOAuthConfig, hubspotSettingsUrl } from './config.ts';
import { ConnectFlowError, stateFailureMessage } from './flow-errors.ts';

const START_AGAIN = { label: 'Start the installation again', href: '/oauth/hubspot/install' };

/** Every install failure offers to start over. */
class InstallFlowError extends ConnectFlowError {
  constructor(code: string, message: string) {
    super(code, message, 400, START_AGAIN);
  }
}

export async function startHubSpotInstall(ctx: AppContext): Promise<{ redirectUrl: string; browserSecret: string }> {
  const config = hubspotOAuthConfig(ctx.env);
  const browserSecret = newSecret();
  const state = await createOAuthState(ctx.db, { kind: 'hubspot_install', browserSecret, ttlMs: ctx.env.OAUTH_STATE_TTL_SECONDS * 1000 });
  return { redirectUrl: hubspotAuthorizeUrl(config, state), browserSecret };
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export async function completeHubSpotInstall(ctx: AppContext, query: CallbackQuery, browserSecret: string | undefined): Promise<{ portalId: number; settingsUrl: string }> {
  if (query.error) {
    throw new InstallFlowError(
      query.error === 'access_denied' ? 'install_declined' : 'install_failed',
      query.error === 'access_denied'
        ? 'The app was not installed because access was declined in HubSpot. You can start the installation again at any time.'
        : `HubSpot did not complete the installation (${query.error_description ?? query.error}).`,
    );
  }
  if (!query.code || !query.state) throw new InstallFlowError('invalid_callback', 'This installation link is incomplete. Start the installation again from the HubSpot App Marketplace.');
  const consumed = await consumeOAuthState(ctx.db, { state: query.state, browserSecret, kind: 'hubspot_install' });
  if (!consumed.ok) throw new InstallFlowError(`state_${consumed.reason}`, stateFailureMessage(consumed.reason, 'installation'));

  const config = hubspotOAuthConfig(ctx.env);
  let grant;
  try {
    grant = await exchangeHubSpotCode(config, query.code);
  } catch (err) {
    if (err instanceof InvalidGrantError) {
      throw new InstallFlowError('code_rejected', 'HubSpot did not accept this installation code (it may have been used already or expired). Start the installation again.');
    }
    throw err;
  }
  if (!grant.hubId) throw new InstallFlowError('install_failed', 'HubSpot did not say which account installed the app.');
  const info = await introspectHubSpotToken(config, grant.accessToken);
  await ctx.db.transaction(async (trx) => {
    await upsertInstallation(trx, ctx.cipher, {
      portalId: grant.hubId!,
      hubDomain: info?.hub_domain ?? null,
      scopes: grant.scopes ?? [],
      installedByUserId: grant.userId ?? null,
      installedByEmail: info?.user ?? null,
      tokens: grant,
    });
    await dismissAlerts(trx, grant.hubId!, 'hubspot_uninstalled');
    // Make sure the app is subscribed to uninstall events in HubSpot's webhooks journal, and read it.
    await ctx.queue.send(LIFECYCLE_JOURNAL_JOB, { ensureSubscription: true }, { trx, singletonKey: 'lifecycle-journal:after-install' });
  });
  ctx.logger.info({ portalId: grant.hubId }, 'HubSpot account installed the app');
  return { portalId: grant.hubId, settingsUrl: hubspotSettingsUrl(ctx.env, grant.hubId) };
}
