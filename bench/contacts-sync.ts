/**
 * Contacts ⇄ Customers benchmark, with the emulators' real rate limits on: seeds N customers in QBO
 * and N contacts in HubSpot (half of them the same people, by e-mail), runs the first two-way sync,
 * then times 200 single edits from HubSpot's webhook to the QBO write. N: BENCH_CONTACTS (default
 * 10,000, the issue's figure; about 20 minutes in all on 2 cores).
 * Emulators, service and database run in this one process, so memory covers all three.
 */
import { startBenchApp, trackPeakRss } from './bench-app.ts';
import { hubspotSignedFetch } from '../backend/sandbox/hubspot/signed-fetch.ts';
import { driveHubSpotInstall, driveQboConnect } from '../backend/sandbox/demo/consent-driver.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const N = Number(process.env.BENCH_CONTACTS ?? 10_000);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);
const PORTAL = 6_100_001;
const REALM = '9610001';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A lost edit is a bug before it is a figure: print everything that could say where it went. */
async function explainLostEdit(app: Awaited<ReturnType<typeof startBenchApp>>, hubspotId: string, qboId: string): Promise<void> {
  const db = app.service.ctx.db;
  const out = (label: string, value: unknown) => process.stderr.write(`[lost edit] ${label}: ${JSON.stringify(value)}\n`);
  out('sync record', await db('sync_records').where({ portal_id: PORTAL, hubspot_id: hubspotId }).first());
  out('activity', await db('sync_activity').where({ portal_id: PORTAL }).whereIn('record_id', db('sync_records').select('id').where({ portal_id: PORTAL, hubspot_id: hubspotId })).orderBy('id'));
  out('inbox', await db('webhook_inbox').where({ portal_id: PORTAL }).whereRaw(`payload->>'objectId' = ?`, [hubspotId]).select('id', 'received_at', 'processed_at', 'error', 'payload'));
  out('jobs', (await db.raw(`select name, state, retry_count, created_on, started_on, completed_on, output from pgboss.job where data->>'id' = ? order by created_on`, [hubspotId])).rows);
  out('job states', (await db.raw(`select name, state, count(*)::int as n from pgboss.job group by 1, 2 order by 1, 2`)).rows);
  out('deliveries (last 20)', app.hubspot.webhooks.deliveries.slice(-20));
  out('customer', app.qbo.state.company(REALM)!.get('Customer', qboId));
  out('contact', [...(app.hubspot.state.account(PORTAL)!.collection('contacts').records.get(hubspotId)?.properties ?? [])]);
}

