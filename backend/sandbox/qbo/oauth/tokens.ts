/**
 * Intuit OAuth token lifecycle: single-use authorization codes, 1-hour access tokens, refresh-token
 * rotation (every refresh returns a new refresh token; the previous one keeps working only until the
 * newer one has been used — then it is `invalid_grant`, as racing refreshes see it in production).
 */
import type { Clock } from '../core/clock.ts';
import { randomToken, type Grant, type QboState } from '../state/store.ts';

export const ACCESS_TOKEN_TTL_S = 3600;
/** 101 days, as Intuit reports `x_refresh_token_expires_in` for a fresh token. */
export const REFRESH_TOKEN_TTL_S = 8_726_400;
/** Five-year absolute cap (policy announced 2025-11-12). */
export const REFRESH_TOKEN_HARD_TTL_S = 5 * 365 * 24 * 3600;
export const AUTH_CODE_TTL_MS = 5 * 60_000;

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
}

export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(error);
  }
}

const invalidGrant = () => new OAuthError('invalid_grant', 'Token invalid');

export function issueTokens(state: QboState, grant: Grant, includeHardExpiry: boolean, hardExpiresAt?: number): TokenResponse {
  const now = state.clock.now();
  const access = randomToken('eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.', 48);
  const refresh = randomToken('RT1-', 32);
  const hard = hardExpiresAt ?? now + REFRESH_TOKEN_HARD_TTL_S * 1000;
  state.accessTokens.set(access, { token: access, grantId: grant.id, expiresAt: now + ACCESS_TOKEN_TTL_S * 1000 });
  const expiresAt = Math.min(now + REFRESH_TOKEN_TTL_S * 1000, hard);
  state.refreshTokens.set(refresh, { token: refresh, grantId: grant.id, expiresAt, hardExpiresAt: hard, used: false });
  return {
    token_type: 'bearer',
    access_token: access,
    expires_in: ACCESS_TOKEN_TTL_S,
    refresh_token: refresh,
    x_refresh_token_expires_in: Math.floor((expiresAt - now) / 1000),
    ...(includeHardExpiry ? { x_refresh_token_hard_expires_in: Math.floor((hard - now) / 1000) } : {}),
  };
}

export function createGrant(state: QboState, clientId: string, realmId: string, scope: string): Grant {
  const grant: Grant = { id: randomToken('g-', 12), clientId, realmId, scope, createdAt: state.clock.now(), revoked: false };
  state.grants.set(grant.id, grant);
  return grant;
}

export function exchangeCode(state: QboState, clientId: string, code: string | undefined, redirectUri: string | undefined, hard: boolean): TokenResponse {
  const record = code ? state.codes.get(code) : undefined;
  if (!record || record.clientId !== clientId) throw invalidGrant();
  if (record.grantId !== undefined) {
    // A replayed code is treated as theft: the tokens it produced die too (Intuit maintainer, oauth-jsclient #173).
    revokeGrant(state, record.grantId);
    throw invalidGrant();
  }
  if (record.expiresAt < state.clock.now()) throw invalidGrant();
  if (redirectUri !== record.redirectUri) throw invalidGrant();
  const grant = createGrant(state, clientId, record.realmId, record.scope);
  record.grantId = grant.id;
  return issueTokens(state, grant, hard);
}

export function refresh(state: QboState, clientId: string, token: string | undefined, hard: boolean): TokenResponse {
  const record = token ? state.refreshTokens.get(token) : undefined;
  if (!record) throw invalidGrant();
  const grant = state.grants.get(record.grantId);
  if (!grant || grant.revoked || grant.clientId !== clientId) throw invalidGrant();
  if (record.expiresAt < state.clock.now()) throw invalidGrant();
  const successor = record.successor ? state.refreshTokens.get(record.successor) : undefined;
  if (successor?.used) throw invalidGrant();
  // Re-using a token whose successor was never used: that unused successor is superseded instead.
  if (successor) state.refreshTokens.delete(successor.token);
  record.used = true;
  const response = issueTokens(state, grant, hard, record.hardExpiresAt);
  record.successor = response.refresh_token;
  return response;
}

export function revokeToken(state: QboState, clientId: string, token: string | undefined): void {
  const grantId = (token && (state.refreshTokens.get(token)?.grantId ?? state.accessTokens.get(token)?.grantId)) || undefined;
  const grant = grantId ? state.grants.get(grantId) : undefined;
  if (!grant || grant.clientId !== clientId) throw new OAuthError('invalid_request', 'Token invalid');
  revokeGrant(state, grant.id);
}

function revokeGrant(state: QboState, grantId: string): void {
  const grant = state.grants.get(grantId);
  if (grant) grant.revoked = true;
}

/** Resolves a Bearer token to its live grant, or explains why not (the 401 detail text). */
export function authenticate(state: QboState, clock: Clock, token: string | undefined): { grant: Grant } | { error: string } {
  if (!token) return { error: 'Authorization header missing or not Bearer' };
  const record = state.accessTokens.get(token);
  if (!record) return { error: 'Token invalid' };
  if (record.expiresAt < clock.now()) return { error: 'Token expired: ' + token.slice(-8) };
  const grant = state.grants.get(record.grantId);
  if (!grant || grant.revoked) return { error: 'Token revoked' };
  return { grant };
}
