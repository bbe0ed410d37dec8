/**
 * The webhooks journal API (2026-03) as HubSpot serves it to an app: subscription management
 * (`/webhooks-journal/subscriptions/2026-03`) and the global journal
 * (`/webhooks-journal/journal/2026-03/{earliest,latest,offset/{offset}/next}`), both authorised by an
 * app-level client-credentials token with the developer.webhooks_journal.* scopes; account (OAuth)
 * tokens carry none of them and get 403. A journal entry's events are read from the short-lived URL
 * the entry answer names (`/_journal-files/<token>`, no auth, like a pre-signed link). Rules and
 * sources: ../README.md, "Webhooks journal".
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { RollingWindowLimiter } from '../../common/rate-limit.ts';
import { correlationId, HubSpotError } from '../http/errors.ts';
import { param, parseInput } from '../http/parse.ts';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { LIFECYCLE_EVENT_TYPES, type AppToken, type JournalEntry, type JournalSubscription } from './journal-store.ts';

const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';
const JOURNAL = '/webhooks-journal/journal/2026-03';
const FILES = '/_journal-files';

const READ = 'developer.webhooks_journal.read';
const SUBS_READ = 'developer.webhooks_journal.subscriptions.read';
const SUBS_WRITE = 'developer.webhooks_journal.subscriptions.write';

const lifecycleSubscriptionInput = z.strictObject({
  subscriptionType: z.literal('APP_LIFECYCLE_EVENT'),
  eventTypeId: z.enum([LIFECYCLE_EVENT_TYPES.APP_INSTALL, LIFECYCLE_EVENT_TYPES.APP_UNINSTALL]),
  properties: z.array(z.string().min(1)).max(100).optional(),
});

const appToken = (res: Response) => res.locals.appToken as AppToken;

function missingScopes(anyOf: string[]): HubSpotError {
  return new HubSpotError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: anyOf } }],
  });
}

function requireAppScope(res: Response, anyOf: string[]): void {
  if (!anyOf.some((scope) => appToken(res).scopes.includes(scope))) throw missingScopes(anyOf);
}

function subscriptionView(s: JournalSubscription) {
  const action = s.eventTypeId === LIFECYCLE_EVENT_TYPES.APP_INSTALL ? 'APP_INSTALL' : 'APP_UNINSTALL';
  return { id: s.id, appId: s.appId, subscriptionType: s.subscriptionType, eventTypeId: s.eventTypeId, actions: [action], properties: s.properties, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

export function journalRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  const journal = state.journal;
  // The subscriptions API allows 50 requests per second per app (journal reads are exempt from limits).
  const subscriptionLimit = new RollingWindowLimiter(50, 1_000);

  const authenticateApp = (req: Request, res: Response, next: NextFunction): void => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) throw new HubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API requires a client credentials token.');
    const token = journal.appTokens.get(match[1]);
    if (!token) {
      // An account's OAuth token is a valid token, just not one with developer scopes.
      if (state.tokens.accessTokens.has(match[1])) throw missingScopes([READ, SUBS_READ, SUBS_WRITE]);
      throw new HubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API requires a client credentials token.');
    }
    if (token.expiresAt <= Date.now()) throw new HubSpotError(401, 'EXPIRED_AUTHENTICATION', 'The client credentials token used to make this call expired.');
    const burst = journal.throttleBurst.get(token.appId) ?? 0;
    if (burst > 0) {
      journal.throttleBurst.set(token.appId, burst - 1);
      res.status(429).json({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName: 'SECONDLY', requestId: correlationId() });
      return;
    }
    res.locals.appToken = token;
    next();
  };

  const limitSubscriptions = (_req: Request, res: Response, next: NextFunction): void => {
    if (!subscriptionLimit.take(String(appToken(res).appId)).allowed) {
      res.status(429).json({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: correlationId(), policyName: 'SECONDLY', requestId: correlationId() });
      return;
    }
    next();
  };

  router.get(SUBSCRIPTIONS, authenticateApp, limitSubscriptions, (_req, res) => {
    requireAppScope(res, [SUBS_READ, SUBS_WRITE]);
    res.json({ results: (journal.subscriptions.get(appToken(res).appId) ?? []).map(subscriptionView) });
  });
  router.post(SUBSCRIPTIONS, authenticateApp, limitSubscriptions, (req, res) => {
    requireAppScope(res, [SUBS_WRITE]);
    const body = (req.body ?? {}) as { subscriptionType?: unknown };
    if (body.subscriptionType !== 'APP_LIFECYCLE_EVENT' && typeof body.subscriptionType === 'string') {
      throw new HubSpotError(400, 'VALIDATION_ERROR', `subscriptionType ${body.subscriptionType} is not emulated (only APP_LIFECYCLE_EVENT)`);
    }
    const input = parseInput(lifecycleSubscriptionInput, req.body, 'subscription');
    const { subscription } = journal.upsertSubscription(appToken(res).appId, input.eventTypeId, input.properties ?? []);
    res.status(200).json(subscriptionView(subscription));
  });
  router.delete(`${SUBSCRIPTIONS}/:subscriptionId`, authenticateApp, limitSubscriptions, (req, res) => {
    requireAppScope(res, [SUBS_WRITE]);
    if (!journal.deleteSubscription(appToken(res).appId, Number(param(req.params.subscriptionId)))) throw new HubSpotError(404, 'OBJECT_NOT_FOUND', 'subscription not found');
    res.status(204).end();
  });

  const answer = (req: Request, res: Response, entry: JournalEntry | undefined): void => {
    if (!entry) {
      res.status(204).end(); // nothing (newer) in the journal
      return;
    }
    const file = journal.publish(entry);
    res.json({ currentOffset: entry.offset, expiresAt: new Date(file.expiresAt).toISOString(), url: `${req.protocol}://${req.get('host') ?? 'localhost'}${FILES}/${file.token}` });
  };
  router.get(`${JOURNAL}/earliest`, authenticateApp, (req, res) => {
    requireAppScope(res, [READ]);
    answer(req, res, journal.live(appToken(res).appId)[0]);
  });
  router.get(`${JOURNAL}/latest`, authenticateApp, (req, res) => {
    requireAppScope(res, [READ]);
    answer(req, res, journal.live(appToken(res).appId).at(-1));
  });
  router.get(`${JOURNAL}/offset/:offset/next`, authenticateApp, (req, res) => {
    requireAppScope(res, [READ]);
    const entries = journal.live(appToken(res).appId);
    const index = entries.findIndex((e) => e.offset === param(req.params.offset));
    if (index < 0) throw new HubSpotError(404, 'OBJECT_NOT_FOUND', 'The offset has expired or does not exist.');
    answer(req, res, entries[index + 1]);
  });

  router.get(`${FILES}/:token`, (req, res) => {
    const file = journal.file(param(req.params.token));
    if (!file || file.expiresAt <= Date.now()) {
      res.status(403).type('text/plain').send('Request has expired');
      return;
    }
    res.json(file.entry.events);
  });
  return router;
}
