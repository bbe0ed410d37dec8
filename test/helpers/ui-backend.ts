/**
 * Routes the UI extensions' `hubspot.fetch` into the real backend: the running app harness (service +
 * emulators + Postgres). Each call is checked the way HubSpot's proxy checks it (an origin listed in
 * `permittedUrls.fetch`, the options hubspot.fetch accepts), then signed exactly as HubSpot signs it
 * (v3 signature, `appId` appended) and sent to the harness. So every answer a component renders was
 * produced by the real handlers: the UI and the API cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { vi, type MockInstance } from 'vitest';
import { hubspot } from '@hubspot/ui-extensions';
import { hubspotSignedFetch } from '../../backend/sandbox/hubspot/signed-fetch.ts';
import type { AppHarness } from './app-harness.ts';

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
    calls.push({ method, path: url.pathname.replace(/^\/api\/v1/, ''), query: url.searchParams, body: options.body, status: response.status });
    return response;
  });
  return { spy, calls, callsTo: (method, path) => calls.filter((c) => c.method === method && c.path === path) };
}
