/**
 * kill -9 of the worker in the middle of a first sync: a worker *process* (`npm run worker`) is
 * SIGKILLed while the contacts' first sync is writing; pg-boss alone would keep that job active until
 * its expiry (15 minutes). A new worker process finishes the sync within 60 s of starting — the dead
 * worker's job is handed back by the job leases and resumes from its page checkpoint — with every
 * QuickBooks customer in HubSpot exactly once: no duplicate, nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envToVariables } from '../../../backend/src/env.ts';
import { seedCompany } from '../../../backend/sandbox/qbo/index.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { startServiceProcess, type ServiceProcess } from '../../helpers/service-process.ts';

const PORTAL = 59_100_001;
const REALM = '7910001';
/** Two QuickBooks pages (1000 rows each), so the kill lands in a pass with a checkpoint behind it or ahead of it. */
const CUSTOMERS = 1_600;

describe('a worker killed mid first sync', () => {
  let h: AppHarness;
  const workers: ServiceProcess[] = [];

  const startWorker = () => {
    const worker = startServiceProcess(['worker'], { ...envToVariables(h.ctx.env), LOG_LEVEL: 'info', WORKER_POLL_INTERVAL_SECONDS: '0.5', WORKER_CONCURRENCY: '2' });
    workers.push(worker);
    return worker;
  };
  const contactRecords = async () => {
    const [row] = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts' }).count<Array<{ n: string }>>('* as n');
    return Number(row?.n);
  };

  beforeAll(async () => {
    // No worker in this process: the worker processes below do the work.
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    seedCompany(h.qbo.state.company(REALM)!, { seed: 11, customers: CUSTOMERS, items: 0, invoices: 0, payments: 0 });
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await h.close();
  });

  it('a new worker finishes it within 60 s, every customer in HubSpot exactly once', async () => {
    const setup = await h.signedFetch('/api/v1/syncs/contacts', PORTAL, {
      method: 'PUT',
      body: { direction: 'qbo_to_hubspot', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] } },
    });
    expect(setup.status).toBe(200);

    const first = startWorker();
    await first.waitFor('worker started', 60_000);
    // Mid-sync: records are being written, the pass is not done.
    await eventually(async () => (await contactRecords()) > 0, 60_000);
    first.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const written = await contactRecords();
    const definition = await h.db.db('sync_definitions').where({ portal_id: PORTAL, object_type: 'contacts' }).first<{ backfill_completed_at: Date | null }>();
    expect(definition?.backfill_completed_at, 'the kill came after the first sync had finished: nothing was tested').toBeNull();
    expect(written).toBeLessThan(CUSTOMERS);
    // The killed worker's job is still "active" for pg-boss.
    const stuck = await h.db.db.raw<{ rows: Array<{ state: string }> }>(`select state from pgboss.job where name = 'sync.catch-up' and data->>'portalId' = ?`, [String(PORTAL)]);
    expect(stuck.rows.map((r) => r.state)).toContain('active');

    const restartedAt = Date.now();
    const second = startWorker();
    await eventually(async () => {
      const d = await h.db.db('sync_definitions').where({ portal_id: PORTAL, object_type: 'contacts' }).first<{ backfill_completed_at: Date | null }>();
      return d?.backfill_completed_at !== null && d?.backfill_completed_at !== undefined;
    }, 60_000);
    const tookMs = Date.now() - restartedAt;
    expect(tookMs).toBeLessThan(60_000);
    expect(second.output()).toContain('handed back to the queue');

    // Nothing lost: every customer linked and synced. No duplicate: one HubSpot contact per customer, one link per contact.
    const customers = [...h.qbo.state.company(REALM)!.collection('Customer').keys()];
    const records = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts' }).select<Array<{ qbo_id: string; hubspot_id: string | null; state: string }>>('qbo_id', 'hubspot_id', 'state');
    expect(records).toHaveLength(customers.length);
    expect(new Set(records.map((r) => r.qbo_id))).toEqual(new Set(customers));
    expect(records.filter((r) => r.state !== 'synced' || !r.hubspot_id)).toEqual([]);
    expect(new Set(records.map((r) => r.hubspot_id)).size).toBe(customers.length);
    const contacts = [...h.hubspot.state.account(PORTAL)!.collection('contacts').records.values()].filter((c) => !c.archived);
    expect(contacts).toHaveLength(customers.length);
    const qboIds = contacts.map((c) => c.properties.get('qbo_customer_id'));
    expect(new Set(qboIds)).toEqual(new Set(customers));
    console.info(`first sync resumed and finished ${tookMs} ms after the new worker started (${written} of ${CUSTOMERS} records written before the kill)`);
  }, 180_000);
});
