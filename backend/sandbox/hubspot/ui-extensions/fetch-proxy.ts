/**
 * `hubspot.fetch` as HubSpot runs it: the extension never reaches the network itself; HubSpot's proxy
 * checks the request, signs it for the app and sends it. Rules (sources in the emulator README):
 * - the URL's origin must be one of the app's `permittedUrls.fetch`;
 * - methods GET, POST, PUT, PATCH, DELETE; the body is an object sent as JSON (none on GET); only an
 *   `Authorization` header may be passed;
 * - request and response bodies at most 1 MB; a timeout of at most 15 s (the default);
 * - 20 requests in flight per app and account, more answer 429;
 * - one retry, within the timeout, on a connection failure or a 5xx; redirects are not followed;
 * - `appId` is appended to the query and the request carries `X-HubSpot-Signature-v3` over method, URL,
 *   body and timestamp with the app's client secret.
 * The public origin (e.g. https://sync.example.com) does not resolve here, so, as `hs project dev` does with
 * `local.json`, a local proxy map sends it to the service's URL; the signature covers the URL the request is
 * sent to, which is the service's public URL (`PUBLIC_BASE_URL`).
 */
import { hubspotSignedRequest } from '../signed-fetch.ts';
import type { FetchOptions, ProxiedResponse } from './protocol.ts';

export const FETCH_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 15_000, concurrentPerAccount: 20, retries: 1 } as const;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const PASSED_HEADERS = ['content-type', 'content-disposition', 'cache-control'];

/** A request HubSpot's proxy refuses or gives up on; the extension's `hubspot.fetch` promise rejects with it. */
export class FetchProxyError extends Error {
  constructor(
    readonly category: 'VALIDATION_ERROR' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE' | 'GATEWAY_TIMEOUT' | 'BAD_GATEWAY',
    message: string,
  ) {
    super(message);
  }
}

export interface ProxyApp {
  appId: number;
  clientSecret: string;
  permittedOrigins: readonly string[];
  /** Public origin → where it is reached from here (`local.json`'s `proxy`). */
  localProxy: Readonly<Record<string, string>>;
}

function checkRequest(app: ProxyApp, rawUrl: string, options: FetchOptions): { url: URL; method: string; body: unknown; timeoutMs: number; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchProxyError('VALIDATION_ERROR', `hubspot.fetch needs an absolute URL; got ${rawUrl}`);
  }
  if (url.protocol !== 'https:') throw new FetchProxyError('VALIDATION_ERROR', `hubspot.fetch only calls HTTPS URLs; got ${url.origin}`);
  if (!app.permittedOrigins.includes(url.origin)) throw new FetchProxyError('FORBIDDEN', `${url.origin} is not in the app's permittedUrls.fetch (${app.permittedOrigins.join(', ') || 'none'})`);
  const method = (options.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new FetchProxyError('VALIDATION_ERROR', `hubspot.fetch does not send ${method} requests`);
  if (options.body !== undefined && (method === 'GET' || typeof options.body !== 'object' || options.body === null)) {
    throw new FetchProxyError('VALIDATION_ERROR', method === 'GET' ? 'a GET request cannot have a body' : 'the body must be an object (it is sent as JSON)');
  }
  const headers = options.headers ?? {};
  const names = Object.keys(headers);
  if (names.length > 1 || (names.length === 1 && names[0]?.toLowerCase() !== 'authorization')) throw new FetchProxyError('VALIDATION_ERROR', "Only 'Authorization' header is allowed from hubspot.fetch()");
  const timeoutMs = options.timeout ?? FETCH_LIMITS.timeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > FETCH_LIMITS.timeoutMs) throw new FetchProxyError('VALIDATION_ERROR', `timeout must be between 1 and ${FETCH_LIMITS.timeoutMs} ms`);
  const size = options.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(options.body));
  if (size > FETCH_LIMITS.maxBytes) throw new FetchProxyError('PAYLOAD_TOO_LARGE', `the request body is ${size} bytes; hubspot.fetch sends at most 1 MB`);
  return { url, method, body: options.body, timeoutMs, headers };
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > FETCH_LIMITS.maxBytes) throw new FetchProxyError('PAYLOAD_TOO_LARGE', `the response is ${declared} bytes; hubspot.fetch accepts at most 1 MB`);
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > FETCH_LIMITS.maxBytes) {
      await reader.cancel();
      throw new FetchProxyError('PAYLOAD_TOO_LARGE', 'the response is larger than 1 MB, the most hubspot.fetch accepts');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One emulator's proxy (its own in-flight counts). */
export class HubSpotFetchProxy {
  private readonly inFlight = new Map<string, number>();

  /** Sends one extension request for `portalId` as HubSpot's proxy does; rejects with a FetchProxyError when HubSpot would. */
  send(app: ProxyApp, portalId: number, rawUrl: string, options: FetchOptions): Promise<ProxiedResponse> {
    return sendThroughProxy(this.inFlight, app, portalId, rawUrl, options);
  }
}

async function sendThroughProxy(inFlight: Map<string, number>, app: ProxyApp, portalId: number, rawUrl: string, options: FetchOptions): Promise<ProxiedResponse> {
  const request = checkRequest(app, rawUrl, options);
  const key = `${portalId}:${app.appId}`;
  const running = inFlight.get(key) ?? 0;
  if (running >= FETCH_LIMITS.concurrentPerAccount) {
    return { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'error', category: 'RATE_LIMITS', message: `More than ${FETCH_LIMITS.concurrentPerAccount} hubspot.fetch requests at once for this account; retry later.` }) };
  }
  inFlight.set(key, running + 1);
  try {
    const reached = app.localProxy[request.url.origin];
    const target = reached ? `${reached.replace(/\/$/, '')}${request.url.pathname}${request.url.search}` : request.url.toString();
    const deadline = Date.now() + request.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new FetchProxyError('GATEWAY_TIMEOUT', `no answer within ${request.timeoutMs} ms`);
      // Signed per attempt: the timestamp is the moment HubSpot sends it.
      const signed = hubspotSignedRequest(target, { clientSecret: app.clientSecret, appId: app.appId, method: request.method, body: request.body, headers: request.headers });
      let response: Response;
      try {
        response = await fetch(signed.url, { ...signed.init, redirect: 'manual', signal: AbortSignal.timeout(remaining) });
      } catch (error) {
        if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw new FetchProxyError('GATEWAY_TIMEOUT', `no answer within ${request.timeoutMs} ms`);
        if (attempt < FETCH_LIMITS.retries) continue;
        throw new FetchProxyError('BAD_GATEWAY', `the app's server could not be reached (${error instanceof Error ? error.message : String(error)})`);
      }
      if (response.status >= 500 && attempt < FETCH_LIMITS.retries) {
        await response.body?.cancel();
        continue;
      }
      const body = await readCapped(response);
      const headers: Record<string, string> = {};
      for (const name of PASSED_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      return { status: response.status, statusText: response.statusText, headers, body };
    }
  } finally {
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  }
}
