/**
 * GET /oauth/authorize (and /oauth/{portalId}/authorize): validates client_id, redirect_uri and scopes
 * against the registered app and shows the consent page; POST /oauth/authorize/decision redirects
 * to redirect_uri with `code` + `state`, or `error=access_denied` when the user clicks Deny.
 */
import { Router, type Response } from 'express';
import { queryString } from '../http/parse.ts';
import type { RegisteredApp } from '../state/apps.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { consentPage, errorPage } from './consent-page.ts';

interface AuthorizeRequest {
  app: RegisteredApp;
  redirectUri: string;
  scopes: string[];
  optionalScopes: string[];
  state: string | undefined;
}

const splitScopes = (raw: string | undefined): string[] => (raw ?? '').split(/[\s+]+/).filter((s) => s.length > 0);

class AuthorizeError extends Error {}

/** Checks the request like HubSpot: known client, registered redirect URI, scope == required scopes. */
function checkAuthorize(state: HubSpotSandboxState, q: Record<string, unknown>): AuthorizeRequest {
  const clientId = queryString(q.client_id);
  const app = clientId ? state.appByClientId(clientId) : undefined;
  if (!app) throw new AuthorizeError(`Unknown client_id: ${clientId ?? '(missing)'}`);
  const redirectUri = queryString(q.redirect_uri);
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) throw new AuthorizeError(`redirect_uri ${redirectUri ?? '(missing)'} does not match the app's redirect URLs`);
  const scopes = splitScopes(queryString(q.scope));
  const missing = app.scopes.filter((s) => !scopes.includes(s));
  const extra = scopes.filter((s) => !app.scopes.includes(s));
  if (missing.length > 0 || extra.length > 0) {
    throw new AuthorizeError(`Scope mismatch: the scope parameter must list exactly the app's required scopes (missing: ${missing.join(' ') || 'none'}; not required by the app: ${extra.join(' ') || 'none'})`);
  }
  const optionalScopes = splitScopes(queryString(q.optional_scope));
  const unknownOptional = optionalScopes.filter((s) => !app.optionalScopes.includes(s));
  if (unknownOptional.length > 0) throw new AuthorizeError(`optional_scope lists scopes the app does not declare: ${unknownOptional.join(' ')}`);
  return { app, redirectUri, scopes, optionalScopes, state: queryString(q.state) };
}

function renderConsent(state: HubSpotSandboxState, q: Record<string, unknown>, res: Response, fixedPortalId?: number): void {
  try {
    const r = checkAuthorize(state, q);
    if (fixedPortalId !== undefined && !state.account(fixedPortalId)) throw new AuthorizeError(`No account ${fixedPortalId}`);
    const accounts = [...state.accounts.values()].map((a) => ({ portalId: a.portalId, hubDomain: a.hubDomain }));
    res.type('html').send(consentPage({ ...r, accounts, fixedPortalId }));
  } catch (err) {
    if (!(err instanceof AuthorizeError)) throw err;
    res.status(400).type('html').send(errorPage(err.message));
  }
}

export function authorizeRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  router.get('/oauth/authorize', (req, res) => renderConsent(state, req.query, res));
  router.get('/oauth/:portalId/authorize', (req, res) => renderConsent(state, req.query, res, Number(req.params.portalId)));

  router.post('/oauth/authorize/decision', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let r: AuthorizeRequest;
    try {
      r = checkAuthorize(state, body);
    } catch (err) {
      if (!(err instanceof AuthorizeError)) throw err;
      res.status(400).type('html').send(errorPage(err.message));
      return;
    }
    const target = new URL(r.redirectUri);
    if (queryString(body.decision) !== 'allow') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user denied access to the app');
    } else {
      const rawPortal = queryString(body.portal_id);
      const account = rawPortal === undefined || rawPortal === 'new' ? state.createAccount() : state.account(Number(rawPortal));
      if (!account) {
        res.status(400).type('html').send(errorPage(`No account ${rawPortal}`));
        return;
      }
      state.install(account.portalId, r.app.appId);
      const code = state.tokens.issueCode(
        { portalId: account.portalId, appId: r.app.appId, clientId: r.app.clientId, scopes: [...r.scopes, ...r.optionalScopes], userId: 1, user: 'sandbox-user@hubspot.test' },
        r.redirectUri,
      );
      target.searchParams.set('code', code);
    }
    if (r.state !== undefined) target.searchParams.set('state', r.state);
    res.redirect(302, target.toString());
  });
  return router;
}
