/** Rate limits (10 s rolling burst, search per second) with HubSpot's 429 bodies, faults, and the call log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, makeClient, startHarness, type Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ unlimited: false });
});
afterAll(async () => {
  await h.sandbox.close();
});

const get = (path: string) => fetch(`${h.sandbox.baseUrl}${path}`, { headers: { authorization: `Bearer ${h.accessToken}` } });
const searchReq = () => fetch(`${h.sandbox.baseUrl}/crm/v3/objects/contacts/search`, {
  method: 'POST', headers: { authorization: `Bearer ${h.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ limit: 1 }),
});

describe('rate limits', () => {
  it('answers 429 with the ten_secondly_rolling body once 110 requests hit in a burst', async () => {
    const responses = await Promise.all(Array.from({ length: 115 }, () => get('/crm/v3/objects/contacts?limit=1')));
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(110);
    expect(limited).toHaveLength(5);
    const body = await limited[0]?.json();
    expect(body).toMatchObject({ status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(typeof body.correlationId).toBe('string');
    const ok = responses.find((r) => r.status === 200);
    expect(ok?.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(ok?.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(limited[0]?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect((await errorOf(h.client.crm.contacts.basicApi.getPage())).code).toBe(429);
  });

  it('limits search separately, at 5 per second, with the secondly message', async () => {
    const responses = await Promise.all(Array.from({ length: 7 }, () => searchReq()));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    const limited = responses.find((r) => r.status === 429);
    expect(await limited?.json()).toMatchObject({ message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT' });
  });

  it('lets the control API change or lift the limits per account', async () => {
    const { portalId } = await h.control('POST', '/accounts', {});
    const { access_token } = await h.control('POST', `/accounts/${portalId}/tokens`, {});
    await h.control('PUT', `/accounts/${portalId}/limits`, { tenSecondly: 2 });
    const client = makeClient(h.sandbox.baseUrl, access_token);
    await client.crm.contacts.basicApi.getPage();
    await client.crm.contacts.basicApi.getPage();
    expect((await errorOf(client.crm.contacts.basicApi.getPage())).code).toBe(429);
    await h.control('PUT', `/accounts/${portalId}/limits`, { tenSecondly: null });
    await client.crm.contacts.basicApi.getPage();
  });
});

describe('faults and call log', () => {
  let portalId: number;
  let token: string;
  beforeAll(async () => {
    ({ portalId } = await h.control('POST', '/accounts', {}));
    ({ access_token: token } = await h.control('POST', `/accounts/${portalId}/tokens`, {}));
  });
  const call = () => fetch(`${h.sandbox.baseUrl}/crm/v3/objects/deals`, { headers: { authorization: `Bearer ${token}` } });

  it('forces 429 bursts, 5xx and timeouts when configured, and nothing by default', async () => {
    expect((await call()).status).toBe(200);
    await h.control('PUT', `/accounts/${portalId}/faults`, { throttleBurst: 2 });
    expect([(await call()).status, (await call()).status, (await call()).status]).toEqual([429, 429, 200]);
    await h.control('PUT', `/accounts/${portalId}/faults`, { serverErrorRate: 1 });
    const failed = await call();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect((await failed.json()).status).toBe('error');
    await h.control('PUT', `/accounts/${portalId}/faults`, { timeoutRate: 1, timeoutMs: 50 });
    await expect(call()).rejects.toThrow();
    const log = await h.control('GET', `/accounts/${portalId}/calls`);
    expect(log.results.at(-1)).toMatchObject({ method: 'GET', path: '/crm/v3/objects/deals', status: 0 });
    await h.control('DELETE', `/accounts/${portalId}/faults`);
    expect((await call()).status).toBe(200);
  });

  it('makes 5xx decisions deterministic under a seed', async () => {
    const run = async () => {
      await h.control('PUT', `/accounts/${portalId}/faults`, { serverErrorRate: 0.5, seed: 99 });
      const statuses = [];
      for (let i = 0; i < 12; i++) statuses.push((await call()).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(200);
    expect(first.some((s) => s >= 500)).toBe(true);
    expect(await run()).toEqual(first);
    await h.control('DELETE', `/accounts/${portalId}/faults`);
  });

  it('logs every API call per account and can clear the log', async () => {
    await h.control('DELETE', `/accounts/${portalId}/calls`);
    await call();
    await fetch(`${h.sandbox.baseUrl}/crm/v3/objects/deals/123`, { headers: { authorization: `Bearer ${token}` } });
    const log = await h.control('GET', `/accounts/${portalId}/calls`);
    expect(log.results.map((e: { method: string; path: string; status: number }) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/crm/v3/objects/deals', 200],
      ['GET', '/crm/v3/objects/deals/123', 404],
    ]);
    expect(typeof log.results[0].at).toBe('string');
  });
});
