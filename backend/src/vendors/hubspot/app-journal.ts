/**
 * HubSpot's webhooks journal, as the app (not an account) uses it — the only way HubSpot tells an app
 * it was uninstalled (2026-03: developers.hubspot.com/docs/api-reference/latest/webhooks-journal/guide).
 * Owns its auth (a client-credentials token with the developer.webhooks_journal.* scopes, cached until
 * shortly before `expires_in`, fetched again once on a 401), retries (429 and 5xx / network failures
 * with jittered backoff) and error normalisation (HubSpotApiError). Callers get parsed entries.
 */
import { z } from 'zod';
import type { Logger } from '../../logger.ts';
import { backoffDelay, sleep, type BackoffPolicy } from '../backoff.ts';
import { HubSpotApiError } from './errors.ts';

/** HubSpot's event type ids of the app lifecycle events (journal subscriptions of type APP_LIFECYCLE_EVENT). */
export const APP_LIFECYCLE_EVENT_TYPES = { install: '4-1909196', uninstall: '4-1916193' } as const;

const SCOPES = ['developer.webhooks_journal.read', 'developer.webhooks_journal.subscriptions.read', 'developer.webhooks_journal.subscriptions.write'];
const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';
const JOURNAL = '/webhooks-journal/journal/2026-03';

export interface AppJournalConfig {
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface AppJournalOptions {
  logger?: Logger;
  /** Attempts for 5xx / network failures (default 4). */
  maxAttempts?: number;
  /** 429s tolerated within one call (default 6). */
  maxThrottles?: number;
  backoff?: BackoffPolicy;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const subscriptionSchema = z.looseObject({ id: z.number(), subscriptionType: z.string(), eventTypeId: z.string().optional() });
const subscriptionListSchema = z.object({ results: z.array(subscriptionSchema) });
const entrySchema = z.object({ currentOffset: z.string().min(1), url: z.string().min(1), expiresAt: z.string().optional() });

/** One app lifecycle event of a journal entry (fields HubSpot documents; others are kept but unused). */
export const lifecycleEventSchema = z.looseObject({
  action: z.string(),
  portalId: z.coerce.number().int().positive(),
  occurredAt: z.union([z.string(), z.number()]).transform((value) => new Date(value)),
  eventTypeId: z.string().optional(),
});
export type AppLifecycleEvent = z.infer<typeof lifecycleEventSchema>;

const entryEventsSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ events: z.array(z.unknown()) }).transform((file) => file.events),
  z.looseObject({ results: z.array(z.unknown()) }).transform((file) => file.results),
]);

export interface JournalEntryRead {
  offset: string;
  /** The entry's lifecycle events; other events (or ones we cannot read) are left out. */
  events: AppLifecycleEvent[];
  skipped: number;
}

/** What reading after an offset found: the next entry, nothing new yet, or an offset HubSpot no longer keeps (3 days). */
export type JournalRead = { kind: 'entry'; entry: JournalEntryRead } | { kind: 'caught_up' } | { kind: 'offset_expired' };

interface Answer {
  status: number;
  body: unknown;
}

export class HubSpotAppJournal {
  private token: { value: string; renewAt: number } | undefined;
  private readonly maxAttempts: number;
  private readonly maxThrottles: number;
  private readonly backoff: BackoffPolicy;

  constructor(
    private readonly config: AppJournalConfig,
    private readonly options: AppJournalOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxThrottles = options.maxThrottles ?? 6;
    this.backoff = options.backoff ?? { baseMs: 500, capMs: 10_000 };
  }

  /** The app's APP_LIFECYCLE_EVENT subscription for `eventTypeId`, created when missing (HubSpot's POST is an upsert). */
  async ensureLifecycleSubscription(eventTypeId: string): Promise<number> {
    const list = subscriptionListSchema.safeParse((await this.call('list journal subscriptions', 'GET', SUBSCRIPTIONS, [200])).body);
    if (!list.success) throw this.shapeError('journal subscriptions');
    const existing = list.data.results.find((s) => s.subscriptionType === 'APP_LIFECYCLE_EVENT' && s.eventTypeId === eventTypeId);
    if (existing) return existing.id;
    const created = subscriptionSchema.safeParse(
      (await this.call('create the lifecycle journal subscription', 'POST', SUBSCRIPTIONS, [200, 201], { subscriptionType: 'APP_LIFECYCLE_EVENT', eventTypeId })).body,
    );
    if (!created.success) throw this.shapeError('the created journal subscription');
    return created.data.id;
  }

