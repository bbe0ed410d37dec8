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

export interface ContactsBenchOptions {
  /** Contacts per side (BENCH_CONTACTS; default 10,000, the figure at the real limits). */
  perSide?: number;
  /** Both emulators' limits and our budgets times this (VENDOR_LIMITS_MULTIPLIER; 1 = the real limits). */
  limitsMultiplier?: number;
}

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
async function explainLostEdit(app: Awaited<ReturnType<typeof startBenchApp>>, PORTAL: number, REALM: string, hubspotId: string, qboId: string): Promise<void> {
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

type App = Awaited<ReturnType<typeof startBenchApp>>;

/** Calls by kind ("POST batch=62 GET query=11"), from the emulators' call logs: where the calls above the minimum go. */
async function callKinds(url: string): Promise<string> {
  const body = (await (await fetch(url)).json()) as { calls?: Array<{ method: string; path: string }>; results?: Array<{ method: string; path: string }> };
  const calls = body.calls ?? body.results ?? [];
  const kinds = new Map<string, number>();
  for (const c of calls) {
    const kind = `${c.method} ${c.path.replace(/\?.*$/, '').split('/').filter((part) => part && !/^\d+$/.test(part)).slice(-2).join('/')}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}=${n}`).join(' ');
}

/** Seed: n contacts (with companies) and n customers, half of them the same people by e-mail; install and connect. */
async function seedAndConnect(app: App, portal: number, realm: string, n: number, seed: number): Promise<void> {
  const { url, hubspot, qbo, apps } = app;
  await post(`${hubspot.baseUrl}/_sandbox/accounts`, { portalId: portal });
  await post(`${hubspot.baseUrl}/_sandbox/accounts/${portal}/seed`, { objectType: 'contacts', count: n, seed });
  await post(`${qbo.baseUrl}/_sandbox/companies`, { realmId: realm, companyName: `Bench Co ${portal}`, country: 'US' });
  await post(`${qbo.baseUrl}/_sandbox/companies/${realm}/seed`, { seed: seed + 1, customers: n });
  const contacts = [...hubspot.state.account(portal)!.collection('contacts').records.values()];
  const customers = [...qbo.state.company(realm)!.collection('Customer').values()];
  for (let i = 0; i < n / 2; i++) customers[i]!.PrimaryEmailAddr = { Address: contacts[i]!.properties.get('email') };
  await driveHubSpotInstall(`${url}/oauth/hubspot/install`, portal);
  const link = await hubspotSignedFetch(`${url}/api/v1/quickbooks/connect-link?portalId=${portal}`, { method: 'POST', body: {}, clientSecret: apps.hubspot.clientSecret, appId: apps.hubspot.appId });
  await driveQboConnect(((await link.json()) as { url: string }).url, realm);
  await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${portal}/calls`, { method: 'DELETE' });
  await fetch(`${qbo.baseUrl}/_sandbox/companies/${realm}/calls`, { method: 'DELETE' });
}

/** Two-way contacts sync with every contact in scope: its first sync starts at once. */
async function startContactsSync(app: App, portal: number): Promise<void> {
  const setup = await hubspotSignedFetch(`${app.url}/api/v1/syncs/contacts?portalId=${portal}`, {
    method: 'PUT',
    body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] } },
    clientSecret: app.apps.hubspot.clientSecret,
    appId: app.apps.hubspot.appId,
  });
  if (!setup.ok) throw new Error(await setup.text());
}

/**
 * One HubSpot phone edit of a linked contact, timed until QuickBooks has it. An edit that never arrives
 * is a lost change: the benchmark stops and prints where it went.
 */
async function timedEdit(app: App, portal: number, realm: string, row: { hubspot_id: string; qbo_id: string }, phone: string, phases?: EditPhases): Promise<number> {
  const t0 = performance.now();
  const startedAt = new Date();
  await fetch(`${app.hubspot.baseUrl}/_sandbox/accounts/${portal}/objects/contacts/${row.hubspot_id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ properties: { phone } }),
  });
  for (;;) {
    const customer = app.qbo.state.company(realm)!.get('Customer', row.qbo_id);
    if ((customer?.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber === phone) {
      const took = performance.now() - t0;
      if (phases) await phases.add(app, portal, row.hubspot_id, startedAt);
      return took;
    }
    if (performance.now() - t0 > 120_000) {
      await explainLostEdit(app, portal, realm, row.hubspot_id, row.qbo_id);
      throw new Error(`edit of contact ${row.hubspot_id} (account ${portal}) not synced within 120 s`);
    }
    await sleep(20);
  }
}

