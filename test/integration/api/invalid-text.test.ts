/**
 * No text input of the HTTP API can reach Postgres with a NUL (or other invalid text) in it: this walks
 * every endpoint of the API contract — each path parameter, each query parameter and each text field of
 * each request body (found by walking its zod schema, so a field added later is walked too) — and sends
 * a signed request with a NUL in that one place. Each answers the 400 envelope naming the place, never
 * a 500. Then the other kinds of invalid text, the routes outside the contract, and portalId's digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_PREFIX, endpoints, errorEnvelopeSchema } from '@quickbooks-sync/contract';
import { hubspotSignedFetch } from '../../../backend/sandbox/hubspot/signed-fetch.ts';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';

const PORTAL = 58_000_001;
const NUL = '\u0000';

type Endpoint = { method: string; path: (...args: never[]) => string; query?: z.ZodType; body?: z.ZodType };

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Paths of every text leaf a body may carry: strings and enums, through objects, arrays, records and unions; a record's keys count too. */
function textPaths(schema: z.ZodType, at: string[] = []): string[][] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'literal':
      return [at];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return textPaths(def.innerType as z.ZodType, at);
    case 'pipe':
      return textPaths(def.in as z.ZodType, at);
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) => textPaths(field, [...at, key]));
    case 'array':
      return textPaths(def.element as z.ZodType, [...at, '0']);
    case 'record':
      return [[...at, `key${NUL}`], ...textPaths(def.valueType as z.ZodType, [...at, 'key'])];
    case 'union':
      return (def.options ?? []).flatMap((option) => textPaths(option, at)).filter((p, i, all) => all.findIndex((q) => q.join('.') === p.join('.')) === i);
    default:
      return [];
  }
}

/** A body holding `value` at `path` (the rest need not be valid: the refusal comes before any schema). */
function bodyWith(path: string[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (/^\d+$/.test(head)) return [bodyWith(rest, value)];
  return { [head]: bodyWith(rest, value) };
}

describe('invalid text in every input of the HTTP API', () => {
  let h: AppHarness;

  // appId is in the URL already, so the signing helper does not re-serialise the query (which would repair invalid escapes).
  const signed = (path: string, options: { method?: string; body?: unknown } = {}) =>
    hubspotSignedFetch(`${h.url}${API_PREFIX}${path}${path.includes('?') ? '&' : '?'}portalId=${PORTAL}&appId=${h.apps.hubspot.appId}`, {
      clientSecret: h.apps.hubspot.clientSecret,
      appId: h.apps.hubspot.appId,
      method: (options.method ?? 'GET'),
      body: options.body,
    });

  async function expectRefused(response: Response, place: string): Promise<void> {
    const text = await response.text();
    expect(response.status, `${place}: ${text}`).toBe(400);
    const envelope = errorEnvelopeSchema.parse(JSON.parse(text));
    expect(envelope.error.code).toBe('invalid_request');
    return expect(envelope.error.details, place).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('NUL') })]));
  }

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    expect((await h.install(PORTAL)).status).toBe(302);
  });
  afterAll(async () => h.close());

  it('refuses a NUL in every path parameter, query parameter and body text field of every endpoint', async () => {
    const walked: string[] = [];
    for (const [name, endpoint] of Object.entries(endpoints) as Array<[string, Endpoint]>) {
      const arity = endpoint.path.length;
      const args = Array.from({ length: arity }, () => '1') as never[];
      if (arity > 0) {
        const path = endpoint.path(...(Array.from({ length: arity }, () => `x${NUL}`) as never[]));
        await expectRefused(await signed(path, { method: endpoint.method }), `${name} path`);
        walked.push(`${name}:(path)`);
      }
      const query = endpoint.query ? Object.keys(defOf(endpoint.query).shape ?? {}) : [];
      for (const key of query) {
        const response = await signed(`${endpoint.path(...args)}?${key}=a%00b`, { method: endpoint.method });
        await expectRefused(response, `${name} ?${key}`);
        walked.push(`${name}:?${key}`);
      }
      for (const path of endpoint.body ? textPaths(endpoint.body) : []) {
        const response = await signed(endpoint.path(...args), { method: endpoint.method, body: bodyWith(path, `a${NUL}b`) });
        await expectRefused(response, `${name} body ${path.join('.')}`);
        walked.push(`${name}:${path.join('.')}`);
      }
    }
    // The walk reached the fields it must (a schema the walker cannot see into would show up here).
    expect(walked).toEqual(expect.arrayContaining(['listRecords:?search', 'listRecords:?reasonCode', 'lookupRecord:?hubspotId', 'saveSync:fieldMappings.0.hubspotProperty', 'saveSync:filters.toQbo.0.criteria.0.value', `saveSync:options.key${NUL}`, 'createExport:filters.search', 'getDealPayments:(path)']));
    expect(walked.length).toBeGreaterThan(30);
  });

  it('answers the reported request (search=%00) with the envelope, and still searches text with tabs and accents', async () => {
    const nul = await signed('/records?search=%00');
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({ error: { code: 'invalid_request', message: 'The request query is not valid.', details: [{ path: 'search', message: expect.stringContaining('NUL') as string }] } });
    expect((await signed(`/records?search=${encodeURIComponent('Café\tCrème 日本')}`)).status).toBe(200);
  });

  it('refuses other invalid text: control characters, invalid UTF-8 escapes, lone surrogates, a body that is not UTF-8', async () => {
    expect((await signed('/records?search=a%01b')).status).toBe(400);
    expect((await signed('/records?search=%FF%FE')).status).toBe(400);
    expect((await signed('/records?search=%ED%A0%80')).status).toBe(400); // a UTF-8-encoded surrogate
    const surrogate = await signed('/exports', { method: 'POST', body: { format: 'csv', filters: { search: 'a\ud800b' } } });
    expect(surrogate.status).toBe(400);
    expect(((await surrogate.json()) as { error: { details: Array<{ path: string }> } }).error.details[0]?.path).toBe('filters.search');
    const notUtf8 = await fetch(`${h.url}${API_PREFIX}/exports?portalId=${PORTAL}`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) });
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('refuses invalid text on the routes outside the contract too: OAuth callbacks, webhooks, export downloads', async () => {
    for (const path of ['/oauth/hubspot/callback?code=a%00&state=b', '/oauth/quickbooks/callback?state=%00&code=c&realmId=1', '/exports/1/download?expires=1&signature=%00']) {
      const response = await fetch(`${h.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(400);
    }
    const webhook = await fetch(`${h.url}/webhooks/hubspot`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ objectId: 1, propertyValue: `x${NUL}` }]) });
    expect(webhook.status).toBe(400);
  });

  it('takes portalId in decimal digits only (0x3E8F21 is 4100001 to Number(), not to us)', async () => {
    for (const portalId of ['0x3E8F21', '1e3', '+58000001', ' 58000001', '058000001', '58000001.0']) {
      const response = await hubspotSignedFetch(`${h.url}${API_PREFIX}/connection?portalId=${encodeURIComponent(portalId)}&appId=${h.apps.hubspot.appId}`, { clientSecret: h.apps.hubspot.clientSecret, appId: h.apps.hubspot.appId });
      expect(response.status, portalId).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect((await signed('/connection')).status).toBe(200);
  });
});