  /** The entry after `offset`, or the earliest entry kept when there is no offset yet. */
  async readAfter(offset: string | null): Promise<JournalRead> {
    for (let urlAttempts = 0; ; urlAttempts++) {
      const path = offset ? `${JOURNAL}/offset/${encodeURIComponent(offset)}/next` : `${JOURNAL}/earliest`;
      const answer = await this.call('read the webhooks journal', 'GET', path, offset ? [200, 204, 404] : [200, 204]);
      if (answer.status === 204) return { kind: 'caught_up' };
      if (answer.status === 404) return { kind: 'offset_expired' };
      const entry = entrySchema.safeParse(answer.body);
      if (!entry.success) throw this.shapeError('a journal entry');
      const file = await this.download(entry.data.url);
      // The entry's URL is short-lived; one that expired before we fetched it is asked for again.
      if (file === 'expired' && urlAttempts === 0) continue;
      if (file === 'expired') throw new HubSpotApiError('The journal entry file expired before it could be read', 'unavailable', 403, undefined, undefined);
      const events: AppLifecycleEvent[] = [];
      let skipped = 0;
      for (const raw of file) {
        const event = lifecycleEventSchema.safeParse(raw);
        if (event.success) events.push(event.data);
        else skipped++;
      }
      return { kind: 'entry', entry: { offset: entry.data.currentOffset, events, skipped } };
    }
  }

  private shapeError(what: string): HubSpotApiError {
    return new HubSpotApiError(`HubSpot answered ${what} with an unexpected shape`, 'unknown', 200, undefined, undefined);
  }

  private async accessToken(force: boolean): Promise<string> {
    if (!force && this.token && this.token.renewAt > Date.now()) return this.token.value;
    let response: Response;
    try {
      response = await fetch(`${this.config.apiBaseUrl}/oauth/v3/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.config.clientId, client_secret: this.config.clientSecret, scope: SCOPES.join(' ') }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new HubSpotApiError(`HubSpot token endpoint unreachable: ${err instanceof Error ? err.message : String(err)}`, 'unavailable', 0, undefined, undefined);
    }
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = tokenSchema.safeParse(body);
    if (!response.ok || !parsed.success) {
      const message = (body as { message?: unknown } | undefined)?.message;
      throw new HubSpotApiError(
        `HubSpot refused the app's client-credentials token (${response.status}${typeof message === 'string' ? `: ${message}` : ''})`,
        response.status >= 500 ? 'unavailable' : 'auth',
        response.status,
        undefined,
        undefined,
      );
    }
    // Renewed a minute early (or at half-life for short tokens): a token never expires mid-call.
    const margin = Math.min(60, parsed.data.expires_in / 2) * 1000;
    this.token = { value: parsed.data.access_token, renewAt: Date.now() + parsed.data.expires_in * 1000 - margin };
    return this.token.value;
  }

  private async download(url: string): Promise<unknown[] | 'expired'> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
        if (response.status === 403 || response.status === 404) return 'expired';
        if (response.ok) {
          const parsed = entryEventsSchema.safeParse(await response.json());
          if (!parsed.success) throw this.shapeError('a journal entry file');
          return parsed.data;
        }
        if (response.status < 500 || attempt >= this.maxAttempts) throw new HubSpotApiError(`The journal entry file answered ${response.status}`, 'unavailable', response.status, undefined, undefined);
      } catch (err) {
        if (err instanceof HubSpotApiError) throw err;
        if (attempt >= this.maxAttempts) throw new HubSpotApiError(`The journal entry file is unreachable: ${err instanceof Error ? err.message : String(err)}`, 'unavailable', 0, undefined, undefined);
      }
      await sleep(backoffDelay(attempt, this.backoff));
    }
  }

  private async call(what: string, method: 'GET' | 'POST', path: string, expected: number[], body?: unknown): Promise<Answer> {
    let failures = 0;
    let throttles = 0;
    let refreshed = false;
    for (;;) {
      const token = await this.accessToken(false);
      let response: Response | undefined;
      try {
        response = await fetch(`${this.config.apiBaseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        if (++failures >= this.maxAttempts) throw new HubSpotApiError(`HubSpot did not answer (${what}): ${err instanceof Error ? err.message : String(err)}`, 'unavailable', 0, undefined, undefined);
        await sleep(backoffDelay(failures, this.backoff));
        continue;
      }
      const answer: Answer = { status: response.status, body: response.status === 204 ? undefined : await response.json().catch(() => undefined) };
      if (expected.includes(response.status)) return answer;
      const error = answer.body as { message?: unknown; category?: unknown; correlationId?: unknown } | undefined;
      const message = `HubSpot answered ${response.status} (${what})${typeof error?.message === 'string' ? `: ${error.message}` : ''}`;
      const details = { correlationId: typeof error?.correlationId === 'string' ? error.correlationId : undefined };
      const category = typeof error?.category === 'string' ? error.category : undefined;
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await this.accessToken(true);
        continue;
      }
      if (response.status === 429) {
        if (++throttles > this.maxThrottles) throw new HubSpotApiError(message, 'throttled', 429, category, undefined, details);
        this.options.logger?.warn({ what, throttles }, 'HubSpot throttled the webhooks journal; waiting');
        await sleep(backoffDelay(throttles, { baseMs: 1_000, capMs: 10_000 }));
        continue;
      }
      if (response.status >= 500) {
        if (++failures >= this.maxAttempts) throw new HubSpotApiError(message, 'unavailable', response.status, category, undefined, details);
        await sleep(backoffDelay(failures, this.backoff));
        continue;
      }
      const kind = response.status === 401 || response.status === 403 ? 'auth' : response.status === 404 ? 'not_found' : 'validation';
      throw new HubSpotApiError(message, kind, response.status, category, undefined, details);
    }
  }
}
