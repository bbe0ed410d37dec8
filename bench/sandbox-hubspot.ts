/**
 * HubSpot emulator benchmark: seed 100,000 contacts through the control API, then measure request
 * latency (p50/p95) for gets, batch reads and searches while calling at HubSpot's real limits
 * (110 requests / 10 s for gets + batch reads together; searches at ~4/s, under the 5/s limit) with the
 * default limits on, so any 429 in the result is an emulator bug.
 */
import { startHubSpotSandbox } from '../backend/sandbox/hubspot/index.ts';

const CONTACTS = 100_000;
const WINDOW_MS = 10_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(fn: () => Promise<Response>, out: number[], statuses: Map<number, number>): Promise<void> {
  const start = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  out.push(performance.now() - start);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
}

/** Fires `count` calls evenly over `durationMs` (an open-loop pacer, like a rate-limited client). */
async function paced(count: number, durationMs: number, call: (i: number) => Promise<void>): Promise<void> {
  const started = Date.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * durationMs) / count;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(call(i));
  }
  await Promise.all(pending);
}

export async function benchHubSpotSandbox(): Promise<Record<string, number | string>> {
  const sandbox = await startHubSpotSandbox({ port: 0 });
  try {
    const base = sandbox.baseUrl;
    const control = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}/_sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const { portalId } = (await control('POST', '/accounts', {})) as { portalId: number };
    const seedStart = performance.now();
    const seeded = (await control('POST', `/accounts/${portalId}/seed`, { objectType: 'contacts', count: CONTACTS, seed: 1 })) as { firstId: string; lastId: string };
    const seedMs = performance.now() - seedStart;
    const { access_token } = (await control('POST', `/accounts/${portalId}/tokens`, {})) as { access_token: string };
    const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
    const first = Number(seeded.firstId);
    // Contact ids are interleaved with their companies' ids; sample real ones (first 20k) from the raw state.
    const sample = ((await control('GET', `/accounts/${portalId}/objects/contacts?offset=0&limit=20000`)) as { results: { id: string; properties: { email?: string } }[] }).results;
    const pick = (i: number) => sample[(i * 7919) % sample.length] ?? { id: String(first), properties: {} };

    const gets: number[] = [];
    const batches: number[] = [];
    const searches: number[] = [];
    const statuses = new Map<number, number>();
    const rest = paced(110, WINDOW_MS - 200, async (i) => {
      if (i % 2 === 0) {
        await timed(() => fetch(`${base}/crm/v3/objects/contacts/${pick(i).id}?properties=email,firstname`, { headers }), gets, statuses);
      } else {
        const inputs = Array.from({ length: 100 }, (_, k) => ({ id: pick(i * 100 + k).id }));
        await timed(() => fetch(`${base}/crm/v3/objects/contacts/batch/read`, { method: 'POST', headers, body: JSON.stringify({ inputs, properties: ['email'] }) }), batches, statuses);
      }
    });
    const search = paced(40, WINDOW_MS - 400, async (i) => {
      const body = i % 2 === 0
        ? { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: pick(i).properties.email }] }], limit: 10 }
        : { filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }], sorts: [{ propertyName: 'hs_object_id', direction: 'DESCENDING' }], limit: 100 };
      await timed(() => fetch(`${base}/crm/v3/objects/contacts/search`, { method: 'POST', headers, body: JSON.stringify(body) }), searches, statuses);
    });
    await Promise.all([rest, search]);
    const sort = (a: number[]) => [...a].sort((x, y) => x - y);
    const [g, b, s] = [sort(gets), sort(batches), sort(searches)];
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      'hubspot.seed.contacts': CONTACTS,
      'hubspot.seed.ms': Math.round(seedMs),
      'hubspot.get.p50_ms': round(percentile(g, 50)),
      'hubspot.get.p95_ms': round(percentile(g, 95)),
      'hubspot.batch_read_100.p50_ms': round(percentile(b, 50)),
      'hubspot.batch_read_100.p95_ms': round(percentile(b, 95)),
      'hubspot.search.p50_ms': round(percentile(s, 50)),
      'hubspot.search.p95_ms': round(percentile(s, 95)),
      'hubspot.requests': gets.length + batches.length + searches.length,
      'hubspot.responses_429': statuses.get(429) ?? 0,
      'hubspot.responses_non_2xx': [...statuses].filter(([code]) => code < 200 || code > 299).reduce((n, [, c]) => n + c, 0),
      'hubspot.rss_mb': Math.round(process.memoryUsage().rss / 1_048_576),
    };
  } finally {
    await sandbox.close();
  }
}

if (process.argv[1]?.endsWith('sandbox-hubspot.ts')) {
  benchHubSpotSandbox().then((r) => console.log(JSON.stringify(r, null, 2)), (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
