/** Throttling at QBO's real limits, the 429 bodies, injected faults, and the per-realm call log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ApiResponse, type Harness } from './helpers.ts';

let h: Harness;

/** A fresh company (own limits, faults and call log) with a token for it. */
async function freshRealm(): Promise<{ realmId: string; token: string; get: (path?: string) => Promise<ApiResponse> }> {
  const realmId = (await h.control('/companies', 'POST', {})).json.realmId as string;
  const token = (await h.control('/tokens', 'POST', { clientId: h.clientId, realmId })).json.access_token as string;
  return { realmId, token, get: (path = `/companyinfo/${realmId}`) => h.api(path, { realmId, token }) };
}

beforeAll(async () => {
  h = await startHarness({}, { strictRates: true });
});
afterAll(() => h.sandbox.close());

describe('throttling', () => {
  it('allows 500 requests a minute per realm, then answers 429 with the XML ThrottleExceeded body', async () => {
    const realm = await freshRealm();
    const statuses: number[] = [];
    let throttled: ApiResponse | undefined;
    // 10 at a time, one emulator second apart, stays inside the per-second and concurrency limits.
    for (let i = 0; i < 510; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => realm.get()));
      for (const res of batch) {
        statuses.push(res.status);
        if (res.status === 429) throttled ??= res;
      }
      await h.control('/clock', 'POST', { advanceMs: 1_000 });
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(500);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(throttled!.headers.get('content-type')).toContain('application/xml');
    expect(throttled!.text).toContain('<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>');
    expect(throttled!.headers.get('intuit_tid')).toBeTruthy();
    // Another realm is not affected.
    expect((await h.api(`/companyinfo/${h.realmId}`)).status).toBe(200);
  });

  it('limits are configurable per realm, with the JSON body variant selectable', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/limits`, 'PUT', { requestsPerMinute: 3, throttleBody: 'json' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await realm.get());
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(statuses[3]!.json.Fault.Error[0].code).toBe('3001');
  });

  it('10 requests per sliding second per realm and app, on by default; another app on the realm has its own', async () => {
    const realm = await freshRealm();
    expect((await h.control(`/companies/${realm.realmId}/limits`)).json).toMatchObject({ requestsPerSecond: 10, concurrent: 10, requestsPerMinute: 500, batchPerMinute: 40, realmBatchPerMinute: 120 });
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await realm.get()).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const otherApp = (await h.control('/apps', 'POST', { name: 'Other app', redirectUris: ['http://localhost:5998/cb'] })).json;
    const otherToken = (await h.control('/tokens', 'POST', { clientId: otherApp.clientId, realmId: realm.realmId })).json.access_token as string;
    expect((await h.api(`/companyinfo/${realm.realmId}`, { realmId: realm.realmId, token: otherToken })).status).toBe(200);
    // The window slides: half a second later it is still full, a full second after the first it has room.
    await h.control('/clock', 'POST', { advanceMs: 500 });
    expect((await realm.get()).status).toBe(429);
    await h.control('/clock', 'POST', { advanceMs: 600 });
    expect((await realm.get()).status).toBe(200);
  });

  it('the per-second limit is configurable (a test may lower or raise it on purpose)', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/limits`, 'PUT', { requestsPerSecond: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await realm.get()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('more than 10 concurrent requests for a realm get 429', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/faults`, 'PUT', { latencyMs: 1500 });
    const results = await Promise.all(Array.from({ length: 12 }, () => realm.get()));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(2);
  });

  it('allows 40 batch requests a minute', async () => {
    const realm = await freshRealm();
    const body = { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] };
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      if (i > 0 && i % 10 === 0) await h.control('/clock', 'POST', { advanceMs: 1_000 });
      statuses.push((await h.api('/batch', { realmId: realm.realmId, token: realm.token, body })).status);
    }
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses[40]).toBe(429);
  });
});

describe('batch limits per realm', () => {
  it('batch requests of all apps together are limited per realm (120/min by default; lowered here to 3)', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/limits`, 'PUT', { realmBatchPerMinute: 3 });
    const otherApp = (await h.control('/apps', 'POST', { name: 'Batch app', redirectUris: ['http://localhost:5996/cb'] })).json;
    const otherToken = (await h.control('/tokens', 'POST', { clientId: otherApp.clientId, realmId: realm.realmId })).json.access_token as string;
    const body = { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Item' }] };
    const batch = (token: string) => h.api('/batch', { realmId: realm.realmId, token, body });
    const statuses = [(await batch(realm.token)).status, (await batch(realm.token)).status, (await batch(otherToken)).status, (await batch(otherToken)).status];
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('faults', () => {
  it('a 429 burst, then normal service', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/faults`, 'PUT', { throttleBurst: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await realm.get()).status);
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('5xx at a rate, deterministic under a seed', async () => {
    const realm = await freshRealm();
    const run = async () => {
      await h.control(`/companies/${realm.realmId}/faults`, 'PUT', { seed: 42, serverErrorRate: 0.5 });
      const statuses = [];
      for (let i = 0; i < 20; i++) {
        if (i % 10 === 0) await h.control('/clock', 'POST', { advanceMs: 1_000 }); // stay under 10/s
        statuses.push((await realm.get()).status);
      }
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(500);
    await h.control(`/companies/${realm.realmId}/faults`, 'PUT', { serverErrorRate: 1 });
    await h.control('/clock', 'POST', { advanceMs: 1_000 });
    const error = await realm.get();
    expect(error.json.Fault).toMatchObject({ type: 'SystemFault', Error: [{ code: '10000' }] });
  });

  it('a timeout fault never answers and drops the connection', async () => {
    const realm = await freshRealm();
    await h.control(`/companies/${realm.realmId}/faults`, 'PUT', { timeoutRate: 1, timeoutMs: 100 });
    await expect(realm.get()).rejects.toThrow();
    await h.control(`/companies/${realm.realmId}/faults`, 'DELETE');
    expect((await realm.get()).status).toBe(200);
    const calls = (await h.control(`/companies/${realm.realmId}/calls`)).json.calls as Array<{ status: number }>;
    expect(calls.map((c) => c.status)).toEqual([0, 200]);
  });
});

describe('call log and minorversion', () => {
  it('records method, path, status and time per realm; can be cleared', async () => {
    const realm = await freshRealm();
    await realm.get();
    await realm.get('/customer/999');
    await h.api(`/customer?minorversion=75`, { realmId: realm.realmId, token: realm.token, body: { DisplayName: 'Logged' } });
    await h.api(`/companyinfo/${realm.realmId}`, { realmId: realm.realmId, token: 'expired-or-bogus' });
    const log = (await h.control(`/companies/${realm.realmId}/calls`)).json;
    expect(log.count).toBe(4);
    expect(log.calls.map((c: { method: string; path: string; status: number }) => [c.method, c.path, c.status])).toEqual([
      ['GET', `/companyinfo/${realm.realmId}`, 200],
      ['GET', '/customer/999', 400],
      ['POST', '/customer', 200],
      ['GET', `/companyinfo/${realm.realmId}`, 401],
    ]);
    expect(Date.parse(log.calls[0].at)).not.toBeNaN();
    await h.control(`/companies/${realm.realmId}/calls`, 'DELETE');
    expect((await h.control(`/companies/${realm.realmId}/calls`)).json.count).toBe(0);
  });

  it('accepts any minorversion (below 75 is treated as 75)', async () => {
    for (const mv of ['3', '65', '75', '80']) {
      const res = await h.api(`/preferences?minorversion=${mv}`);
      expect(res.status).toBe(200);
      expect(res.json.Preferences.TaxPrefs.PartnerTaxEnabled).toBe(true);
    }
  });
});
