/**
 * No duplicates and nothing lost under what production does to us: duplicated and reordered
 * webhooks, 429 bursts and 5xx from both vendors, two workers on one account, and a lost webhook
 * found again by "Sync now".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { customerEmail, settled } from '../../helpers/sync-state.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { startService, type RunningService } from '../../../backend/src/service.ts';
import { capturingLogger } from '../../helpers/logs.ts';

const PORTAL = 59_000_001;
const REALM = '7900001';
const email = customerEmail;

describe('contacts sync under faults', () => {
  let h: AppHarness;
  let secondWorker: RunningService;
  let hs: ReturnType<typeof hubspotUser>;
  let qb: Awaited<ReturnType<typeof qboUser>>;

  beforeAll(async () => {
    h = await startAppHarness({ WORKER_CONCURRENCY: '3' });
    secondWorker = await startService('worker', h.ctx.env, capturingLogger('silent').logger);
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    hs = hubspotUser(h, PORTAL);
    qb = await qboUser(h, REALM);
    const res = await h.signedFetch('/api/v1/syncs/contacts', PORTAL, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] } },
    });
    expect(res.status).toBe(200);
    await eventually(async () => (await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' })).length > 0, 30_000);
  }, 90_000);
  afterAll(async () => {
    await secondWorker?.stop();
    await h.close();
  });

  it('duplicated and reordered webhooks, 429 bursts and 5xx on both sides, two workers: every party exactly once on each side', async () => {
    const faults = { seed: 7, serverErrorRate: 0.15, webhookDuplicateRate: 0.5, webhookReorder: true };
    // Each forced HubSpot 429 costs a 10 s back-off of the shared budget; QuickBooks asks for a full minute, so its 429 handling is
    // covered by the client's own tests (test/integration/vendors) rather than slowing this one down.
    await hs.faults({ ...faults, throttleBurst: 2 });
    await qb.faults(faults);
    const emails: string[] = [];
    for (let i = 0; i < 8; i++) {
      emails.push(`hs${i}@storm.test`);
      await hs.create('contacts', { email: `hs${i}@storm.test`, firstname: `Hs${i}`, lastname: 'Storm' });
    }
    for (let i = 0; i < 8; i++) {
      emails.push(`qb${i}@storm.test`);
      await qb.create('Customer', { DisplayName: `Qb ${i} Storm`, GivenName: `Qb${i}`, PrimaryEmailAddr: { Address: `qb${i}@storm.test` } });
    }
    // the same person created on both sides at once
    emails.push('both@storm.test');
    await hs.create('contacts', { email: 'both@storm.test', firstname: 'Both' });
    await qb.create('Customer', { DisplayName: 'Both Storm', PrimaryEmailAddr: { Address: 'both@storm.test' } });

    await eventually(async () => {
      const customers = new Set((await qb.all('Customer')).map(email));
      const contacts = new Set((await hs.all('contacts')).map((c) => c.properties.email));
      return emails.every((e) => customers.has(e) && contacts.has(e)) && (await settled(h));
    }, 90_000);
    await hs.faults({ seed: 1 });
    await qb.faults({ seed: 1 });

    const customers = (await qb.all('Customer')).map(email);
    const contacts = (await hs.all('contacts')).map((c) => c.properties.email);
    for (const e of emails) {
      expect(customers.filter((x) => x === e), e).toHaveLength(1);
      expect(contacts.filter((x) => x === e), e).toHaveLength(1);
    }
    const records = await h.db.db('sync_records').where({ portal_id: PORTAL }).whereIn('email', emails);
    expect(records).toHaveLength(emails.length);
    expect(records.every((r: { state: string }) => r.state === 'synced')).toBe(true);
  }, 120_000);

  it('a lost webhook: the change is found by the catch-up ("Sync now")', async () => {
    await hs.faults({ seed: 3, webhookDropRate: 1 });
    const target = (await hs.all('contacts')).find((c) => c.properties.email === 'hs0@storm.test')!;
    await hs.update('contacts', target.id, { lastname: 'Recovered' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await qb.all('Customer')).find((c) => email(c) === 'hs0@storm.test')?.FamilyName).not.toBe('Recovered');
    // The person clicks "Sync now" once HubSpot's search has indexed the edit (5 s lag in the emulator).
    await hs.searchIndexed();
    const now = await h.signedFetch('/api/v1/syncs/contacts/sync-now', PORTAL, { method: 'POST', body: {} });
    expect(now.status).toBe(202);
    await eventually(async () => (await qb.all('Customer')).find((c) => email(c) === 'hs0@storm.test')?.FamilyName === 'Recovered');
    await hs.faults({ seed: 1 });
  });

  it('disable stops the work, keeps links; enable resumes', async () => {
    const off = await h.signedFetch('/api/v1/syncs/contacts/disable', PORTAL, { method: 'POST', body: {} });
    expect(((await off.json()) as { status: string }).status).toBe('disabled');
    const target = (await hs.all('contacts')).find((c) => c.properties.email === 'hs1@storm.test')!;
    await hs.update('contacts', target.id, { lastname: 'WhileDisabled' });
    await eventually(async () => settled(h));
    expect((await qb.all('Customer')).find((c) => email(c) === 'hs1@storm.test')?.FamilyName).toBe('Storm');
    const linked = await h.db.db('sync_records').where({ portal_id: PORTAL, hubspot_id: target.id }).first<{ qbo_id: string }>();
    expect(linked?.qbo_id).toBeTruthy();
    await hs.searchIndexed(); // time passes while the sync is off: search has indexed the edit
    const on = await h.signedFetch('/api/v1/syncs/contacts/enable', PORTAL, { method: 'POST', body: {} });
    expect(on.status).toBe(200);
    await eventually(async () => (await qb.all('Customer')).find((c) => email(c) === 'hs1@storm.test')?.FamilyName === 'WhileDisabled');
  });
});
