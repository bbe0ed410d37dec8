/**
 * Control API (`/_sandbox/...`, JSON, no auth): accounts, apps, tokens, faults, limits, call log,
 * uninstall, webhook settings. Documented in ../README.md. Data routes live in control-data-routes.ts.
 */
import { Router, type Response } from 'express';
import { faultConfigSchema } from '../../common/faults.ts';
import { HubSpotError, notFound } from '../http/errors.ts';
import { param, parseInput, queryString } from '../http/parse.ts';
import type { HubSpotAccount } from '../state/account.ts';
import { catchUpSearchIndex } from '../objects/search-visibility.ts';
import type { RegisteredApp } from '../state/apps.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import type { WebhookDispatcher } from '../webhooks/delivery.ts';
import { createAccountSchema, journalControlSchema, limitsSchema, mintTokenSchema, registerAppSchema, webhookConfigSchema, webhookSettingsSchema } from './control-schemas.ts';
import { defaultApp } from './default-app.ts';

export function accountOf(state: HubSpotSandboxState, raw: string | string[] | undefined): HubSpotAccount {
  const account = state.account(Number(param(raw)));
  if (!account) throw notFound(`No account ${param(raw)}`);
  return account;
}

function appOf(state: HubSpotSandboxState, raw: unknown): RegisteredApp {
  const app = state.apps.get(Number(raw));
  if (!app) throw notFound(`No app ${String(raw)}`);
  return app;
}

const accountOut = (a: HubSpotAccount) => ({ portalId: a.portalId, hubDomain: a.hubDomain, installedApps: [...a.installedApps], limits: a.limits, searchLagMs: a.searchLagMs });

