/**
 * QuickBooks connect / reconnect / disconnect (R2). The settings page asks (signed hubspot.fetch) for
 * a connect link; the browser opening it gets a cookie bound to the state and goes to Intuit; the
 * callback checks state and cookie (intuit-oauth does not), refuses a company already linked to
 * another HubSpot account, reads CompanyInfo and Preferences, and stores the connection.
 */
import type { AppContext } from '../jobs/context.ts';
import { getInstallation } from '../db/installations.ts';
import { bindOAuthStateToBrowser, consumeOAuthState, createOAuthState, newSecret } from '../db/oauth-states.ts';
import { lockConnectionTokens } from '../vendors/token-refresh.ts';
import { findPortalByRealm, getQboConnection, getQboTokens, markQboDisconnected, saveQboConnection, type QboConnection } from '../db/qbo-connections.ts';
import { dismissAlerts } from '../db/account-alerts.ts';
import { SYNC_RECORDS } from '../db/sync-records.ts';
import { exchangeQboCode, qboAuthorizeUrl, revokeQboTokens } from '../vendors/quickbooks/oauth.ts';
import { createQboClient } from '../vendors/quickbooks/client.ts';
import { InvalidGrantError } from '../vendors/token-refresh.ts';
import { httpErrors } from '../http/errors.ts';
import { publicBaseUrl, qboOAuthConfig } from './config.ts';
import { ConnectFlowError, stateFailureMessage } from './flow-errors.ts';
import { cancelAccountJobs } from './account-jobs.ts';
import { NEEDS_RECONNECT_ALERT, qboTokenLockKey } from './qbo-tokens.ts';
import { companyProfileFrom } from './company-profile.ts';

export const QBO_START_PATH = '/oauth/quickbooks/start';

/** Step 1 (signed API call from the settings page): a link the user's browser opens. */
export async function createQboConnectLink(ctx: AppContext, portalId: number, options: { replace: boolean }): Promise<{ url: string }> {
  const installation = await getInstallation(ctx.db, portalId);
  if (!installation || installation.status === 'uninstalled') throw httpErrors.forbidden('The app is not installed in this HubSpot account.');
  const existing = await getQboConnection(ctx.db, portalId);
  const live = existing && existing.status !== 'disconnected' ? existing : undefined;
  if (live?.status === 'connected' && !options.replace) {
    throw httpErrors.conflict(`This HubSpot account is already connected to the QuickBooks company “${live.companyName ?? live.realmId}”. Confirm to replace it.`, {
      reason: 'qbo_already_connected',
      companyName: live.companyName,
      realmId: live.realmId,
    });
  }
  const state = await createOAuthState(ctx.db, {
    kind: 'qbo_connect',
    portalId,
    replaceExisting: options.replace,
    // Reconnecting a broken connection must come back with the same company unless replacing.
    expectedRealmId: live && !options.replace ? live.realmId : null,
    ttlMs: ctx.env.OAUTH_STATE_TTL_SECONDS * 1000,
  });
  return { url: `${publicBaseUrl(ctx.env)}${QBO_START_PATH}?${new URLSearchParams({ state }).toString()}` };
}

/** Step 2 (the browser opens the link): bind the state to this browser, then off to Intuit. */
export async function startQboConnect(ctx: AppContext, state: string | undefined): Promise<{ redirectUrl: string; browserSecret: string }> {
  const browserSecret = newSecret();
  if (!state || !(await bindOAuthStateToBrowser(ctx.db, state, browserSecret))) {
    throw new ConnectFlowError('link_invalid', 'This QuickBooks connection link has expired or was already used. Go back to the app settings in HubSpot and click “Connect QuickBooks” again.');
  }
  return { redirectUrl: qboAuthorizeUrl(qboOAuthConfig(ctx.env), state), browserSecret };
}

/** Intuit's Reconnect URL: the user comes from QuickBooks with the realm; reconnect the same company. */
export async function startQboReconnect(ctx: AppContext, realmId: string | undefined): Promise<{ redirectUrl: string; browserSecret: string }> {
  const portalId = realmId ? await findPortalByRealmAnyStatus(ctx, realmId) : undefined;
  if (!realmId || portalId === undefined) {
    throw new ConnectFlowError('unknown_company', 'This QuickBooks company is not linked to any HubSpot account yet. Install the app from the HubSpot App Marketplace, then connect QuickBooks from its settings page.', 404);
  }
  const browserSecret = newSecret();
  const state = await createOAuthState(ctx.db, { kind: 'qbo_connect', portalId, expectedRealmId: realmId, browserSecret, ttlMs: ctx.env.OAUTH_STATE_TTL_SECONDS * 1000 });
  return { redirectUrl: qboAuthorizeUrl(qboOAuthConfig(ctx.env), state), browserSecret };
}

