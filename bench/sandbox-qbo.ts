/**
 * QBO emulator benchmark: seeds 100,000 customers through the control API (timed), then drives
 * reads and queries at QBO's real limits — 500 requests/min per realm, ≤10 in flight — and reports
 * latency percentiles. Duration of the paced phase: BENCH_QBO_SECONDS (default 30).
 */
import { startQboSandbox } from '../backend/sandbox/qbo/index.ts';

const CUSTOMERS = 100_000;
const REQUESTS_PER_MINUTE = 500;
const MAX_IN_FLIGHT = 10;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function benchQboSandbox(): Promise<Record<string, number | string>> {
  const sandbox = await startQboSandbox({ port: 0 });
  try {
    const control = (path: string, body: unknown) =>
      fetch(`${sandbox.baseUrl}/_sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
    const app = await control('/apps', { name: 'bench', redirectUris: [] });
    const realmId = String((await control('/companies', { companyName: 'Bench Co' })).realmId);
    const token = String((await control('/tokens', { clientId: app.clientId, realmId })).access_token);

    const seedStarted = performance.now();
    const seeded = await control(`/companies/${realmId}/seed`, { seed: 2026, customers: CUSTOMERS });
    const seedMs = performance.now() - seedStarted;

    const names = Array.from({ length: 200 }, (_, i) => String((sandbox.state.company(realmId)?.get('Customer', String(1 + i * 397))?.DisplayName as string | undefined) ?? ''));
    const kinds = ['read', 'query_by_name', 'query_page', 'query_count'] as const;
    const pathFor = (kind: (typeof kinds)[number], i: number): string => {
      const q = (sql: string) => `/query?minorversion=75&query=${encodeURIComponent(sql)}`;
      switch (kind) {
        case 'read':
          return `/customer/${1 + ((i * 7919) % CUSTOMERS)}?minorversion=75`;
        case 'query_by_name':
          return q(`select * from Customer where DisplayName = '${(names[i % names.length] ?? '').replace(/'/g, "\\'")}'`);
        case 'query_page':
          return q(`select * from Customer startposition ${1 + ((i * 1000) % CUSTOMERS)} maxresults 1000`);
        case 'query_count':
          return q('select count(*) from Customer');
      }
    };

    const seconds = Number(process.env.BENCH_QBO_SECONDS ?? 30);
    const total = Math.max(kinds.length, Math.floor((seconds * REQUESTS_PER_MINUTE) / 60));
    const intervalMs = 60_000 / REQUESTS_PER_MINUTE;
    const latencies = new Map<string, number[]>(kinds.map((k) => [k, []]));
    let throttled = 0;
    let failed = 0;
    let inFlight = 0;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + i * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      while (inFlight >= MAX_IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 1));
      const kind = kinds[i % kinds.length] as (typeof kinds)[number];
      inFlight++;
      const t0 = performance.now();
      pending.push(
        fetch(`${sandbox.baseUrl}/v3/company/${realmId}${pathFor(kind, i)}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })
          .then(async (res) => {
            await res.arrayBuffer();
            if (res.status === 429) throttled++;
            else if (!res.ok) failed++;
            else latencies.get(kind)?.push(performance.now() - t0);
          })
          .finally(() => inFlight--),
      );
    }
    await Promise.all(pending);
    const elapsedS = (performance.now() - started) / 1000;

    const result: Record<string, number | string> = {
      qbo_seed_customers: Number(seeded.customers),
      qbo_seed_ms: Math.round(seedMs),
      qbo_seed_customers_per_s: Math.round(CUSTOMERS / (seedMs / 1000)),
      qbo_paced_requests: total,
      qbo_paced_rate_per_min: Math.round((total / elapsedS) * 60),
      qbo_throttled_429: throttled,
      qbo_failed: failed,
    };
    const all: number[] = [];
    for (const [kind, values] of latencies) {
      const sorted = [...values].sort((a, b) => a - b);
      all.push(...values);
      result[`qbo_${kind}_p50_ms`] = percentile(sorted, 50);
      result[`qbo_${kind}_p95_ms`] = percentile(sorted, 95);
    }
    const sortedAll = all.sort((a, b) => a - b);
    result.qbo_all_p50_ms = percentile(sortedAll, 50);
    result.qbo_all_p95_ms = percentile(sortedAll, 95);
    return result;
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchQboSandbox().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
