/**
 * Issue 15's echo rule, counted from the emulators' call logs: the webhooks a first sync's own writes
 * cause (HubSpot events from our app, QuickBooks events of the versions we wrote) cost no vendor call
 * and no record job; they are recognised from the event and what we hold. Real edits made by people
 * while the first sync runs still arrive, exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { setUpSync, syncAccount, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { customerEmail, quiet } from '../../helpers/sync-state.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const PER_SIDE = 30;

interface Call {
  method: string;
  path: string;
  at: string;
}

describe('echoes of a first sync (issue 15)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  /** People's records on both sides, made before the sync exists (their own webhooks are dropped: no sync yet). */
  async function accountWithPeople(portalId: number, realmId: string, tag: string): Promise<SyncAccount> {
    const a = await syncAccount(h, portalId, realmId);
    for (let i = 0; i < PER_SIDE; i++) await a.hs.create('contacts', { email: `hs${i}@${tag}.test`, firstname: `H${i}`, lastname: 'Echo' });
    for (let i = 0; i < PER_SIDE; i++) await a.qb.create('Customer', { DisplayName: `Q${i} Echo ${tag}`, GivenName: `Q${i}`, FamilyName: 'Echo', PrimaryEmailAddr: { Address: `qb${i}@${tag}.test` } });
    await eventually(() => quiet(h), 30_000);
    return a;
  }
  const firstSyncDone = (a: SyncAccount) =>
    eventually(async () => (await h.db.db('sync_runs').where({ portal_id: a.portalId, trigger: 'first_sync', status: 'succeeded' }).first<{ finished_at: Date }>()) ?? undefined, 60_000);

  it('the first sync’s echoes cost no vendor call and no record job', async () => {
    const a = await accountWithPeople(66_200_001, '8620001', 'echo');
    const setupAt = new Date().toISOString();
    await setUpSync(h, a, 'contacts', { direction: 'two_way', fieldMappings: defaultContactMappings() });
    const since = (await firstSyncDone(a)).finished_at.toISOString();
    // Our writes' webhooks, during the first sync or after it: QuickBooks' for the 30 customers we created, HubSpot's for the contacts.
    const eventsOfOurWrites = () => h.db.db('webhook_inbox').where({ portal_id: a.portalId }).where('received_at', '>', setupAt).select('source', 'error');
    await eventually(async () => ((await eventsOfOurWrites()).filter((e: { source: string }) => e.source === 'quickbooks').length >= PER_SIDE ? true : undefined), 30_000);
    await eventually(() => quiet(h, 3_000), 60_000);

    const hubspot = ((await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/calls?since=${encodeURIComponent(since)}`)).json()) as { results: Call[] }).results;
    const qbo = ((await (await fetch(`${h.qbo.baseUrl}/_sandbox/companies/${a.realmId}/calls?since=${encodeURIComponent(since)}`)).json()) as { calls: Call[] }).calls;
    const notes = await eventsOfOurWrites();
    expect({ hubspot, qbo }).toEqual({ hubspot: [], qbo: [] });
    expect(notes.filter((n: { source: string }) => n.source === 'quickbooks')).toHaveLength(PER_SIDE);
    expect(notes.every((n: { error: string | null }) => n.error?.startsWith('skipped:')), JSON.stringify(notes)).toBe(true);
    const jobs = await h.db.db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from pgboss.job where name in ('sync.record', 'sync.records') and data->>'portalId' = ?`, [String(a.portalId)]);
    expect(jobs.rows[0]!.n).toBe(0);
  }, 180_000);

  it('edits people make while the first sync runs still arrive, exactly', async () => {
    const a = await accountWithPeople(66_200_002, '8620002', 'meanwhile');
    const contact = (await a.hs.all('contacts')).find((c) => c.properties.email === 'hs0@meanwhile.test')!;
    const customer = (await a.qb.all('Customer')).find((c) => customerEmail(c) === 'qb0@meanwhile.test')!;
    await setUpSync(h, a, 'contacts', { direction: 'two_way', fieldMappings: defaultContactMappings() });
    // A person in each system, during the first sync.
    await a.hs.update('contacts', contact.id, { phone: '555-0142' });
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, GivenName: 'Quinn' });
    await firstSyncDone(a);
    await eventually(() => quiet(h, 3_000), 60_000);

    const customers = await a.qb.all('Customer');
    const contacts = await a.hs.all('contacts');
    expect(customers).toHaveLength(2 * PER_SIDE);
    expect(contacts).toHaveLength(2 * PER_SIDE);
    const phoneOf = (c: Record<string, unknown>) => (c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber;
    expect(phoneOf(customers.find((c) => customerEmail(c) === 'hs0@meanwhile.test')!)).toBe('555-0142');
    expect(contacts.find((c) => c.properties.email === 'qb0@meanwhile.test')!.properties.firstname).toBe('Quinn');
    expect((await a.qb.read('Customer', customer.Id)).GivenName).toBe('Quinn');
    const rows = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' }).select('state');
    expect(rows.map((r: { state: string }) => r.state)).toEqual(Array(2 * PER_SIDE).fill('synced'));
  }, 180_000);

  it('a burst of real edits (a bulk edit in HubSpot) is synced in pages: one batch read for all, every edit exact', async () => {
    const a = await accountWithPeople(66_200_003, '8620003', 'bulk');
    await setUpSync(h, a, 'contacts', { direction: 'two_way', fieldMappings: defaultContactMappings() });
    await firstSyncDone(a);
    await eventually(() => quiet(h, 3_000), 60_000);
    const since = new Date().toISOString();
    const contacts = (await a.hs.all('contacts')).filter((c) => c.properties.email?.startsWith('hs'));
    expect(contacts).toHaveLength(PER_SIDE);
    const phone = (i: number) => `555-07${String(i).padStart(2, '0')}`;
    await Promise.all(contacts.map((c, i) => a.hs.update('contacts', c.id, { phone: phone(i) })));
    await eventually(async () => {
      const byEmail = new Map((await a.qb.all('Customer')).map((c) => [customerEmail(c), (c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber]));
      return contacts.every((c, i) => byEmail.get(c.properties.email ?? '') === phone(i)) ? true : undefined;
    }, 60_000);
    await eventually(() => quiet(h, 2_000), 60_000);
    const hubspot = ((await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/calls?since=${encodeURIComponent(since)}`)).json()) as { results: Call[] }).results;
    const reads = hubspot.filter((c) => c.path.endsWith('/contacts/batch/read'));
    // However the emulator split the burst into deliveries, the 30 contacts are read in a few batch calls, not 30.
    expect(reads.length, JSON.stringify(hubspot.map((c) => c.path))).toBeLessThanOrEqual(5);
    const rows = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' }).select('state');
    expect(rows.map((r: { state: string }) => r.state)).toEqual(Array(2 * PER_SIDE).fill('synced'));
  }, 180_000);

  it('two QuickBooks customers made at once with one e-mail, synced in one page: one HubSpot contact, never two', async () => {
    const a = await accountWithPeople(66_200_004, '8620004', 'twins');
    await setUpSync(h, a, 'contacts', { direction: 'two_way', fieldMappings: defaultContactMappings() });
    await firstSyncDone(a);
    await eventually(() => quiet(h, 3_000), 60_000);
    await Promise.all(['A', 'B'].map((n) => a.qb.create('Customer', { DisplayName: `Twin ${n}`, GivenName: 'Twin', FamilyName: n, PrimaryEmailAddr: { Address: 'twin@twins.test' } })));
    await eventually(async () => ((await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' })).length === 2 * PER_SIDE + 2 ? true : undefined), 60_000);
    await eventually(() => quiet(h, 2_000), 60_000);
    expect((await a.hs.all('contacts')).filter((c) => c.properties.email === 'twin@twins.test')).toHaveLength(1);
    const rows = await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts' }).whereIn('qbo_id', (await a.qb.all('Customer')).filter((c) => customerEmail(c) === 'twin@twins.test').map((c) => c.Id));
    expect(rows.map((r: { state: string }) => r.state).sort()).toEqual(['failed', 'synced']);
  }, 180_000);
});
