/**
 * Routes the UI extensions' `hubspot.fetch` into the real backend: the running app harness (service +
 * emulators + Postgres). Each call is checked the way HubSpot's proxy checks it (an origin listed in
 * `permittedUrls.fetch`, the options hubspot.fetch accepts), then signed exactly as HubSpot signs it
 * (v3 signature, `appId` appended) and sent to the harness. So every answer a component renders was
 * produced by the real handlers, and every answer is parsed with the API contract's schema for that
 * endpoint (errors with the error envelope): the UI and the API cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { vi, type MockInstance } from 'vitest';
import { hubspot } from '@hubspot/ui-extensions';
import { hubspotSignedFetch } from '../../backend/sandbox/hubspot/signed-fetch.ts';
import type { AppHarness } from './app-harness.ts';
import { endpoints, errorEnvelopeSchema } from '@quickbooks-sync/contract';
import type { ZodType } from 'zod';

const PARAM = 'PARAM';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Endpoints without a path parameter first, so /records/lookup is not taken for /records/:recordId.
interface ContractEndpoint {
  name: string;
  method: string;
  params: number;
  pattern: RegExp;
  response: ZodType | undefined;
}
const contract = Object.entries(endpoints)
  .map(([name, e]): ContractEndpoint => {
    const template = (e.path as (p: never) => string)(PARAM as never);
    return { name, method: e.method, params: template.split(PARAM).length - 1, pattern: new RegExp(`^${escape(template).replaceAll(PARAM, '[^/]+')}$`), response: 'response' in e ? e.response : undefined };
  })
  .sort((a, b) => a.params - b.params);

/** Throws when a response is not what the contract says the endpoint answers. */
async function checkAgainstContract(method: string, path: string, response: Response): Promise<void> {
  const endpoint = contract.find((e) => e.method === method && e.pattern.test(path));
  if (!endpoint) throw new Error(`The UI called ${method} ${path}, which is not in the API contract`);
  if (response.status === 204) return;
  const body: unknown = await response.clone().json();
  const schema = response.ok ? endpoint.response : errorEnvelopeSchema;
  if (!schema) throw new Error(`${endpoint.name} answered ${response.status} with a body; the contract declares none`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`${method} ${path} (${endpoint.name}) answered outside the contract: ${parsed.error.message}`);
}

const permittedOrigins: string[] = (
  JSON.parse(readFileSync(new URL('../../app/app/app-hsmeta.json', import.meta.url), 'utf8')) as { config: { permittedUrls: { fetch: string[] } } }
).config.permittedUrls.fetch;

export interface RoutedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
}

export interface UiBackend {
  spy: MockInstance<typeof hubspot.fetch>;
  /** Every call the UI made, in order, with the status the backend answered. */
  calls: RoutedCall[];
  /** Calls matching a method and path (under /api/v1). */
  callsTo(method: string, path: string): RoutedCall[];
}

/** Must be undone with `vi.restoreAllMocks()` (afterEach). */
export function routeHubSpotFetch(h: AppHarness): UiBackend {
  const calls: RoutedCall[] = [];
  const spy = vi.spyOn(hubspot, 'fetch').mockImplementation(async (input, options = {}) => {
    const url = new URL(String(input));
    if (!permittedOrigins.includes(url.origin)) throw new Error(`hubspot.fetch refused ${url.origin}: not in permittedUrls.fetch`);
    const allowed = new Set(['method', 'timeout', 'body']);
    for (const key of Object.keys(options)) if (!allowed.has(key)) throw new Error(`hubspot.fetch option ${key} is not sent by our UI`);
    const method = options.method ?? 'GET';
    const response = await hubspotSignedFetch(`${h.url}${url.pathname}${url.search}`, {
      clientSecret: h.apps.hubspot.clientSecret,
      appId: h.apps.hubspot.appId,
      method,
      body: options.body,
    });
    const path = url.pathname.replace(/^\/api\/v1/, '');
    await checkAgainstContract(method, path, response);
    calls.push({ method, path, query: url.searchParams, body: options.body, status: response.status });
    return response;
  });
  return { spy, calls, callsTo: (method, path) => calls.filter((c) => c.method === method && c.path === path) };
}