/**
 * Where an edit's time went, from our own tables: HubSpot's delivery (edit → webhook received), the
 * inbox (received → dispatched), the queue (dispatched → its record job started: debounce, step-asides,
 * waiting for a worker slot) and the job's run. p95 of each, so an unmet latency names its phase.
 */
class EditPhases {
  private readonly samples: Record<'delivery' | 'inbox' | 'queue' | 'job', number[]> = { delivery: [], inbox: [], queue: [], job: [] };

  async add(app: App, portal: number, hubspotId: string, editedAt: Date): Promise<void> {
    const db = app.service.ctx.db;
    const inbox = await db('webhook_inbox').where({ portal_id: portal }).whereRaw(`payload->>'objectId' = ?`, [hubspotId]).where('received_at', '>=', editedAt).orderBy('id').first<{ received_at: Date; processed_at: Date | null } | undefined>('received_at', 'processed_at');
    const jobs = await db.raw<{ rows: Array<{ started_on: Date | null; completed_on: Date | null }> }>(
      `select started_on, completed_on from pgboss.job where name = 'sync.record' and data->>'id' = ? and (data->>'portalId')::bigint = ? and created_on >= ? order by created_on`,
      [hubspotId, portal, editedAt],
    );
    if (!inbox?.processed_at) return;
    const ran = jobs.rows.filter((j) => j.started_on && j.completed_on);
    const last = ran[ran.length - 1];
    this.samples.delivery.push(inbox.received_at.getTime() - editedAt.getTime());
    this.samples.inbox.push(inbox.processed_at.getTime() - inbox.received_at.getTime());
    if (last) {
      this.samples.queue.push(last.started_on!.getTime() - inbox.processed_at.getTime());
      this.samples.job.push(last.completed_on!.getTime() - last.started_on!.getTime());
    }
  }

  /** "delivery=120 inbox=15 queue=300 job=250" (p95, ms). */
  p95(): string {
    return Object.entries(this.samples)
      .map(([phase, xs]) => `${phase}=${Math.round(percentile([...xs].sort((a, b) => a - b), 95))}`)
      .join(' ');
  }
}

const linkedRows = (app: App, portal: number, limit: number) =>
  app.service.ctx.db('sync_records').where({ portal_id: portal, state: 'synced' }).whereNotNull('qbo_id').orderBy('id').limit(limit).select<Array<{ hubspot_id: string; qbo_id: string }>>('hubspot_id', 'qbo_id');

/**
 * Exact end state of the first sync: no record linked twice on either side, and each side grew by
 * exactly the records created for the other side's unmatched ones (nothing lost, nothing duplicated).
 */
async function checkFirstSyncCounts(app: App, portal: number, realm: string, contacts: Set<string>, customers: Set<string>): Promise<void> {
  const rows = await app.service.ctx.db('sync_records').where({ portal_id: portal, object_type: 'contacts' }).select<Array<{ hubspot_id: string | null; qbo_id: string | null; state: string }>>('hubspot_id', 'qbo_id', 'state');
  const linked = rows.filter((r) => r.hubspot_id && r.qbo_id);
  const unique = (ids: Array<string | null>) => new Set(ids).size === ids.length;
  if (!unique(linked.map((r) => r.hubspot_id)) || !unique(linked.map((r) => r.qbo_id))) throw new Error('a contact or customer is linked twice');
  const contactsNow = app.hubspot.state.account(portal)!.collection('contacts').records.size;
  const customersNow = app.qbo.state.company(realm)!.collection('Customer').size;
  const createdInHubSpot = linked.filter((r) => !contacts.has(r.hubspot_id!)).length;
  const createdInQbo = linked.filter((r) => !customers.has(r.qbo_id!)).length;
  if (contactsNow !== contacts.size + createdInHubSpot) throw new Error(`HubSpot has ${contactsNow} contacts, expected ${contacts.size} + ${createdInHubSpot} created`);
  if (customersNow !== customers.size + createdInQbo) throw new Error(`QuickBooks has ${customersNow} customers, expected ${customers.size} + ${createdInQbo} created`);
}

