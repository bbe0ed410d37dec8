/** Shared set-up for the QBO emulator tests: one emulator, an app, a company and a token per file. */
import { startQboSandbox, type QboSandbox } from '../../../backend/sandbox/qbo/index.ts';

export interface Harness {
  sandbox: QboSandbox;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  realmId: string;
  accessToken: string;
  /** Call the Accounting API of the harness company with its token. */
  api(path: string, init?: { method?: string; body?: unknown; token?: string; contentType?: string; realmId?: string }): Promise<ApiResponse>;
  control(path: string, method?: string, body?: unknown): Promise<ApiResponse>;
  query(sql: string): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are inspected loosely in tests
  json: any;
}

async function toResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * `strictRates: false` (the default here, like the HubSpot harness' `unlimited`) lifts the per-second
 * limit of the harness realm only: these files test other rules with back-to-back calls. The limits
 * themselves, on by default in the emulator, are tested in throttling-faults.test.ts with `strictRates: true`.
 */
export async function startHarness(company: Record<string, unknown> = {}, opts: { strictRates?: boolean } = {}): Promise<Harness> {
  const sandbox = await startQboSandbox({ port: 0 });
  const control = async (path: string, method = 'GET', body?: unknown) =>
    toResponse(
      await fetch(`${sandbox.baseUrl}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const redirectUri = 'http://localhost:5999/callback';
  const app = (await control('/apps', 'POST', { clientId: 'test-client', clientSecret: 'test-secret', name: 'Sync test', redirectUris: [redirectUri] })).json;
  const realmId = (await control('/companies', 'POST', { companyName: 'Harness Co', ...company })).json.realmId as string;
  const accessToken = (await control('/tokens', 'POST', { clientId: app.clientId, realmId })).json.access_token as string;
  if (opts.strictRates !== true) await control(`/companies/${realmId}/limits`, 'PUT', { requestsPerSecond: 1_000_000 });
  const harness: Harness = {
    sandbox,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri,
    realmId,
    accessToken,
    control,
    api: async (path, init = {}) => {
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? accessToken}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
      return toResponse(await fetch(`${sandbox.baseUrl}/v3/company/${init.realmId ?? realmId}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body }));
    },
    query: (sql: string) => harness.api(`/query?query=${encodeURIComponent(sql)}&minorversion=75`),
  };
  return harness;
}

/** Waits (without asserting on time) until `check` holds; fails with `what` if it never does. */
export async function eventually(check: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function salesLine(itemId: string, qty: number, unitPrice: number): Record<string, unknown> {
  return { DetailType: 'SalesItemLineDetail', Amount: Math.round(qty * unitPrice * 100) / 100, SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: qty, UnitPrice: unitPrice } };
}
