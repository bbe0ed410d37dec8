/**
 * The HubSpot client against the emulator: limits turned down so 429s really happen, faults injected,
 * 207 partial failures, associations, properties. The emulator's call log is the witness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Knex } from '../../../backend/src/db/knex.ts';
import { getRateBudget } from '../../../backend/src/db/rate-budgets.ts';
import { getInstallationTokens } from '../../../backend/src/db/installations.ts';
import { hubspotAccessToken } from '../../../backend/src/connections/hubspot-tokens.ts';
import { createHubSpotClient, hubspotClientFor, HubSpotApiError } from '../../../backend/src/vendors/hubspot/client.ts';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';

interface LoggedCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** The control API's answers, loosely: each test reads the fields it asked for. */
interface ControlAnswer {
  firstId?: number;
  total?: number;
  id?: string;
  access_token?: string;
  results?: Array<{ id: string; properties: Record<string, string | null> } & LoggedCall>;
}

const fast = { backoff: { baseMs: 20, capMs: 200 } };

describe('HubSpot client', () => {
  let h: AppHarness;
  let nextPortal = 62_000_001;
  const control = async (path: string, method = 'GET', body?: unknown): Promise<ControlAnswer> => {
    const res = await fetch(`${h.hubspot.baseUrl}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as ControlAnswer);
  };
  const calls = async (portal: number): Promise<LoggedCall[]> => (await control(`/accounts/${portal}/calls`)).results ?? [];
  /** A fresh installed account per test: limits, faults, budgets and call logs never mix. */
  const freshPortal = async (): Promise<number> => {
    const portal = nextPortal++;
    expect((await h.install(portal)).status).toBe(302);
    await control(`/accounts/${portal}/calls`, 'DELETE');
    return portal;
  };
  /** Most calls in any rolling `windowMs` of the log, from the first call matching `from` on. */
  const busiestWindow = (log: LoggedCall[], windowMs: number): number => {
    const times = log.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };

  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  it('honours TEN_SECONDLY_ROLLING 429s: every call completes, and after the first 429 the limit is respected', { timeout: 120_000 }, async () => {
    const portal = await freshPortal();
    const { firstId } = await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 3, seed: 1 });
    await control(`/accounts/${portal}/limits`, 'PUT', { tenSecondly: 5 });
    await control(`/accounts/${portal}/calls`, 'DELETE');
    const client = hubspotClientFor(h.ctx, portal, fast);
    const concurrency = 3;
    const perCaller = 5;
    const outcomes = await Promise.allSettled(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < perCaller; i++) expect((await client.batchRead('contacts', [String(firstId)], ['email'])).records).toHaveLength(1);
      }),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);

    const log = await calls(portal);
    expect(log.filter((c) => c.status === 200)).toHaveLength(concurrency * perCaller);
    const first429 = log.findIndex((c) => c.status === 429);
    expect(first429).toBeGreaterThanOrEqual(0); // the limit was really hit
    // After a 429 everyone waits for the rolling window: at most the limit plus the calls already in
    // flight (one per caller, from before and after a block) in any 10 s. Retrying without waiting
    // for the window would show dozens of 429s here.
    expect(busiestWindow(log.slice(first429), 10_000)).toBeLessThanOrEqual(5 + 2 * concurrency);
    expect(log.filter((c) => c.status === 429).length).toBeLessThanOrEqual(3 * concurrency);
    expect((await getRateBudget(h.ctx.db, { portalId: portal, vendor: 'hubspot', bucket: 'default' }))?.blockedUntil).toBeInstanceOf(Date);
  });

  it('two processes (separate pools) share one budget: together they stay within it', { timeout: 60_000 }, async () => {
    const portal = await freshPortal();
    const { firstId } = await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 1, seed: 2 });
    await control(`/accounts/${portal}/calls`, 'DELETE');
    const budgets = { general: { bucket: 'default', limit: 5, windowMs: 3_000, throttledBlockMs: 10_000 } };
    const otherPool: Knex = createDatabase({ connectionString: h.db.url, poolMax: 3 });
    try {
      const other = { ...h.ctx, db: otherPool };
      const clients = [
        hubspotClientFor(h.ctx, portal, { budgets }),
        createHubSpotClient({ db: otherPool, portalId: portal, apiBaseUrl: h.ctx.env.HUBSPOT_API_BASE_URL, accessToken: (o) => hubspotAccessToken(other, portal, o), budgets }),
      ];
      await Promise.all(clients.map(async (client) => {
        for (let i = 0; i < 5; i++) await client.batchRead('contacts', [String(firstId)], ['email']);
      }));
    } finally {
      await otherPool.destroy();
    }
    const log = await calls(portal);
    expect(log.map((c) => c.status)).toEqual(Array(10).fill(200));
    // Ten calls at five per 3 s window: no 3 s span (less a margin for the window boundary) holds more than five.
    expect(busiestWindow(log, 2_500)).toBeLessThanOrEqual(5);
  });

  it('retries 5xx and dropped connections with backoff: the caller sees only results', { timeout: 60_000 }, async () => {
    const portal = await freshPortal();
    const { firstId } = await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 1, seed: 3 });
    await control(`/accounts/${portal}/faults`, 'PUT', { seed: 7, serverErrorRate: 0.3, timeoutRate: 0.05, timeoutMs: 100 });
    await control(`/accounts/${portal}/calls`, 'DELETE');
    // 30 % failures: eight attempts make a call fail with probability 0.3^8 (and the run is seeded).
    const client = hubspotClientFor(h.ctx, portal, { ...fast, maxAttempts: 8 });
    for (let i = 0; i < 20; i++) {
      expect((await client.batchRead('contacts', [String(firstId)], ['email'])).records[0]?.id).toBe(String(firstId));
    }
    await control(`/accounts/${portal}/faults`, 'DELETE');
    const statuses = (await calls(portal)).map((c) => c.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 502).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0); // dropped connections were retried too
  });

  it('stops retrying after the bounded attempts, with a normalised error', async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/faults`, 'PUT', { serverErrorRate: 1 });
    const client = hubspotClientFor(h.ctx, portal, { ...fast, maxAttempts: 3 });
    const error = await client.listAll('contacts', ['email']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubSpotApiError);
    expect(error).toMatchObject({ kind: 'unavailable', status: 502, retryable: true });
    expect((await calls(portal)).length).toBe(3);
  });

  it('refreshes the token once on a 401 and carries on', async () => {
    const portal = await freshPortal();
    const client = hubspotClientFor(h.ctx, portal, fast);
    await client.listAll('contacts', ['email']);
    const tokens = await getInstallationTokens(h.ctx.db, h.ctx.cipher, portal);
    await control(`/tokens/${tokens!.accessToken}/expire`, 'POST');
    // Our stored expiry still says "fresh": only the 401 can tell us.
    const page = await client.listAll('contacts', ['email']);
    expect(page.records).toEqual([]);
    // (the emulator logs authenticated calls only: the refused one is not in the log)
    expect((await calls(portal)).map((c) => c.status)).toEqual([200, 200]);
    expect((await getInstallationTokens(h.ctx.db, h.ctx.cipher, portal))!.accessToken).not.toBe(tokens!.accessToken);
  });

  it('batch writes: a 207 partial failure fails only the bad inputs, each with its own error, in input order', async () => {
    const portal = await freshPortal();
    const client = hubspotClientFor(h.ctx, portal, fast);
    const [existing] = await client.batchCreate('contacts', [{ properties: { email: 'taken@example.com' } }]);
    expect(existing).toMatchObject({ ok: true });
    const created = await client.batchCreate('contacts', [
      { properties: { email: 'ann@example.com', firstname: 'Ann' } },
      { properties: { email: 'ben@example.com', no_such_property: 'x' } },
      { properties: { email: 'cat@example.com', firstname: 'Cat' } },
      { properties: { email: 'TAKEN@example.com' } },
    ]);
    expect(created.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(created[0]).toMatchObject({ ok: true, record: { properties: { email: 'ann@example.com', firstname: 'Ann' } } });
    expect(created[1]).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(created[2]).toMatchObject({ ok: true, record: { properties: { email: 'cat@example.com' } } });
    expect(created[3]).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const stored = (await control(`/accounts/${portal}/objects/contacts`)).results!.map((r) => r.properties.email).sort();
    expect(stored).toEqual(['ann@example.com', 'cat@example.com', 'taken@example.com']);

    const annId = created[0]!.ok ? created[0]!.record.id : '';
    const updated = await client.batchUpdate('contacts', [
      { id: annId, properties: { lastname: 'Archer' } },
      { id: '999999', properties: { lastname: 'Ghost' } },
      { id: annId === '' ? 'x' : existing!.ok ? existing!.record.id : 'x', properties: { email: 'not an email' } },
    ]);
    expect(updated[0]).toMatchObject({ ok: true, record: { id: annId, properties: { lastname: 'Archer' } } });
    expect(updated[1]).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(updated[2]).toMatchObject({ ok: false, error: { kind: 'validation' } });

    const read = await client.batchRead('contacts', [annId, '999999'], ['email', 'lastname']);
    expect(read.records.map((r) => r.properties)).toEqual([expect.objectContaining({ email: 'ann@example.com', lastname: 'Archer' })]);
    expect(read.missing).toEqual(['999999']);
  });

  it('ensureProperty is idempotent (group created once), and batch upsert by that unique property never duplicates', async () => {
    const portal = await freshPortal();
    const client = hubspotClientFor(h.ctx, portal, fast);
    const spec = { name: 'qbo_customer_id', label: 'QuickBooks customer ID', type: 'string', fieldType: 'text', groupName: 'quickbooks_sync', groupLabel: 'QuickBooks sync', hasUniqueValue: true } as const;
    expect(await client.ensureProperty('contacts', spec)).toEqual({ created: true });
    expect(await client.ensureProperty('contacts', spec)).toEqual({ created: false });
    const { access_token } = await control(`/accounts/${portal}/tokens`, 'POST', {});
    const property = await (await fetch(`${h.hubspot.baseUrl}/crm/v3/properties/contacts/qbo_customer_id`, { headers: { authorization: `Bearer ${access_token}` } })).json();
    expect(property).toMatchObject({ name: 'qbo_customer_id', hasUniqueValue: true, groupName: 'quickbooks_sync' });
    // A same-named property that is not unique would make upserts unsafe: refused loudly.
    await client.ensureProperty('contacts', { ...spec, name: 'plain_text', hasUniqueValue: false });
    await expect(client.ensureProperty('contacts', { ...spec, name: 'plain_text' })).rejects.toMatchObject({ kind: 'conflict' });

    const first = await client.batchUpsert('contacts', 'qbo_customer_id', [
      { id: '58', properties: { email: 'dee@example.com', firstname: 'Dee' } },
      { id: '59', properties: { email: 'eve@example.com' } },
    ]);
    expect(first.map((r) => r.ok && r.created)).toEqual([true, true]);
    const again = await client.batchUpsert('contacts', 'qbo_customer_id', [
      { id: '59', properties: { firstname: 'Eve' } },
      { id: '58', properties: { firstname: 'Deirdre' } },
    ]);
    expect(again).toMatchObject([
      { ok: true, created: false, record: { properties: { firstname: 'Eve' } } },
      { ok: true, created: false, record: { properties: { firstname: 'Deirdre' } } },
    ]);
    expect((await control(`/accounts/${portal}/objects/contacts`)).total).toBe(2);
  });

  it('primaryCompanyNames: the Primary company only (not other associated companies); none when there is none', async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 25, seed: 11 });
    const contacts = (await control(`/accounts/${portal}/objects/contacts?limit=1000`)).results!;
    const companies = (await control(`/accounts/${portal}/objects/companies?limit=1000`)).results!;
    const companyName = new Map(companies.map((c) => [c.id, c.properties.name]));
    const loner = (await control(`/accounts/${portal}/objects/contacts`, 'POST', { properties: { email: 'loner@example.com' } })).id!;
    const secondary = (await control(`/accounts/${portal}/objects/contacts`, 'POST', { properties: { email: 'side@example.com' } })).id!;
    await control(`/accounts/${portal}/associations/contacts/${secondary}/companies/${companies[0]!.id}`, 'PUT', { typeIds: [279] });

    const client = hubspotClientFor(h.ctx, portal, fast);
    const names = await client.primaryCompanyNames([...contacts.map((c) => c.id), loner, secondary]);
    const expected = new Map(contacts.filter((c) => c.properties.associatedcompanyid).map((c) => [c.id, companyName.get(c.properties.associatedcompanyid!)]));
    expect(expected.size).toBe(25);
    expect(names).toEqual(expected);
    expect(names.has(loner)).toBe(false);
    expect(names.has(secondary)).toBe(false);
  });

  it('searchModifiedSince pages by last-modified ascending; listAll pages through everything', { timeout: 60_000 }, async () => {
    const portal = await freshPortal();
    await control(`/accounts/${portal}/seed`, 'POST', { objectType: 'contacts', count: 230, seed: 5 });
    const client = hubspotClientFor(h.ctx, portal, fast);
    const seen: string[] = [];
    let last = 0;
    let cursor: { since: Date; after?: string } | undefined = { since: new Date(0) };
    let pages = 0;
    while (cursor) {
      const page: Awaited<ReturnType<typeof client.searchModifiedSince>> = await client.searchModifiedSince('contacts', cursor.since, cursor.after, ['email']);
      for (const r of page.records) {
        expect(r.updatedAt.getTime()).toBeGreaterThanOrEqual(last);
        last = r.updatedAt.getTime();
        seen.push(r.id);
      }
      cursor = page.next;
      pages++;
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(230);
    const later = await client.searchModifiedSince('contacts', new Date(last + 1), undefined, ['email']);
    expect(later).toEqual({ records: [], next: undefined });

    const listed: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.listAll('contacts', ['email'], after);
      listed.push(...page.records.map((r) => r.id));
      after = page.after;
    } while (after);
    expect(listed.sort()).toEqual([...seen].sort());
  });
});