/** The writes the first sync made, read off both emulators, and the fewest calls that can make them. */
function minimumFirstSyncCalls(app: App, portal: number, realm: string, contacts: Set<string>, customers: Set<string>, since: number) {
  const hsRecords = [...app.hubspot.state.account(portal)!.collection('contacts').records.values()];
  const qbRecords = [...app.qbo.state.company(realm)!.collection('Customer').values()];
  const hsCreated = hsRecords.filter((r) => !contacts.has(r.id)).length;
  const hsUpdated = hsRecords.filter((r) => contacts.has(r.id) && r.updatedAt >= since).length;
  const qbCreated = qbRecords.filter((r) => !customers.has(String(r.Id))).length;
  const qbUpdated = qbRecords.filter((r) => customers.has(String(r.Id)) && String(r.SyncToken) !== '0').length;
  const hundreds = (n: number) => Math.ceil(n / 100);
  const thirties = (n: number) => Math.ceil(n / 30);
  const terms = { setup: 2, hubspotList: hundreds(contacts.size), emailMatches: hundreds(customers.size), upserts: hundreds(hsCreated), updates: hundreds(hsUpdated), qboQueries: Math.floor(customers.size / 1000) + 1, qboCreates: thirties(qbCreated), qboUpdates: thirties(qbUpdated) };
  const qboBatches = terms.qboCreates + terms.qboUpdates;
  return {
    hubspot: terms.setup + terms.hubspotList + terms.emailMatches + terms.upserts + terms.updates,
    qbo: terms.qboQueries + qboBatches,
    qboBatches,
    terms: Object.entries(terms).map(([k, v]) => `${k}=${v}`).join(' '),
  };
}

const BACKFILL_EDITS = Number(process.env.BENCH_BACKFILL_EDITS ?? 50);

async function editsDuringBackfill(app: App, n: number): Promise<Record<string, number | string>> {
  const portal = PORTAL + 1;
  const realm = String(Number(REALM) + 1);
  await seedAndConnect(app, portal, realm, n, 21);
  await startContactsSync(app, portal);
  const backfillDone = async () => Boolean(await app.service.ctx.db('sync_runs').where({ portal_id: portal, trigger: 'first_sync' }).whereIn('status', ['succeeded', 'failed']).first());
  // Its own edits need records the backfill has already linked.
  while ((await linkedRows(app, portal, BACKFILL_EDITS)).length < BACKFILL_EDITS) {
    if (await backfillDone()) throw new Error('the second backfill ended before the edits could start; raise BENCH_CONTACTS');
    await sleep(500);
  }
  const other: number[] = [];
  const own: number[] = [];
  const otherPhases = new EditPhases();
  const ownPhases = new EditPhases();
  const otherRows = (await linkedRows(app, PORTAL, EDITS + BACKFILL_EDITS)).slice(EDITS);
  const ownRows = await linkedRows(app, portal, BACKFILL_EDITS);
  for (let i = 0; i < BACKFILL_EDITS; i++) {
    other.push(await timedEdit(app, PORTAL, REALM, otherRows[i]!, `555-${String(8000 + i).padStart(4, '0')}`, otherPhases));
    own.push(await timedEdit(app, portal, realm, ownRows[i]!, `555-${String(9000 + i).padStart(4, '0')}`, ownPhases));
  }
  const stillRunning = !(await backfillDone());
  other.sort((a, b) => a - b);
  own.sort((a, b) => a - b);
  return {
    backfill_edits: BACKFILL_EDITS,
    backfill_still_running_after_edits: stillRunning ? 1 : 0,
    edit_during_other_backfill_p50_ms: Math.round(percentile(other, 50)),
    edit_during_other_backfill_p95_ms: Math.round(percentile(other, 95)),
    edit_during_own_backfill_p50_ms: Math.round(percentile(own, 50)),
    edit_during_own_backfill_p95_ms: Math.round(percentile(own, 95)),
    edit_during_other_backfill_phases_p95_ms: otherPhases.p95(),
    edit_during_own_backfill_phases_p95_ms: ownPhases.p95(),
  };
}

