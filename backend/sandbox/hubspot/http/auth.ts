/**
 * Bearer-token authentication for every API route, with HubSpot's 401 bodies (INVALID_AUTHENTICATION,
 * EXPIRED_AUTHENTICATION) and the 403 MISSING_SCOPES body when the token lacks a scope.
 */
import type { NextFunction, Request, Response } from 'express';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { HubSpotError } from './errors.ts';
import { apiLocals, type ApiLocals } from './context.ts';

const AUTH_HELP = 'https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function authenticate(state: HubSpotSandboxState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new HubSpotError(401, 'INVALID_AUTHENTICATION', `Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at ${AUTH_HELP}`);
    }
    const token = state.tokens.accessTokens.get(match[1]);
    if (!token) {
      throw new HubSpotError(401, 'INVALID_AUTHENTICATION', `Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at ${AUTH_HELP}`);
    }
    const now = Date.now();
    if (token.expiresAt <= now) {
      const minutes = Math.max(1, Math.floor((now - token.expiresAt) / 60_000));
      throw new HubSpotError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`);
    }
    const account = state.account(token.portalId);
    if (!account || !account.installedApps.has(token.appId)) {
      throw new HubSpotError(401, 'INVALID_AUTHENTICATION', 'The app is not installed in this account.');
    }
    const locals: ApiLocals = { token, account, source: { changeSource: 'INTEGRATION', sourceId: String(token.appId), appId: token.appId } };
    Object.assign(res.locals, locals);
    next();
  };
}

/** Throws 403 unless the token has at least one of the given scopes. */
export function requireScope(res: Response, anyOf: readonly string[]): void {
  const { token } = apiLocals(res);
  if (anyOf.some((scope) => token.scopes.includes(scope))) return;
  throw new HubSpotError(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...anyOf] } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}
