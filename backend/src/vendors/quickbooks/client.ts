/**
 * Our typed QBO client over fetch: minorversion 75 on every call, bearer token from the token
 * manager (one forced refresh on a 401), 429 and 5xx retried with exponential backoff and jitter,
 * Faults normalised to QboApiError. Request and response bodies are never logged.
 */
import type { Logger } from '../../logger.ts';
import { QboApiError, qboErrorFrom } from './errors.ts';
import { qboIdentifier, qboString } from './query.ts';

export const QBO_MINOR_VERSION = '75';

export interface QboClientOptions {
  apiBaseUrl: string;
  realmId: string;
  accessToken(options?: { force?: boolean }): Promise<string>;
  logger?: Logger;
  maxAttempts?: number;
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
  /** Idempotency key for creates: a replay returns the first response. */
  requestId?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createQboClient(options: QboClientOptions) {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 1_000;

  async function request<T>(req: QboRequest): Promise<T> {
    let forcedRefresh = false;
    for (let attempt = 1; ; attempt++) {
      const token = await options.accessToken({ force: forcedRefresh });
      const url = new URL(`${options.apiBaseUrl}/v3/company/${encodeURIComponent(options.realmId)}${req.path}`);
      for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
      url.searchParams.set('minorversion', QBO_MINOR_VERSION);
      if (req.requestId) url.searchParams.set('requestid', req.requestId);
      let response: Response | undefined;
      let body: unknown;
      try {
        response = await fetch(url, {
          method: req.method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        });
        const text = await response.text();
        body = text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text;
      } catch (err) {
        if (attempt >= maxAttempts) throw new QboApiError(`QuickBooks unreachable: ${err instanceof Error ? err.message : String(err)}`, 'unavailable', 0, undefined, undefined, undefined);
        await sleep(backoff(attempt, backoffMs));
        continue;
      }
      if (response.ok) return body as T;
      const error = qboErrorFrom(response.status, body, response.headers.get('intuit_tid') ?? undefined);
      if (error.kind === 'auth' && !forcedRefresh) {
        forcedRefresh = true;
        continue;
      }
      if (error.retryable && attempt < maxAttempts) {
        options.logger?.warn({ status: response.status, attempt, path: req.path, intuitTid: error.intuitTid }, 'QuickBooks call will be retried');
        await sleep(backoff(attempt, backoffMs));
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
  };
}

export type QboClient = ReturnType<typeof createQboClient>;

export interface QboCompanyInfo {
  CompanyName?: string;
  Country?: string;
  CompanyAddr?: { Country?: string };
  LegalAddr?: { Country?: string };
}

/** Full jitter: a random wait up to base × 2^attempt, capped at 60 s (Intuit asks for a minute after a 429). */
function backoff(attempt: number, baseMs: number): number {
  return Math.random() * Math.min(60_000, baseMs * 2 ** attempt);
}
