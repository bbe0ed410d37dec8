/**
 * The HubSpot client under pressure, against the emulator: limits turned down so 429s really happen,
 * one budget shared by two pools, 5xx and dropped connections, an expired token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Knex } from '../../../backend/src/db/knex.ts';
import { getRateBudget } from '../../../backend/src/db/rate-budgets.ts';
import { getInstallationTokens } from '../../../backend/src/db/installations.ts';
import { hubspotAccessToken } from '../../../backend/src/connections/hubspot-tokens.ts';
import { createHubSpotClient, hubspotClientFor, HubSpotApiError } from '../../../backend/src/vendors/hubspot/client.ts';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { busiestWindow, fast, hubspotControl } from './hubspot-control.ts';

describe('HubSpot client: limits, faults, tokens', () => {
  let h: AppHarness;
  let sandbox: ReturnType<typeof hubspotControl>;
  const control: ReturnType<typeof hubspotControl>['control'] = (...args) => sandbox.control(...args);
  const calls = (portal: number) => sandbox.calls(portal);
  const freshPortal = () => sandbox.freshPortal();

  beforeAll(async () => {
    h = await startAppHarness();
    sandbox = hubspotControl(h, 62_000_001);
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
});
