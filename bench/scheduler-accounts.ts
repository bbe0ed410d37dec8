/**
 * The scheduler's own cost at many installed accounts: installs BENCH_ACCOUNTS (default 1,000) small
 * accounts through the real OAuth code paths (HubSpot install, QuickBooks connect), turns on the four
 * recommended syncs of each, lets their first syncs finish, then measures
 * - one scheduler tick when nothing is due (the every-minute query over all sync definitions), and the
 *   tick that finds every definition due (it enqueues one catch-up per definition);
 * - how fast the worker drains a full round of idle catch-ups (every account's four syncs at once), which
 *   says how many accounts one worker process keeps on their 5-minute schedule;
 * - vendor calls per idle round, per account.
 * Correctness: every account ends with its contacts linked exactly once, an idle round writes nothing.
 * Emulators, service and database share this one process, so CPU figures include the emulators'.
 */
import { startBenchApp } from './bench-app.ts';
import { hubspotSignedFetch } from '../backend/sandbox/hubspot/signed-fetch.ts';
import { driveHubSpotInstall, driveQboConnect } from '../backend/sandbox/demo/consent-driver.ts';
import { syncScheduleJob } from '../backend/src/jobs/handlers/sync-schedule.ts';
import { CATCH_UP_INTERVAL_MS } from '../backend/src/sync/engine/catch-up.ts';
import type { ObjectType } from '../backend/src/sync/types.ts';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000);
const CONTACTS_PER_ACCOUNT = 3;
const OBJECTS: ObjectType[] = ['contacts', 'products', 'invoices', 'payments'];
const FIRST_PORTAL = 6_400_001;
const FIRST_REALM = 9_640_001;
/** Parallel OAuth hand-offs / setup requests, as many people installing at once. */
const PARALLEL = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
}

/** Runs `task` for 0..count-1, `PARALLEL` at a time. */
async function inParallel(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < count; i = next++) await task(i);
    }),
  );
}

