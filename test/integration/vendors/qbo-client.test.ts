/**
 * The QBO client against the emulator: paging past 1000 rows, idempotent creates, sparse updates,
 * CDC and its 30-day limit, batch per-item Faults, 5xx retries and 429s honoured with the shared budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRateBudget } from '../../../backend/src/db/rate-budgets.ts';
import { qboSyncClientFor } from '../../../backend/src/vendors/quickbooks/client-for.ts';
import type { QboClient } from '../../../backend/src/vendors/quickbooks/client.ts';
import { QboCdcWindowError } from '../../../backend/src/vendors/quickbooks/cdc.ts';
import { QboApiError } from '../../../backend/src/vendors/quickbooks/errors.ts';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';

interface LoggedCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

describe('QuickBooks client', () => {
  let h: AppHarness;
  let next = 1;
  const control = async <T = Record<string, unknown>>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const res = await fetch(`${h.qbo.baseUrl}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? {} : await res.json()) as T;
  };
  const calls = async (realm: string) => (await control<{ calls: LoggedCall[] }>(`/companies/${realm}/calls`)).calls;
  /** A fresh account + company per test: limits, faults, budgets and call logs never mix. */
  const connected = async (options: Parameters<typeof qboSyncClientFor>[2] = {}): Promise<{ portal: number; realm: string; client: QboClient }> => {
    const portal = 63_000_000 + next;
    const realm = String(9_100_000 + next++);
    expect((await h.install(portal)).status).toBe(302);
    expect((await h.connect(portal, realm)).status).toBe(200);
    const client = await qboSyncClientFor(h.ctx, portal, { backoffMs: 20, ...options });
    await control(`/companies/${realm}/calls`, 'DELETE');
    return { portal, realm, client };
  };

  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  it('queryAll pages through more than 1000 customers, each once, 1000 per call', async () => {
    const { realm, client } = await connected();
    await control(`/companies/${realm}/seed`, 'POST', { seed: 4, customers: 1_234 });
    const { totalCount } = await client.query<{ totalCount: number }>('select count(*) from Customer');
    expect(totalCount).toBeGreaterThan(1_000);
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const page of client.queryAll('Customer')) {
      sizes.push(page.records.length);
      ids.push(...page.records.map((r) => r.Id));
    }
    expect(new Set(ids).size).toBe(totalCount);
    expect(ids).toHaveLength(totalCount);
    expect(sizes[0]).toBe(1_000);
    // resumable from a checkpoint (the position after the first page)
    const resumed: string[] = [];
    for await (const page of client.queryAll('Customer', undefined, 1_000, { startPosition: 1_001 })) resumed.push(...page.records.map((r) => r.Id));
    expect(resumed).toEqual(ids.slice(1_000));
    // a filter built from escaped values, smaller pages
    const where = `DisplayName LIKE ${client.quote('A%')}`;
    const { totalCount: matching } = await client.query<{ totalCount: number }>(`select count(*) from Customer where ${where}`);
    const filtered: string[] = [];
    for await (const page of client.queryAll('Customer', where, 10)) filtered.push(...page.records.map((r) => String(r.DisplayName)));
    expect(matching).toBeGreaterThan(10);
    expect(filtered).toHaveLength(matching);
    expect(filtered.every((name) => name.toUpperCase().startsWith('A'))).toBe(true);
  });

  it('create with the same requestid twice makes one customer (the retry gets the first answer)', async () => {
    const { client } = await connected();
    const first = await client.create('Customer', { DisplayName: "O'Brien & Sons", PrimaryEmailAddr: { Address: 'ob@example.com' } }, 'create-contact-77-v1');
    const retry = await client.create('Customer', { DisplayName: "O'Brien & Sons", PrimaryEmailAddr: { Address: 'ob@example.com' } }, 'create-contact-77-v1');
    expect(retry.Id).toBe(first.Id);
    const { totalCount } = await client.query<{ totalCount: number }>(`select count(*) from Customer where DisplayName = ${client.quote("O'Brien & Sons")}`);
    expect(totalCount).toBe(1);
    // a different logical create with the same name is QBO's duplicate-name Fault, normalised
    await expect(client.create('Customer', { DisplayName: "O'Brien & Sons" }, 'create-contact-78-v1')).rejects.toMatchObject({ kind: 'duplicate_name', code: '6240' });
  });

  it('update is sparse (other fields kept) and a stale SyncToken is a typed error', async () => {
    const { client } = await connected();
    const created = await client.create('Customer', { DisplayName: 'Sparse Co', CompanyName: 'Sparse', PrimaryEmailAddr: { Address: 's@example.com' } }, 'sparse-1');
    const updated = await client.update('Customer', { Id: created.Id, SyncToken: created.SyncToken, CompanyName: 'Sparse Ltd' });
    expect(updated).toMatchObject({ Id: created.Id, CompanyName: 'Sparse Ltd', PrimaryEmailAddr: { Address: 's@example.com' }, DisplayName: 'Sparse Co' });
    expect(updated.SyncToken).not.toBe(created.SyncToken);
    const stale = await client.update('Customer', { Id: created.Id, SyncToken: created.SyncToken, CompanyName: 'Late' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(QboApiError);
    expect(stale).toMatchObject({ kind: 'stale', code: '5010' });
  });

  it('cdc returns changes and deletions; a cursor older than 30 days is refused without a call', async () => {
    const { realm, client } = await connected();
    const since = new Date(Date.now() - 60_000);
    const a = await client.create('Customer', { DisplayName: 'CDC One' }, 'cdc-1');
    const changes = await client.cdc(['Customer', 'Invoice'], since);
    expect(changes.truncated).toBe(false);
    expect(changes.entities.Customer?.changed.map((c) => c.Id)).toContain(a.Id);
    expect(changes.entities.Invoice).toEqual({ changed: [], deleted: [] });
    const before = (await calls(realm)).length;
    const old = await client.cdc(['Customer'], new Date(Date.now() - 31 * 24 * 3600 * 1000)).catch((e: unknown) => e);
    expect(old).toBeInstanceOf(QboCdcWindowError);
    expect((await calls(realm)).length).toBe(before);
  });

  it('batch: per-item results and Faults (one bad record fails alone); more than 30 items go in several calls', async () => {
    const { portal, realm, client } = await connected();
    const existing = await client.create('Customer', { DisplayName: 'Taken Name' }, 'batch-0');
    const results = await client.batch([
      { operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch A' } },
      { operation: 'create', entity: 'Customer', body: { DisplayName: 'Taken Name' } },
      { operation: 'update', entity: 'Customer', body: { Id: existing.Id, SyncToken: existing.SyncToken, CompanyName: 'Taken Inc' } },
      { query: `select * from Customer where DisplayName = ${client.quote('Batch A')}` },
    ]);
    expect(results[0]).toMatchObject({ ok: true, record: { DisplayName: 'Batch A' } });
    expect(results[1]).toMatchObject({ ok: false, error: { kind: 'duplicate_name', code: '6240' } });
    expect(results[2]).toMatchObject({ ok: true, record: { Id: existing.Id, CompanyName: 'Taken Inc', DisplayName: 'Taken Name' } });
    expect(results[3]).toMatchObject({ ok: true, queryResponse: { Customer: [expect.objectContaining({ DisplayName: 'Batch A' })] } });

    await control(`/companies/${realm}/calls`, 'DELETE');
    const many = await client.batch(Array.from({ length: 35 }, (_, i) => ({ operation: 'create' as const, entity: 'Customer', body: { DisplayName: `Many ${i}` } })));
    expect(many.every((r) => r.ok)).toBe(true);
    expect((await calls(realm)).filter((c) => c.path === '/batch')).toHaveLength(2);
    // Batches are paced one per 2-second window (31 per rolling minute, under Intuit's 40): the shared
    // budget row holds only the current window's one call.
    expect((await getRateBudget(h.ctx.db, { portalId: portal, vendor: 'quickbooks', bucket: 'batch' }))?.used).toBe(1);
  });

  it('retries 500s: the caller sees only results', { timeout: 60_000 }, async () => {
    const { realm, client } = await connected({ maxAttempts: 8 });
    await control(`/companies/${realm}/faults`, 'PUT', { seed: 3, serverErrorRate: 0.3 });
    for (let i = 0; i < 20; i++) await client.query('select count(*) from Customer');
    await control(`/companies/${realm}/faults`, 'DELETE');
    const statuses = (await calls(realm)).map((c) => c.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
  });

  it('paces itself under the default 10 requests per sliding second: 40 calls from 8 callers, no 429', { timeout: 60_000 }, async () => {
    const { realm, client } = await connected();
    expect(await control(`/companies/${realm}/limits`)).toMatchObject({ requestsPerSecond: 10, concurrent: 10 });
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 5; i++) await client.query('select count(*) from Customer');
    }));
    const log = await calls(realm);
    expect(log.filter((c) => c.status === 200)).toHaveLength(40);
    expect(log.filter((c) => c.status === 429)).toEqual([]);
    const times = log.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
    const busiestSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    expect(busiestSecond).toBeLessThanOrEqual(10);
  });

  it('honours 429s: every process waits the minute Intuit asks for, and every call completes', { timeout: 180_000 }, async () => {
    const { portal, realm, client } = await connected();
    await control(`/companies/${realm}/limits`, 'PUT', { requestsPerMinute: 10 });
    const concurrency = 2;
    const outcomes = await Promise.allSettled(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < 7; i++) await client.query('select count(*) from Customer');
      }),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const log = await calls(realm);
    expect(log.filter((c) => c.status === 200)).toHaveLength(14);
    const throttled = log.filter((c) => c.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.length).toBeLessThanOrEqual(concurrency);
    // Nothing but calls already in flight went out within the minute after the first 429.
    const first429 = Date.parse(throttled[0]!.at);
    expect(log.filter((c) => Date.parse(c.at) > first429 && Date.parse(c.at) < first429 + 59_000).length).toBeLessThanOrEqual(concurrency - 1);
    expect((await getRateBudget(h.ctx.db, { portalId: portal, vendor: 'quickbooks', bucket: 'default' }))?.blockedUntil).toBeInstanceOf(Date);
  });
});
