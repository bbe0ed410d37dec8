/**
 * Intuit OAuth through `intuit-oauth`. Its endpoints are process-wide statics, set once here from our
 * configuration (real Intuit or the sandbox emulator). Its built-in retries are turned off: a retried
 * refresh after a lost response would present a refresh token Intuit has already rotated away.
 */
import OAuthClient from 'intuit-oauth';
import { InvalidGrantError } from '../token-refresh.ts';
import type { QboTokens } from '../../db/qbo-connections.ts';

export const QBO_SCOPES = ['com.intuit.quickbooks.accounting'];

export interface QboOAuthConfig {
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'production';
  redirectUri: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export class QboOAuthError extends Error {
  constructor(
    message: string,
    public readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'QboOAuthError';
  }
}

function client(config: QboOAuthConfig): OAuthClient {
  const oauth = new OAuthClient({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    environment: config.environment,
    redirectUri: config.redirectUri,
    logging: false, // its logger writes tokens and the Basic auth header to a file
  });
  oauth.setAuthorizeURLs({
    authorizeEndpoint: config.authorizeUrl,
    tokenEndpoint: config.tokenUrl,
    revokeEndpoint: config.revokeUrl,
    userInfoEndpoint: config.tokenUrl,
  });
  OAuthClient.retryConfig.maxRetries = 0;
  return oauth;
}

export function qboAuthorizeUrl(config: QboOAuthConfig, state: string): string {
  return client(config).authorizeUri({ scope: QBO_SCOPES, state });
}

interface TokenJson {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  x_refresh_token_expires_in?: number;
  realmId?: string;
}

function tokensFrom(json: TokenJson): QboTokens {
  if (!json.access_token || !json.refresh_token || !json.expires_in) throw new QboOAuthError('Intuit token response is missing fields', undefined);
  const now = Date.now();
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    expiresAt: new Date(now + json.expires_in * 1000),
    // 100 days rolling when Intuit does not say
    refreshTokenExpiresAt: new Date(now + (json.x_refresh_token_expires_in ?? 8_640_000) * 1000),
  };
}

function normalise(err: unknown): Error {
  const e = err as { error?: string; error_description?: string; message?: string };
  if (e.error === 'invalid_grant') return new InvalidGrantError(`Intuit refused the grant: ${e.error_description || 'invalid_grant'}`);
  return new QboOAuthError(`Intuit token request failed: ${e.error || e.message || 'unknown error'}`, e.error);
}

/** Exchanges the callback URL's code; `intuit-oauth` parses code and realmId (it does not check state: we do). */
export async function exchangeQboCode(config: QboOAuthConfig, callbackUrl: string): Promise<QboTokens & { realmId: string }> {
  const oauth = client(config);
  try {
    const response = await oauth.createToken(callbackUrl);
    const realmId = oauth.token.realmId ?? new URL(callbackUrl).searchParams.get('realmId') ?? '';
    if (!realmId) throw new QboOAuthError('Intuit did not say which company was connected (no realmId)', undefined);
    return { ...tokensFrom(response.json as TokenJson), realmId };
  } catch (err) {
    throw err instanceof QboOAuthError ? err : normalise(err);
  }
}

export async function refreshQboTokens(config: QboOAuthConfig, refreshToken: string): Promise<QboTokens> {
  try {
    const response = await client(config).refreshUsingToken(refreshToken);
    return tokensFrom(response.json as TokenJson);
  } catch (err) {
    throw err instanceof QboOAuthError ? err : normalise(err);
  }
}

/** Revokes the grant at Intuit (revoking the refresh token ends the whole connection). */
export async function revokeQboTokens(config: QboOAuthConfig, refreshToken: string): Promise<void> {
  try {
    await client(config).revoke({ refresh_token: refreshToken });
  } catch (err) {
    throw normalise(err);
  }
}