export async function benchContactsSync(): Promise<Record<string, number | string>> {
  const rss = trackPeakRss();
  const app = await startBenchApp();
  const { url, service, hubspot, qbo, apps } = app;
  try {
    // Seed: N contacts (with companies) and N customers; half the customers get contacts' e-mails.
    await post(`${hubspot.baseUrl}/_sandbox/accounts`, { portalId: PORTAL });
    await post(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/seed`, { objectType: 'contacts', count: N, seed: 11 });
    await post(`${qbo.baseUrl}/_sandbox/companies`, { realmId: REALM, companyName: 'Bench Co', country: 'US' });
    await post(`${qbo.baseUrl}/_sandbox/companies/${REALM}/seed`, { seed: 12, customers: N });
    const contacts = [...hubspot.state.account(PORTAL)!.collection('contacts').records.values()];
    const customers = [...qbo.state.company(REALM)!.collection('Customer').values()];
    for (let i = 0; i < N / 2; i++) customers[i]!.PrimaryEmailAddr = { Address: contacts[i]!.properties.get('email') };

    await driveHubSpotInstall(`${url}/oauth/hubspot/install`, PORTAL);
    const link = await hubspotSignedFetch(`${url}/api/v1/quickbooks/connect-link?portalId=${PORTAL}`, { method: 'POST', body: {}, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
    await driveQboConnect(((await link.json()) as { url: string }).url, REALM);
    await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`, { method: 'DELETE' });
    await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`, { method: 'DELETE' });

    const started = performance.now();
    const setup = await hubspotSignedFetch(`${url}/api/v1/syncs/contacts?portalId=${PORTAL}`, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] } },
      clientSecret: apps.hubspot.clientSecret,
      appId: apps.hubspot.appId,
    });
    if (!setup.ok) throw new Error(await setup.text());
    for (;;) {
      const run = await service.ctx.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync' }).whereIn('status', ['succeeded', 'failed']).first();
      if (run) break;
      await sleep(500);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const hubspotCalls = Number(((await (await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`)).json()) as { total: number }).total);
    const qboCalls = Number(((await (await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`)).json()) as { count: number }).count);
    const parties = N + N / 2; // N contacts + the N/2 customers no contact shares
    const states = await service.ctx.db('sync_records').where({ portal_id: PORTAL }).groupBy('state').select('state').count('* as n');

    // Fewest calls batching allows: read both sides in pages, create each missing party in batches.
    const minHubSpot = Math.ceil(N / 100) + Math.ceil(N / 2 / 100) + Math.ceil(N / 100); // list, batch upsert, batch match by e-mail
    const minQbo = Math.ceil(N / 1000) + Math.ceil(N / 2 / 30); // query pages, batch creates
    const rateBoundSeconds = Math.max(minHubSpot / 10, (Math.ceil(N / 2 / 30) / 35) * 60);

    // Let the first sync's own echoes drain, so the edits measure the webhook path alone; how long that
    // takes and what it costs is a figure of its own (echoes should cost ~0 calls and drain in < 1 min).
    const drainStarted = performance.now();
    const callsAt = async () => [
      Number(((await (await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`)).json()) as { total: number }).total),
      Number(((await (await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`)).json()) as { count: number }).count),
    ];
    const [hubspotBefore, qboBefore] = await callsAt();
    const firstSyncEnded = await service.ctx.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync' }).max('finished_at as at').first();
    for (;;) {
      const busy = await service.ctx.db.raw<{ rows: Array<{ n: number }> }>(
        `select count(*)::int as n from pgboss.job where name in ('sync.record', 'sync.records', 'sync.catch-up', 'webhooks.process') and state in ('created', 'retry', 'active')`,
      );
      if (busy.rows[0]!.n === 0) break;
      await sleep(500);
    }
    const echoDrainSeconds = (performance.now() - drainStarted) / 1000;
    const [hubspotAfter, qboAfter] = await callsAt();
    const echoJobs = await service.ctx.db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where name = 'sync.record' and created_on > ?`, [firstSyncEnded?.at ?? new Date(0)]);
    // 200 single edits: HubSpot change → webhook → QBO write.
    const latencies: number[] = [];
    const linked = await service.ctx.db('sync_records').where({ portal_id: PORTAL, state: 'synced' }).whereNotNull('qbo_id').limit(EDITS).select('hubspot_id', 'qbo_id');
    for (const [i, row] of linked.entries()) {
      const phone = `555-${String(7000 + i).padStart(4, '0')}`;
      const t0 = performance.now();
      await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/objects/contacts/${row.hubspot_id as string}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { phone } }),
      });
      for (;;) {
        const customer = qbo.state.company(REALM)!.get('Customer', row.qbo_id as string);
        if ((customer?.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber === phone) break;
        if (performance.now() - t0 > 120_000) {
          await explainLostEdit(app, row.hubspot_id as string, row.qbo_id as string);
          throw new Error(`edit of contact ${row.hubspot_id as string} not synced within 120 s`);
        }
        await sleep(20);
      }
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    return {
      contacts_per_side: N,
      parties,
      first_sync_wall_s: Math.round(wallSeconds),
      records_per_s: Math.round((parties / wallSeconds) * 10) / 10,
      hubspot_calls: hubspotCalls,
      qbo_calls: qboCalls,
      hubspot_calls_per_record: Math.round((hubspotCalls / parties) * 100) / 100,
      qbo_calls_per_record: Math.round((qboCalls / parties) * 100) / 100,
      min_hubspot_calls_batched: minHubSpot,
      min_qbo_calls_batched: minQbo,
      rate_limit_bound_s_batched: Math.round(rateBoundSeconds),
      record_states: states.map((s) => `${String(s.state)}=${String(s.n)}`).join(' '),
      echo_record_jobs: echoJobs.rows[0]!.n,
      echo_drain_s: Math.round(echoDrainSeconds),
      echo_hubspot_calls: hubspotAfter! - hubspotBefore!,
      echo_qbo_calls: qboAfter! - qboBefore!,
      edits: latencies.length,
      webhook_to_write_p50_ms: Math.round(percentile(latencies, 50)),
      webhook_to_write_p95_ms: Math.round(percentile(latencies, 95)),
      peak_rss_mb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    await app.stop();
  }
}