export function controlRoutes(state: HubSpotSandboxState, webhooks: WebhookDispatcher): Router {
  const router = Router();
  const ok = (res: Response, body: unknown, status = 200): void => void res.status(status).json(body);

  router.get('/accounts', (_req, res) => ok(res, { results: [...state.accounts.values()].map(accountOut) }));
  router.post('/accounts', (req, res) => {
    const { portalId } = parseInput(createAccountSchema, req.body ?? {});
    if (portalId !== undefined && state.account(portalId)) throw new HubSpotError(409, 'CONFLICT', `Account ${portalId} already exists`);
    ok(res, accountOut(state.createAccount(portalId)), 201);
  });
  router.get('/accounts/:portalId', (req, res) => ok(res, accountOut(accountOf(state, req.params.portalId))));

  router.post('/apps', (req, res) => ok(res, state.registerApp(parseInput(registerAppSchema, req.body ?? {})), 201));
  router.get('/apps/:appId', (req, res) => ok(res, appOf(state, req.params.appId)));
  router.put('/apps/:appId/webhooks', (req, res) => {
    const app = appOf(state, req.params.appId);
    const input = parseInput(webhookConfigSchema, req.body ?? {});
    if (input.targetUrl !== undefined) app.webhooks.targetUrl = input.targetUrl;
    if (input.maxConcurrentRequests !== undefined) app.webhooks.maxConcurrentRequests = input.maxConcurrentRequests;
    if (input.subscriptions) {
      app.webhooks.subscriptions = [];
      for (const sub of input.subscriptions) state.addSubscription(app, sub);
    }
    ok(res, app.webhooks);
  });

  // The app's webhooks journal: its lifecycle subscriptions and entries; faults for the journal APIs.
  router.get('/apps/:appId/journal', (req, res) => {
    const app = appOf(state, req.params.appId);
    ok(res, { subscriptions: state.journal.subscriptions.get(app.appId) ?? [], entries: state.journal.live(app.appId) });
  });
  router.put('/apps/:appId/journal', (req, res) => {
    const app = appOf(state, req.params.appId);
    const input = parseInput(journalControlSchema, req.body ?? {});
    if (input.throttleBurst !== undefined) state.journal.throttleBurst.set(app.appId, input.throttleBurst);
    const expired = input.expireEntries ? state.journal.expireAll(app.appId) : 0;
    ok(res, { throttleBurst: state.journal.throttleBurst.get(app.appId) ?? 0, expired });
  });

  router.post('/accounts/:portalId/install', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    const app = appOf(state, (req.body as { appId?: unknown } | undefined)?.appId);
    state.install(account.portalId, app.appId);
    ok(res, accountOut(account));
  });
  router.post('/accounts/:portalId/uninstall', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    const app = appOf(state, (req.body as { appId?: unknown } | undefined)?.appId);
    ok(res, { uninstalled: state.uninstall(account.portalId, app.appId) });
  });

  router.post('/accounts/:portalId/tokens', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    const input = parseInput(mintTokenSchema, req.body ?? {});
    const app = input.appId === undefined ? defaultApp(state) : appOf(state, input.appId);
    state.install(account.portalId, app.appId);
    const grant = { portalId: account.portalId, appId: app.appId, clientId: app.clientId, scopes: input.scopes ?? [...app.scopes, ...app.optionalScopes], userId: 1, user: 'sandbox-user@hubspot.test' };
    const refresh = state.tokens.issueRefreshToken(grant);
    const access = state.tokens.issueAccessToken(grant, refresh.token, input.ttlSeconds);
    ok(res, { access_token: access.token, refresh_token: refresh.token, expires_in: Math.round((access.expiresAt - Date.now()) / 1000), hub_id: account.portalId, app_id: app.appId, scopes: grant.scopes }, 201);
  });
  router.post('/tokens/:token/expire', (req, res) => {
    const token = state.tokens.accessTokens.get(param(req.params.token));
    if (!token) throw notFound('No such access token');
    token.expiresAt = Date.now() - 1;
    ok(res, { expired: true });
  });

  router.get('/accounts/:portalId/faults', (req, res) => ok(res, state.faults.config(String(accountOf(state, req.params.portalId).portalId))));
  router.put('/accounts/:portalId/faults', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    ok(res, state.faults.configure(String(account.portalId), parseInput(faultConfigSchema, req.body ?? {})));
  });
  router.delete('/accounts/:portalId/faults', (req, res) => {
    state.faults.reset(String(accountOf(state, req.params.portalId).portalId));
    res.status(204).end();
  });

  router.put('/accounts/:portalId/limits', (req, res) => {
    const account = accountOf(state, req.params.portalId);
    const input = parseInput(limitsSchema, req.body ?? {});
    if (input.tenSecondly !== undefined) account.limits.tenSecondly = input.tenSecondly;
    if (input.searchPerSecond !== undefined) account.limits.searchPerSecond = input.searchPerSecond;
    if (input.searchLagMs !== undefined) account.searchLagMs = input.searchLagMs;
    ok(res, accountOut(account));
  });

  router.post('/accounts/:portalId/search-index/catch-up', (req, res) => {
    ok(res, { caughtUp: catchUpSearchIndex(accountOf(state, req.params.portalId)) });
  });

  router.get('/accounts/:portalId/calls', (req, res) => {
    const key = String(accountOf(state, req.params.portalId).portalId);
    const results = state.callLog.list(key, queryString(req.query.since));
    ok(res, { total: state.callLog.count(key), results });
  });
  router.delete('/accounts/:portalId/calls', (req, res) => {
    state.callLog.clear(String(accountOf(state, req.params.portalId).portalId));
    res.status(204).end();
  });

  router.get('/webhooks/deliveries', (req, res) => {
    const appId = queryString(req.query.appId);
    ok(res, { results: webhooks.deliveries.filter((d) => appId === undefined || d.appId === Number(appId)) });
  });
  router.put('/webhooks/settings', (req, res) => {
    Object.assign(webhooks.settings, parseInput(webhookSettingsSchema, req.body ?? {}));
    ok(res, webhooks.settings);
  });
  router.post('/webhooks/idle', async (_req, res) => {
    await webhooks.idle();
    ok(res, { idle: true });
  });
  return router;
}