export async function benchSchedulerAccounts(): Promise<Record<string, number | string>> {
  const app = await startBenchApp();
  const { url, service, hubspot, qbo, apps } = app;
  const db = service.ctx.db;
  const portalOf = (i: number) => FIRST_PORTAL + i;
  const realmOf = (i: number) => String(FIRST_REALM + i);
  const signed = (path: string, body: unknown) => hubspotSignedFetch(`${url}${path}`, { method: 'POST', body, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
  const queueBusy = async () =>
    (await db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where name in ('sync.catch-up', 'sync.record', 'webhooks.process', 'sync.invoice-contacts') and state in ('created', 'retry', 'active')`)).rows[0]!.n;
  const vendorCalls = () => {
    let hs = 0;
    let qb = 0;
    for (let i = 0; i < ACCOUNTS; i++) {
      hs += hubspot.state.callLog.count(String(portalOf(i)));
      qb += qbo.services.callLog.count(realmOf(i));
    }
    return { hs, qb };
  };
  try {
    const installStarted = performance.now();
    await inParallel(ACCOUNTS, async (i) => {
      await post(`${hubspot.baseUrl}/_sandbox/accounts`, { portalId: portalOf(i) });
      await post(`${hubspot.baseUrl}/_sandbox/accounts/${portalOf(i)}/seed`, { objectType: 'contacts', count: CONTACTS_PER_ACCOUNT, seed: i });
      await post(`${qbo.baseUrl}/_sandbox/companies`, { realmId: realmOf(i), companyName: `Small Co ${i}`, country: 'US' });
      const installed = await driveHubSpotInstall(`${url}/oauth/hubspot/install`, portalOf(i));
      if (installed.status >= 400) throw new Error(`install of ${portalOf(i)}: ${installed.status} ${installed.body.slice(0, 200)}`);
      const link = await signed(`/api/v1/quickbooks/connect-link?portalId=${portalOf(i)}`, {});
      if (!link.ok) throw new Error(`connect link of ${portalOf(i)}: ${link.status} ${await link.text()}`);
      const connected = await driveQboConnect(((await link.json()) as { url: string }).url, realmOf(i));
      if (connected.status >= 400) throw new Error(`connect of ${portalOf(i)}: ${connected.status} ${connected.body.slice(0, 200)}`);
    });
    const installSeconds = (performance.now() - installStarted) / 1000;

    const firstSyncsStarted = performance.now();
    await inParallel(ACCOUNTS, async (i) => {
      for (const objectType of OBJECTS) {
        const res = await signed(`/api/v1/syncs/${objectType}/recommended?portalId=${portalOf(i)}`, {});
        if (!res.ok) throw new Error(`recommended ${objectType} for ${portalOf(i)}: ${res.status} ${await res.text()}`);
      }
    });
    // Once every first sync is done the queue must drain; if the schedule refills it faster than the
    // worker empties it, the worker cannot keep this many accounts on schedule: that is the figure.
    let allDoneAt: number | undefined;
    for (;;) {
      const done = await db('sync_definitions').where('portal_id', '>=', FIRST_PORTAL).whereNotNull('backfill_completed_at').count<{ n: string }[]>('* as n');
      const busy = await queueBusy();
      if (Number(done[0]!.n) === ACCOUNTS * OBJECTS.length) {
        if (busy === 0) break;
        allDoneAt ??= Date.now();
        if (Date.now() - allDoneAt > 5 * 60_000) {
          throw new Error(`one worker (WORKER_CONCURRENCY ${String(service.ctx.env.WORKER_CONCURRENCY)}) cannot keep ${ACCOUNTS} accounts on the ${CATCH_UP_INTERVAL_MS / 60_000}-minute schedule: ${busy} passes still queued 5 minutes after the first syncs`);
        }
      }
      await sleep(1_000);
    }
    const firstSyncsSeconds = (performance.now() - firstSyncsStarted) / 1000;
    const linked = await db('sync_records').where('portal_id', '>=', FIRST_PORTAL).where({ object_type: 'contacts', state: 'synced' }).countDistinct<{ n: string }[]>({ n: 'qbo_id' });
    const records = await db('sync_records').where('portal_id', '>=', FIRST_PORTAL).where({ object_type: 'contacts' }).count<{ n: string }[]>('* as n');
    // R9's recommended contacts filter lets no lead through, so contacts only link where QuickBooks
    // sends customers; these companies have none: every contact stays unlinked, never duplicated.
    const duplicates = await db.raw<{ rows: Array<{ n: number }> }>(
      `select count(*)::int as n from (select portal_id, qbo_id from sync_records where portal_id >= ? and qbo_id is not null group by 1, 2, object_type having count(*) > 1) d`,
      [FIRST_PORTAL],
    );
    if (duplicates.rows[0]!.n !== 0) throw new Error(`${duplicates.rows[0]!.n} QuickBooks records linked twice`);

    // A scheduler tick with nothing due: the every-minute cost at rest.
    const idleTicks: number[] = [];
    for (let t = 0; t < 10; t++) {
      const t0 = performance.now();
      await syncScheduleJob.handle(service.ctx, {});
      idleTicks.push(performance.now() - t0);
    }
    if ((await queueBusy()) !== 0) throw new Error('a tick with nothing due enqueued passes');

    // A full idle round: every definition due at once (the worst minute of a 5-minute schedule).
    const activityBefore = await db('sync_activity').where('portal_id', '>=', FIRST_PORTAL).count<{ n: string }[]>('* as n');
    await db('sync_definitions').where('portal_id', '>=', FIRST_PORTAL).update({ next_sync_at: new Date(Date.now() - 1_000) });
    const callsBefore = vendorCalls();
    const cpu0 = process.cpuUsage();
    const roundStarted = performance.now();
    await syncScheduleJob.handle(service.ctx, {});
    const dueTickMs = performance.now() - roundStarted;
    const enqueued = await db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where name = 'sync.catch-up' and state in ('created', 'retry', 'active')`);
    service.ctx.queue.notify('sync.catch-up');
    while ((await queueBusy()) > 0) await sleep(250);
    const roundSeconds = (performance.now() - roundStarted) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const callsAfter = vendorCalls();
    const activityAfter = await db('sync_activity').where('portal_id', '>=', FIRST_PORTAL).count<{ n: string }[]>('* as n');
    const idleWrites = Number(activityAfter[0]!.n) - Number(activityBefore[0]!.n);
    if (idleWrites !== 0) throw new Error(`an idle round recorded ${idleWrites} activities; idle must write nothing`);

    const passes = ACCOUNTS * OBJECTS.length;
    const passesPerSecond = passes / roundSeconds;
    const perHour = 3_600_000 / CATCH_UP_INTERVAL_MS;
    return {
      accounts: ACCOUNTS,
      sync_definitions: passes,
      install_and_connect_s: Math.round(installSeconds),
      first_syncs_s: Math.round(firstSyncsSeconds),
      contact_records: Number(records[0]!.n),
      contacts_linked: Number(linked[0]!.n),
      duplicate_links: duplicates.rows[0]!.n,
      schedule_tick_nothing_due_ms_p50: Math.round(median(idleTicks)),
      schedule_tick_all_due_ms: Math.round(dueTickMs),
      passes_enqueued_by_tick: enqueued.rows[0]!.n,
      idle_round_s: Math.round(roundSeconds * 10) / 10,
      idle_passes_per_s: Math.round(passesPerSecond * 10) / 10,
      cpu_ms_per_idle_pass: Math.round(((cpu.user + cpu.system) / 1000 / passes) * 10) / 10,
      // One worker process keeps this many accounts on their schedule (4 passes each per interval).
      accounts_per_worker_at_5_min: Math.floor((passesPerSecond * CATCH_UP_INTERVAL_MS) / 1000 / OBJECTS.length),
      hubspot_calls_per_account_hour: Math.round(((callsAfter.hs - callsBefore.hs) / ACCOUNTS) * perHour),
      qbo_calls_per_account_hour: Math.round(((callsAfter.qb - callsBefore.qb) / ACCOUNTS) * perHour),
      idle_writes: idleWrites,
    };
  } finally {
    await app.stop();
  }
}
