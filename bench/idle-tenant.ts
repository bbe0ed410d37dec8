/**
 * What an idle account costs: a small demo-sized account with all four syncs on their recommended
 * settings, first syncs done and echoes drained, then catch-up cycles with nothing changing on either
 * side. Reports vendor calls per cycle and per hour (a cycle runs every CATCH_UP_INTERVAL_MS), and our
 * own CPU time per cycle. Correctness check: an idle cycle writes nothing (no create, update or failure).
 */
import { startBenchApp } from './bench-app.ts';
import { hubspotSignedFetch } from '../backend/sandbox/hubspot/signed-fetch.ts';
import { driveHubSpotInstall, driveQboConnect } from '../backend/sandbox/demo/consent-driver.ts';
import { loadSession } from '../backend/src/sync/engine/session.ts';
import { runSyncPass, CATCH_UP_INTERVAL_MS } from '../backend/src/sync/engine/catch-up.ts';
import { adapterFor } from '../backend/src/sync/objects/index.ts';
import type { ObjectType } from '../backend/src/sync/types.ts';

const PORTAL = 6_300_001;
const REALM = '9630001';
const CYCLES = Number(process.env.BENCH_IDLE_CYCLES ?? 5);
const OBJECTS: ObjectType[] = ['contacts', 'products', 'invoices', 'payments'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
}

export async function benchIdleTenant(): Promise<Record<string, number | string>> {
  const app = await startBenchApp();
  const { url, service, hubspot, qbo, apps } = app;
  const db = service.ctx.db;
  const calls = async () => [
    Number(((await (await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`)).json()) as { total: number }).total),
    Number(((await (await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`)).json()) as { count: number }).count),
  ];
  try {
    await post(`${hubspot.baseUrl}/_sandbox/accounts`, { portalId: PORTAL });
    await post(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/seed`, { objectType: 'contacts', count: 100, seed: 31 });
    await post(`${qbo.baseUrl}/_sandbox/companies`, { realmId: REALM, companyName: 'Idle Co', country: 'US' });
    await post(`${qbo.baseUrl}/_sandbox/companies/${REALM}/seed`, { seed: 32, customers: 100, items: 20, invoices: 40, payments: 20 });
    await driveHubSpotInstall(`${url}/oauth/hubspot/install`, PORTAL);
    const link = await hubspotSignedFetch(`${url}/api/v1/quickbooks/connect-link?portalId=${PORTAL}`, { method: 'POST', body: {}, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
    await driveQboConnect(((await link.json()) as { url: string }).url, REALM);
    for (const objectType of OBJECTS) {
      const res = await hubspotSignedFetch(`${url}/api/v1/syncs/${objectType}/recommended?portalId=${PORTAL}`, { method: 'POST', body: {}, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
      if (!res.ok) throw new Error(`recommended ${objectType}: ${res.status} ${await res.text()}`);
    }
    // First syncs done, echoes drained, and the schedule's own catch-ups out of the way.
    for (;;) {
      const done = await db('sync_definitions').where({ portal_id: PORTAL }).whereNotNull('backfill_completed_at').count<{ n: string }[]>('* as n');
      const busy = await db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and name like 'sync.%' or (name = 'webhooks.process' and state in ('created', 'retry', 'active'))`);
      if (Number(done[0]!.n) === OBJECTS.length && busy.rows[0]!.n === 0) break;
      await sleep(500);
    }
    const activityBefore = await db('sync_activity').where({ portal_id: PORTAL }).count<{ n: string }[]>('* as n');
    const [hs0, qb0] = await calls();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      for (const objectType of OBJECTS) {
        const loaded = await loadSession(service.ctx, PORTAL, objectType);
        if (!loaded.ok) throw new Error(loaded.reason);
        await runSyncPass(loaded.session, adapterFor(objectType)!, 'schedule');
      }
    }
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const [hs1, qb1] = await calls();
    const activityAfter = await db('sync_activity').where({ portal_id: PORTAL }).count<{ n: string }[]>('* as n');
    const writes = Number(activityAfter[0]!.n) - Number(activityBefore[0]!.n);
    if (writes !== 0) throw new Error(`an idle catch-up recorded ${writes} activities (writes or failures); idle must cost no writes`);
    const perHour = 3_600_000 / CATCH_UP_INTERVAL_MS;
    const hubspotPerCycle = (hs1! - hs0!) / CYCLES;
    const qboPerCycle = (qb1! - qb0!) / CYCLES;
    return {
      objects: OBJECTS.join(','),
      cycles: CYCLES,
      hubspot_calls_per_cycle: hubspotPerCycle,
      qbo_calls_per_cycle: qboPerCycle,
      hubspot_calls_per_hour: Math.round(hubspotPerCycle * perHour),
      qbo_calls_per_hour: Math.round(qboPerCycle * perHour),
      idle_writes: writes,
      cycle_wall_ms: Math.round(wallMs / CYCLES),
      cycle_cpu_ms: Math.round((cpu.user + cpu.system) / 1000 / CYCLES),
    };
  } finally {
    await app.stop();
  }
}
