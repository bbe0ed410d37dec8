/** Shared setup for the HubSpot emulator tests: a sandbox, an account, a token, the official client. */
import { Client } from '@hubspot/api-client';
import { startHubSpotSandbox, type HubSpotSandbox } from '../../../backend/sandbox/hubspot/index.ts';

/** Loosely typed JSON from the control API and error bodies (tests read fields they know exist). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Harness {
  sandbox: HubSpotSandbox;
  portalId: number;
  accessToken: string;
  client: Client;
  control<T = Json>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function controlCall<T = Json>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Official client pointed at the sandbox; retries off so tests see raw statuses. */
export function makeClient(baseUrl: string, accessToken: string): Client {
  return new Client({ accessToken, basePath: baseUrl, numberOfApiCallRetries: 0, limiterOptions: { minTime: 0, maxConcurrent: 20, id: `t-${Math.random()}` } });
}

export async function startHarness(opts: { unlimited?: boolean; tokenTtlSeconds?: number } = {}): Promise<Harness> {
  const sandbox = await startHubSpotSandbox({ port: 0, tokenTtlSeconds: opts.tokenTtlSeconds });
  const control = <T = Json>(method: string, path: string, body?: unknown): Promise<T> => controlCall<T>(sandbox.baseUrl, method, path, body);
  const { portalId } = await control<{ portalId: number }>('POST', '/accounts', {});
  if (opts.unlimited !== false) await control('PUT', `/accounts/${portalId}/limits`, { tenSecondly: null, searchPerSecond: null });
  const { access_token } = await control<{ access_token: string }>('POST', `/accounts/${portalId}/tokens`, {});
  return { sandbox, portalId, accessToken: access_token, client: makeClient(sandbox.baseUrl, access_token), control };
}

/** Status code of a rejected official-client call (ApiException.code). */
export async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

export async function errorOf(promise: Promise<unknown>): Promise<{ code: number; body: Json }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: number; body: Json };
  }
  throw new Error('expected the call to fail');
}