async function findPortalByRealmAnyStatus(ctx: AppContext, realmId: string): Promise<number | undefined> {
  const live = await findPortalByRealm(ctx.db, realmId);
  if (live !== undefined) return live;
  const row = await ctx.db('qbo_connections').where({ realm_id: realmId }).orderBy('updated_at', 'desc').first<{ portal_id: number } | undefined>('portal_id');
  return row?.portal_id;
}

/** Step 3 (Intuit redirects back): verify, exchange, check the company, store. */
export async function completeQboConnect(
  ctx: AppContext,
  callbackUrl: string,
  query: { code?: string; state?: string; realmId?: string; error?: string },
  browserSecret: string | undefined,
): Promise<QboConnection> {
  if (query.error) {
    throw new ConnectFlowError('connect_declined', query.error === 'access_denied' ? 'QuickBooks was not connected because access was declined. You can connect again from the app settings in HubSpot.' : `QuickBooks did not complete the connection (${query.error}).`);
  }
  if (!query.code || !query.state) throw new ConnectFlowError('invalid_callback', 'This QuickBooks connection link is incomplete. Start again from the app settings in HubSpot.');
  const consumed = await consumeOAuthState(ctx.db, { state: query.state, browserSecret, kind: 'qbo_connect' });
  if (!consumed.ok) throw new ConnectFlowError(`state_${consumed.reason}`, stateFailureMessage(consumed.reason, 'QuickBooks connection'));
  const portalId = consumed.portalId!;
  const config = qboOAuthConfig(ctx.env);
  let grant;
  try {
    grant = await exchangeQboCode(config, callbackUrl);
  } catch (err) {
    if (err instanceof InvalidGrantError) throw new ConnectFlowError('code_rejected', 'QuickBooks did not accept this connection code (it may have been used already). Start again from the app settings.');
    throw err;
  }
  const refuse = async (code: string, message: string): Promise<never> => {
    await revokeQboTokens(config, grant.refreshToken).catch(() => undefined);
    throw new ConnectFlowError(code, message, 409);
  };
  const owner = await findPortalByRealm(ctx.db, grant.realmId);
  if (owner !== undefined && owner !== portalId) {
    await refuse('realm_linked_elsewhere', 'This QuickBooks company is already connected to another HubSpot account. Disconnect it there first (or choose another company).');
  }
  if (consumed.expectedRealmId && consumed.expectedRealmId !== grant.realmId) {
    await refuse('wrong_company', 'You chose a different QuickBooks company than the one this account is linked to. Reconnect the same company, or use “Replace company” in the app settings.');
  }
  const previous = await getQboConnection(ctx.db, portalId);
  if (previous?.status === 'connected' && previous.realmId !== grant.realmId && !consumed.replaceExisting) {
    await refuse('already_connected', 'This HubSpot account is already connected to another QuickBooks company. Confirm “Replace company” in the app settings first.');
  }

  const client = createQboClient({ apiBaseUrl: ctx.env.QBO_API_BASE_URL, realmId: grant.realmId, accessToken: async () => grant.accessToken, logger: ctx.logger });
  const [companyInfo, preferences] = await Promise.all([client.companyInfo(), client.preferences()]);
  const profile = companyProfileFrom(companyInfo, preferences);
  const connection = await ctx.db.transaction(async (trx) => {
    await lockConnectionTokens(trx, qboTokenLockKey(portalId));
    if (previous && previous.realmId !== grant.realmId) {
      // Links point at the old company's records: they mean nothing for the new one.
      await trx(SYNC_RECORDS).where({ portal_id: portalId }).delete();
    }
    const saved = await saveQboConnection(trx, ctx.cipher, {
      portalId,
      realmId: grant.realmId,
      environment: config.environment,
      companyName: profile.companyName,
      country: profile.country,
      homeCurrency: profile.homeCurrency,
      preferences: profile.preferences,
      tokens: grant,
    });
    await dismissAlerts(trx, portalId, NEEDS_RECONNECT_ALERT);
    return saved;
  });
  ctx.logger.info({ portalId, realmId: grant.realmId, country: profile.country }, 'QuickBooks company connected');
  return connection;
}

/** In-app disconnect: revoke at Intuit, stop the account's work, keep links and history for a reconnect. */
export async function disconnectQbo(ctx: AppContext, portalId: number): Promise<{ revoked: boolean }> {
  const tokens = await getQboTokens(ctx.db, ctx.cipher, portalId).catch(() => undefined);
  if (!(await getQboConnection(ctx.db, portalId))) throw httpErrors.notFound('No QuickBooks company is connected to this HubSpot account.');
  let revoked = false;
  if (tokens) {
    revoked = await revokeQboTokens(qboOAuthConfig(ctx.env), tokens.refreshToken).then(
      () => true,
      (err: unknown) => {
        ctx.logger.warn({ portalId, err: err instanceof Error ? err.message : String(err) }, 'revoking QuickBooks tokens failed; disconnecting anyway');
        return false;
      },
    );
  }
  await markQboDisconnected(ctx.db, portalId, 'Disconnected from the app settings.');
  await cancelAccountJobs(ctx, portalId);
  return { revoked };
}
