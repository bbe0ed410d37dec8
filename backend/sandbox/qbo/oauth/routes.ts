/**
 * Intuit OAuth endpoints, mounted at the emulator root:
 *   GET  /connect/oauth2 and /oauth2/v1/authorize  consent page      POST /oauth2/v1/authorize  decision
 *   POST /oauth2/v1/tokens/bearer                  token endpoint    POST /oauth2/v1/tokens/revoke (+ /v2/oauth2/tokens/revoke)
 */
import express, { type Request, type Response, type Router } from 'express';
import { randomToken, type QboState, type SandboxApp } from '../state/store.ts';
import { consentPage, errorPage } from './consent-page.ts';
import { AUTH_CODE_TTL_MS, exchangeCode, OAuthError, refresh, revokeToken } from './tokens.ts';

const KNOWN_SCOPES = new Set([
  'com.intuit.quickbooks.accounting', 'com.intuit.quickbooks.payment', 'openid', 'profile', 'email', 'phone', 'address',
  'payroll.compensation.read', 'project-management.project', 'app-foundations.custom-dimensions.read',
  'app-foundations.custom-field-definitions', 'app-foundations.custom-field-definitions.read', 'time-tracking.time-entry',
  'indirect-tax.tax-calculation.quickbooks',
]);

function param(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function redirectWith(res: Response, redirectUri: string, params: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  res.redirect(302, url.toString());
}

/** Validates client and redirect URI; on failure Intuit shows an error page rather than redirecting. */
function checkClient(state: QboState, source: unknown, res: Response): { app: SandboxApp; redirectUri: string } | undefined {
  const app = state.apps.get(param(source, 'client_id') ?? '');
  const redirectUri = param(source, 'redirect_uri') ?? '';
  if (!app) {
    res.status(400).type('html').send(errorPage('invalid_client: unknown client_id'));
    return undefined;
  }
  if (!app.redirectUris.includes(redirectUri)) {
    res.status(400).type('html').send(errorPage('The redirect_uri is not registered for this app.'));
    return undefined;
  }
  return { app, redirectUri };
}

function basicClient(state: QboState, req: Request): SandboxApp | undefined {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const app = state.apps.get(decoded.slice(0, colon));
  return app && app.clientSecret === decoded.slice(colon + 1) ? app : undefined;
}

function sendOAuthError(res: Response, error: unknown): void {
  if (error instanceof OAuthError) {
    res.status(error.status).json({ error: error.error, error_description: error.description });
    return;
  }
  throw error;
}

export function oauthRouter(state: QboState): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false });
  const body = [form, express.json()];

  const showConsent = (req: Request, res: Response) => {
    const checked = checkClient(state, req.query, res);
    if (!checked) return;
    const stateParam = param(req.query, 'state');
    if (param(req.query, 'response_type') !== 'code') return redirectWith(res, checked.redirectUri, { error: 'unsupported_response_type', state: stateParam });
    const scope = param(req.query, 'scope') ?? '';
    const scopes = scope.split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return redirectWith(res, checked.redirectUri, { error: 'invalid_scope', state: stateParam });
    res.type('html').send(consentPage({ clientId: checked.app.clientId, appName: checked.app.name, redirectUri: checked.redirectUri, scope, state: stateParam }, [...state.companies.values()]));
  };
  router.get('/connect/oauth2', showConsent);
  router.get('/oauth2/v1/authorize', showConsent);

  router.post('/oauth2/v1/authorize', form, (req, res) => {
    const checked = checkClient(state, req.body, res);
    if (!checked) return;
    const stateParam = param(req.body, 'state');
    if (param(req.body, 'decision') !== 'allow') return redirectWith(res, checked.redirectUri, { error: 'access_denied', state: stateParam });
    const realmId = param(req.body, 'realmId') ?? '';
    if (!state.companies.has(realmId)) return void res.status(400).type('html').send(errorPage('Choose a company to connect.'));
    const code = randomToken('AB11', 30);
    state.codes.set(code, { code, clientId: checked.app.clientId, redirectUri: checked.redirectUri, realmId, scope: param(req.body, 'scope') ?? '', expiresAt: state.clock.now() + AUTH_CODE_TTL_MS });
    redirectWith(res, checked.redirectUri, { code, state: stateParam, realmId });
  });

  router.post('/oauth2/v1/tokens/bearer', form, (req, res) => {
    const app = basicClient(state, req);
    if (!app) return void res.status(401).json({ error: 'invalid_client' });
    const hard = req.headers['x-include-refresh-token-hard-expires-in'] === 'true';
    try {
      const grantType = param(req.body, 'grant_type');
      if (grantType === 'authorization_code') res.json(exchangeCode(state, app.clientId, param(req.body, 'code'), param(req.body, 'redirect_uri'), hard));
      else if (grantType === 'refresh_token') res.json(refresh(state, app.clientId, param(req.body, 'refresh_token'), hard));
      else res.status(400).json({ error: 'unsupported_grant_type' });
    } catch (error) {
      sendOAuthError(res, error);
    }
  });

  const revoke = (req: Request, res: Response) => {
    const app = basicClient(state, req);
    if (!app) return void res.status(401).json({ error: 'invalid_client' });
    try {
      revokeToken(state, app.clientId, param(req.body, 'token'));
      res.status(200).end();
    } catch (error) {
      sendOAuthError(res, error);
    }
  };
  router.post('/oauth2/v1/tokens/revoke', ...body, revoke);
  router.post('/v2/oauth2/tokens/revoke', ...body, revoke);
  return router;
}
