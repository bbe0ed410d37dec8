/**
 * Token endpoints: POST /oauth/v1/token and /oauth/v3/token (form body; authorization_code and
 * refresh_token grants), token info (v1 GET access-tokens / refresh-tokens, v3 introspect) and
 * revocation (v1 DELETE refresh-tokens, v3 revoke). Errors use HubSpot's OAuth statuses (BAD_AUTH_CODE…).
 */
import { Router, type Request, type Response } from 'express';
import { correlationId } from '../http/errors.ts';
import { param, queryString } from '../http/parse.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { JOURNAL_SCOPES } from '../journal/journal-store.ts';
import type { AccessToken, Grant } from './token-store.ts';

function oauthError(res: Response, status: string, message: string, http = 400): void {
  res.status(http).json({ status, message, correlationId: correlationId(), requestId: correlationId() });
}

/** OAuth parameters travel in an x-www-form-urlencoded body (HubSpot ignores JSON bodies here). */
function formParams(req: Request): Record<string, string | undefined> {
  if (!req.is('application/x-www-form-urlencoded')) return {};
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, queryString(v)]));
}

function tokenResponse(state: HubSpotSandboxState, access: AccessToken) {
  return {
    token_type: 'bearer',
    access_token: access.token,
    refresh_token: access.refreshToken,
    expires_in: Math.round((access.expiresAt - Date.now()) / 1000),
    hub_id: access.portalId,
    user_id: access.userId,
    scopes: access.scopes,
    hub_domain: state.account(access.portalId)?.hubDomain,
  };
}

function tokenInfo(state: HubSpotSandboxState, grant: Grant) {
  return {
    user: grant.user, user_id: grant.userId, hub_id: grant.portalId, hub_domain: state.account(grant.portalId)?.hubDomain,
    scopes: grant.scopes, app_id: grant.appId, client_id: grant.clientId, is_private_distribution: false,
    scope_to_scope_group_pks: [], trial_scopes: [], trial_scope_to_scope_group_pks: [],
  };
}

export function tokenRoutes(state: HubSpotSandboxState): Router {
  const router = Router();

  const issue = (req: Request, res: Response): void => {
    const p = formParams(req);
    const app = p.client_id ? state.appByClientId(p.client_id) : undefined;
    if (!app) return oauthError(res, 'BAD_CLIENT_ID', 'missing or unknown client id');
    if (p.client_secret !== app.clientSecret) return oauthError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
    if (p.grant_type === 'authorization_code') {
      const code = p.code ? state.tokens.codes.get(p.code) : undefined;
      if (!code || code.used || code.expiresAt <= Date.now() || code.clientId !== app.clientId) {
        return oauthError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      }
      if (p.redirect_uri !== code.redirectUri) return oauthError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one used to authorize');
      code.used = true;
      const refresh = state.tokens.issueRefreshToken(code);
      res.json(tokenResponse(state, state.tokens.issueAccessToken(code, refresh.token)));
      return;
    }
    if (p.grant_type === 'refresh_token') {
      const refresh = p.refresh_token ? state.tokens.refreshTokens.get(p.refresh_token) : undefined;
      if (!refresh || refresh.revoked || refresh.clientId !== app.clientId) return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      // HubSpot does not rotate refresh tokens: the same one keeps working until revoked/uninstalled.
      res.json(tokenResponse(state, state.tokens.issueAccessToken(refresh, refresh.token)));
      return;
    }
    if (p.grant_type === 'client_credentials') {
      // App-level token for the webhooks journal APIs: only developer.webhooks_journal.* scopes, no refresh token.
      const scopes = (p.scope ?? '').split(/[\s,]+/).filter(Boolean);
      if (scopes.length === 0) return oauthError(res, 'BAD_SCOPE', 'scope is required for the client_credentials grant');
      const unknown = scopes.filter((scope) => !(JOURNAL_SCOPES as readonly string[]).includes(scope));
      if (unknown.length > 0) return oauthError(res, 'BAD_SCOPE', `scopes not available to a client credentials token: ${unknown.join(', ')}`);
      const token = state.journal.issueAppToken(app.appId, scopes);
      res.json({ token_type: 'bearer', access_token: token.token, expires_in: Math.round((token.expiresAt - Date.now()) / 1000) });
      return;
    }
    oauthError(res, 'BAD_GRANT_TYPE', `unsupported grant_type: ${p.grant_type ?? '(missing)'}`);
  };
  // v1 is what @hubspot/api-client 13 calls; v3 and its date-versioned alias are the current endpoints.
  router.post(['/oauth/v1/token', '/oauth/v3/token', '/oauth/2026-03/token'], issue);

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const access = state.tokens.accessTokens.get(param(req.params.token));
    if (!access || access.expiresAt <= Date.now()) return oauthError(res, 'error', 'Token not found', 404);
    res.json({ token: access.token, token_type: 'access', expires_in: Math.round((access.expiresAt - Date.now()) / 1000), ...tokenInfo(state, access) });
  });
  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const refresh = state.tokens.refreshTokens.get(param(req.params.token));
    if (!refresh || refresh.revoked) return oauthError(res, 'error', 'Token not found', 404);
    res.json({ token: refresh.token, token_type: 'refresh', ...tokenInfo(state, refresh) });
  });
  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    if (!state.tokens.revokeRefreshToken(param(req.params.token))) return oauthError(res, 'error', 'Token not found', 404);
    res.status(204).end();
  });

  const clientOk = (p: Record<string, string | undefined>): boolean => {
    const app = p.client_id ? state.appByClientId(p.client_id) : undefined;
    return app !== undefined && app.clientSecret === p.client_secret;
  };
  router.post(['/oauth/v3/token/introspect', '/oauth/2026-03/token/introspect'], (req, res) => {
    const p = formParams(req);
    if (!clientOk(p)) return oauthError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client credentials', 401);
    const access = p.token ? state.tokens.accessTokens.get(p.token) : undefined;
    if (access && access.expiresAt > Date.now()) {
      res.json({ active: true, token_type: 'access', expires_in: Math.round((access.expiresAt - Date.now()) / 1000), ...tokenInfo(state, access) });
      return;
    }
    const refresh = p.token ? state.tokens.refreshTokens.get(p.token) : undefined;
    if (refresh && !refresh.revoked) {
      res.json({ active: true, token_type: 'refresh', ...tokenInfo(state, refresh) });
      return;
    }
    res.json({ active: false });
  });
  router.post(['/oauth/v3/token/revoke', '/oauth/2026-03/token/revoke'], (req, res) => {
    const p = formParams(req);
    if (!clientOk(p)) return oauthError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client credentials', 401);
    if (p.token && !state.tokens.revokeRefreshToken(p.token)) state.tokens.accessTokens.delete(p.token);
    res.status(200).json({});
  });
  return router;
}