export async function benchContactsSync(options: ContactsBenchOptions = {}): Promise<Record<string, number | string>> {
  const N = options.perSide ?? Number(process.env.BENCH_CONTACTS ?? 10_000);
  const m = options.limitsMultiplier ?? Number(process.env.BENCH_LIMITS_MULTIPLIER ?? 1);
  const rss = trackPeakRss();
  const app = await startBenchApp(undefined, { limitsMultiplier: m });
  const { service, hubspot, qbo } = app;
  try {
    await seedAndConnect(app, PORTAL, REALM, N, 11);
    const originalContacts = new Set(hubspot.state.account(PORTAL)!.collection('contacts').records.keys());
    const originalCustomers = new Set(qbo.state.company(REALM)!.collection('Customer').keys());

    const started = performance.now();
    const syncStartedAt = Date.now();
    await startContactsSync(app, PORTAL);
    for (;;) {
      const run = await service.ctx.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync' }).whereIn('status', ['succeeded', 'failed']).first();
      if (run) break;
      await sleep(500);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const hubspotCalls = Number(((await (await fetch(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`)).json()) as { total: number }).total);
    const qboCalls = Number(((await (await fetch(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`)).json()) as { count: number }).count);
    const hubspotCallKinds = await callKinds(`${hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/calls`);
    const qboCallKinds = await callKinds(`${qbo.baseUrl}/_sandbox/companies/${REALM}/calls`);
    const parties = N + N / 2; // N contacts + the N/2 customers no contact shares
    const states = await service.ctx.db('sync_records').where({ portal_id: PORTAL }).groupBy('state').select('state').count('* as n');
    await checkFirstSyncCounts(app, PORTAL, REALM, originalContacts, originalCustomers);

    // Fewest calls the batch sizes allow for the writes this first sync had to make (counted from the
    // emulators' end state): both sides listed in pages, QuickBooks customers matched by e-mail in
    // HubSpot batch reads, every create and update in full batches (HubSpot 100, QuickBooks 30).
    const minimum = minimumFirstSyncCalls(app, PORTAL, REALM, originalContacts, originalCustomers, syncStartedAt);
    const minHubSpot = minimum.hubspot;
    const minQbo = minimum.qbo;
    // At the vendors' own limits (HubSpot 110 per 10 s, QuickBooks 40 batches and 500 calls a minute), times m.
    const rateBoundSeconds = Math.max(minHubSpot / 11, minimum.qboBatches * 1.5 + (minimum.qbo - minimum.qboBatches) * 0.12) / m;

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
    const editPhases = new EditPhases();
    for (const [i, row] of (await linkedRows(app, PORTAL, EDITS)).entries()) latencies.push(await timedEdit(app, PORTAL, REALM, row, `555-${String(7000 + i).padStart(4, '0')}`, editPhases));
    latencies.sort((a, b) => a - b);

    // Fairness: single edits while a second account's 10k backfill runs (another tenant's) and while
    // that account's own backfill runs (its already-linked records).
    const backfill = await editsDuringBackfill(app, N);
    return {
      contacts_per_side: N,
      limits_multiplier: m,
      parties,
      first_sync_wall_s: Math.round(wallSeconds),
      records_per_s: Math.round((parties / wallSeconds) * 10) / 10,
      hubspot_calls: hubspotCalls,
      qbo_calls: qboCalls,
      hubspot_calls_per_record: Math.round((hubspotCalls / parties) * 100) / 100,
      qbo_calls_per_record: Math.round((qboCalls / parties) * 100) / 100,
      hubspot_call_kinds: hubspotCallKinds,
      qbo_call_kinds: qboCallKinds,
      min_hubspot_calls_batched: minHubSpot,
      min_qbo_calls_batched: minQbo,
      min_calls_terms: minimum.terms,
      rate_limit_bound_s_batched: Math.round(rateBoundSeconds),
      record_states: states.map((s) => `${String(s.state)}=${String(s.n)}`).join(' '),
      echo_record_jobs: echoJobs.rows[0]!.n,
      echo_drain_s: Math.round(echoDrainSeconds),
      echo_hubspot_calls: hubspotAfter! - hubspotBefore!,
      echo_qbo_calls: qboAfter! - qboBefore!,
      edits: latencies.length,
      webhook_to_write_p50_ms: Math.round(percentile(latencies, 50)),
      webhook_to_write_p95_ms: Math.round(percentile(latencies, 95)),
      webhook_to_write_phases_p95_ms: editPhases.p95(),
      ...backfill,
      peak_rss_mb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    await app.stop();
  }
}
