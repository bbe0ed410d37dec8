/**
 * Our typed QBO client over fetch: minorversion 75 on every call, bearer token from the token
 * manager (one forced refresh on a 401), the account's shared rate budget (when given), 429s honoured
 * by blocking that budget for a minute for every process (Intuit asks to wait 60 s), 5xx and network
 * failures retried with exponential backoff and full jitter, Faults normalised to QboApiError.
 * Request and response bodies are never logged.
 */
import type { Knex } from '../../db/knex.ts';
import type { Logger } from '../../logger.ts';
import { backoffDelay, sleep } from '../backoff.ts';
import { acquireRateBudget, blockAfterThrottle, RateBudgetExhaustedError, RATE_BUDGETS, type RateBudgetSpec } from '../rate-budget.ts';
import { qboBatch } from './batch.ts';
import { qboCdc } from './cdc.ts';
import { qboEntities } from './entities.ts';
import { QboApiError, qboErrorFrom } from './errors.ts';
import { qboIdentifier, qboString } from './query.ts';

export const QBO_MINOR_VERSION = '75';

export type QboBucket = 'general' | 'batch';

export interface QboRateBudgetOptions {
  db: Knex;
  portalId: number;
  budgets?: Partial<Record<QboBucket, RateBudgetSpec>>;
  /** Longest wait for budget before failing as throttled (default 90 s: a 429 blocks for 60 s). */
  maxWaitMs?: number;
}

export interface QboClientOptions {
  apiBaseUrl: string;
  realmId: string;
  accessToken(options?: { force?: boolean }): Promise<string>;
  logger?: Logger;
  /** The account's shared call budget; without it calls are not paced (connect-time reads). */
  rateBudget?: QboRateBudgetOptions;
  /** Attempts for 5xx / network failures. */
  maxAttempts?: number;
  /** 429s tolerated within one call (each blocks the budget first). */
  maxThrottles?: number;
  /** Base of the backoff; tests shorten it. */
  backoffMs?: number;
  timeoutMs?: number;
}

export interface QboRequest {
  method: 'GET' | 'POST';
  /** Path below /v3/company/{realmId}, e.g. "/customer". */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Idempotency key for writes: a replay returns the first response. */
  requestId?: string;
  /** A /batch call: spends the batch budget as well. */
  batch?: boolean;
}

export type QboRequester = <T>(req: QboRequest) => Promise<T>;

export function createQboClient(options: QboClientOptions) {
  const maxAttempts = options.maxAttempts ?? 5;
  const maxThrottles = options.maxThrottles ?? 5;
  const backoffMs = options.backoffMs ?? 1_000;
  const budget = options.rateBudget;
  const specs: Record<QboBucket, RateBudgetSpec> = { ...RATE_BUDGETS.quickbooks, ...budget?.budgets };

  async function spend(bucket: QboBucket): Promise<void> {
    if (!budget) return;
    try {
      await acquireRateBudget(budget.db, { portalId: budget.portalId, vendor: 'quickbooks', spec: specs[bucket], maxWaitMs: budget.maxWaitMs ?? 90_000 });
    } catch (err) {
      if (!(err instanceof RateBudgetExhaustedError)) throw err;
      throw new QboApiError(err.message, 'throttled', 429, 'RATE_BUDGET', undefined, undefined, err.retryAfterMs);
    }
  }

  async function send(req: QboRequest, token: string): Promise<{ status: number; body: unknown; intuitTid: string | undefined }> {
    const url = new URL(`${options.apiBaseUrl}/v3/company/${encodeURIComponent(options.realmId)}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    url.searchParams.set('minorversion', QBO_MINOR_VERSION);
    if (req.requestId) url.searchParams.set('requestid', req.requestId);
    const response = await fetch(url, {
      method: req.method,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
    const text = await response.text();
    const body = text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text;
    return { status: response.status, body, intuitTid: response.headers.get('intuit_tid') ?? undefined };
  }

  async function request<T>(req: QboRequest): Promise<T> {
    let forcedRefresh = false;
    let failures = 0;
    let throttles = 0;
    for (;;) {
      await spend('general');
      if (req.batch) await spend('batch');
      const token = await options.accessToken({ force: forcedRefresh });
      let answer: Awaited<ReturnType<typeof send>>;
      try {
        answer = await send(req, token);
      } catch (err) {
        if (++failures >= maxAttempts) throw new QboApiError(`QuickBooks unreachable: ${err instanceof Error ? err.message : String(err)}`, 'unavailable', 0, undefined, undefined, undefined);
        await sleep(backoffDelay(failures, { baseMs: backoffMs, capMs: 60_000 }));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer.body as T;
      const error = qboErrorFrom(answer.status, answer.body, answer.intuitTid);
      const log = { status: answer.status, path: req.path, intuitTid: error.intuitTid };
      if (error.kind === 'auth' && answer.status === 401 && !forcedRefresh) {
        forcedRefresh = true;
        continue;
      }
      if (error.kind === 'throttled' && budget) {
        if (++throttles > maxThrottles) throw error;
        const spec = specs[req.batch ? 'batch' : 'general'];
        await blockAfterThrottle(budget.db, { portalId: budget.portalId, vendor: 'quickbooks', bucket: spec.bucket }, spec.throttledBlockMs);
        options.logger?.warn({ ...log, blockMs: spec.throttledBlockMs }, 'QuickBooks rate limit hit: budget blocked, call will be retried');
        continue;
      }
      if (error.retryable && ++failures < maxAttempts) {
        options.logger?.warn({ ...log, attempt: failures }, 'QuickBooks call failed, will be retried');
        await sleep(backoffDelay(failures, { baseMs: backoffMs, capMs: 60_000 }));
        continue;
      }
      throw error;
    }
  }

  return {
    realmId: options.realmId,
    request,
    query: <T>(statement: string) => request<{ QueryResponse: T }>({ method: 'GET', path: '/query', query: { query: statement } }).then((r) => r.QueryResponse),
    read: <T>(entity: string, id: string) => request<Record<string, T>>({ method: 'GET', path: `/${qboIdentifier(entity).toLowerCase()}/${encodeURIComponent(id)}` }),
    companyInfo: () => request<{ CompanyInfo: QboCompanyInfo }>({ method: 'GET', path: `/companyinfo/${encodeURIComponent(options.realmId)}` }).then((r) => r.CompanyInfo),
    preferences: () => request<{ Preferences: Record<string, unknown> }>({ method: 'GET', path: '/preferences' }).then((r) => r.Preferences),
    quote: qboString,
    ...qboEntities(request),
    ...qboCdc(request),
    ...qboBatch(request),
  };
}

export type QboClient = ReturnType<typeof createQboClient>;

export interface QboCompanyInfo {
  CompanyName?: string;
  Country?: string;
  CompanyAddr?: { Country?: string };
  LegalAddr?: { Country?: string };
}
