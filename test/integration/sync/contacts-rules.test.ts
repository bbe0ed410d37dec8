/**
 * The rules of the contacts sync, each on its own account so they cannot disturb each other:
 * directions and conflict winners with exact values, filters, failures a person can act on,
 * crash-safe creates, catch-up after a lost webhook, and a bounded idle cost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { customerEmail } from '../../helpers/sync-state.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass, SyncInterrupted } from '../../../backend/src/sync/engine/catch-up.ts';
import { syncRecord } from '../../../backend/src/sync/engine/record-sync.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import type { FilterGroup } from '../../../backend/src/sync/types.ts';

const email = customerEmail;
let nextPortal = 58_000_001;
let nextRealm = 7_800_001;

interface Account {
  portalId: number;
  realmId: string;
  hs: ReturnType<typeof hubspotUser>;
  qb: Awaited<ReturnType<typeof qboUser>>;
}

describe('contacts sync rules', () => {
  let h: AppHarness;
  beforeAll(async () => {
    // No worker and no webhooks: each test drives its passes itself, deterministically.
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account(settings: { direction?: string; conflictWinner?: string; toQbo?: FilterGroup[]; toHubSpot?: FilterGroup[] } = {}): Promise<Account> {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId)).status).toBe(200);
    const res = await h.signedFetch('/api/v1/syncs/contacts', portalId, {
      method: 'PUT',
      body: {
        direction: settings.direction ?? 'two_way',
        conflictWinner: settings.conflictWinner ?? 'hubspot',
        fieldMappings: defaultContactMappings(),
        filters: { toQbo: settings.toQbo ?? [], toHubSpot: settings.toHubSpot ?? [] },
        options: {},
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return { portalId, realmId, hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId) };
  }

  async function pass(a: Account) {
    // A person's edit, then "Sync now" later: by then HubSpot's search index has caught up (the lag still hides our own writes within the pass).
    await a.hs.searchIndexed();
    const loaded = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!loaded.ok) throw new Error(loaded.reason);
    return runSyncPass(loaded.session, contactsAdapter, 'sync_now');
  }

  async function record(a: Account, side: 'hubspot' | 'qbo', id: string): Promise<Record<string, unknown> & { state: string; qbo_id: string | null; message: string }> {
    type Row = Record<string, unknown> & { state: string; qbo_id: string | null; message: string };
    return h.db.db('sync_records').where({ portal_id: a.portalId, [side === 'hubspot' ? 'hubspot_id' : 'qbo_id']: id }).first<Row>();
  }

  it('HubSpot → QBO only: contacts become customers, customers stay in QuickBooks', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const dee = await a.hs.create('contacts', { email: 'dee@one.test', firstname: 'Dee', lastname: 'One', phone: '555-0001' });
    await a.qb.create('Customer', { DisplayName: 'Only In QBO', PrimaryEmailAddr: { Address: 'only@qbo.test' } });
    await pass(a);
    const customers = await a.qb.all('Customer');
    expect(customers.find((c) => email(c) === 'dee@one.test')).toMatchObject({ DisplayName: 'Dee One', GivenName: 'Dee', FamilyName: 'One', PrimaryPhone: { FreeFormNumber: '555-0001' } });
    expect((await a.hs.all('contacts')).map((c) => c.properties.email)).toEqual(['dee@one.test']);
    expect(await record(a, 'hubspot', dee.id)).toMatchObject({ state: 'synced', origin: 'hubspot', last_direction: 'to_qbo' });
  });

  it('QBO → HubSpot only: customers become contacts, contacts stay in HubSpot', async () => {
    const a = await account({ direction: 'qbo_to_hubspot' });
    await a.hs.create('contacts', { email: 'stay@hs.test' });
    const eve = await a.qb.create('Customer', { DisplayName: 'Eve Two', GivenName: 'Eve', FamilyName: 'Two', PrimaryEmailAddr: { Address: 'Eve@Two.test' } });
    await pass(a);
    const contacts = await a.hs.all('contacts');
    expect(contacts.find((c) => c.properties.email === 'eve@two.test')?.properties).toMatchObject({ firstname: 'Eve', lastname: 'Two', qbo_customer_id: eve.Id });
    expect((await a.qb.all('Customer')).map(email)).toEqual(['eve@two.test']);
  });

  for (const winner of ['hubspot', 'quickbooks'] as const) {
    it(`conflict, “Use ${winner === 'hubspot' ? 'HubSpot' : 'QuickBooks Online'} data”: one-side changes reach both sides (a clear too), two-side changes go to the winner`, async () => {
      const a = await account({ conflictWinner: winner });
      const fay = await a.hs.create('contacts', { email: 'fay@conflict.test', firstname: 'Fay', lastname: 'Three', phone: '555-0003', city: 'Rome' });
      await pass(a);
      const linked = await record(a, 'hubspot', fay.id);
      const customer = await a.qb.read('Customer', linked.qbo_id as string);
      // both sides change while nothing syncs: HubSpot renames and clears the city; QBO changes the phone and the name
      await a.hs.update('contacts', fay.id, { lastname: 'Hubspotted', city: '' });
      await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, FamilyName: 'Quickbooked', PrimaryPhone: { FreeFormNumber: '555-9999' } });
      await syncRecord((await loadSession(h.ctx, a.portalId, 'contacts') as { ok: true; session: never }).session, contactsAdapter, 'hubspot', fay.id);
      const contact = (await a.hs.all('contacts')).find((c) => c.id === fay.id)!;
      const after = await a.qb.read('Customer', customer.Id);
      if (winner === 'hubspot') {
        expect(after.FamilyName).toBe('Hubspotted');
        expect(contact.properties.lastname).toBe('Hubspotted');
        // Changed on one side only, each field takes that side's value on both sides: HubSpot's clear
        // of the city is a change (issue 12), QuickBooks' new phone reaches HubSpot.
        expect((after.BillAddr as { City?: string } | undefined)?.City ?? '').toBe('');
        expect(contact.properties.phone).toBe('555-9999');
      } else {
        expect(contact.properties.lastname).toBe('Quickbooked');
        expect(contact.properties.phone).toBe('555-9999');
        expect(after.FamilyName).toBe('Quickbooked');
        expect((after.BillAddr as { City?: string } | undefined)?.City ?? '').toBe('');
      }
      const conflict = await h.db.db('sync_activity').where({ portal_id: a.portalId, action: 'conflict' }).first();
      expect(conflict.details.winner).toBe(winner === 'hubspot' ? 'hubspot' : 'qbo');
      expect(conflict.details.changes.length).toBeGreaterThan(0);
    });
  }

  it('filters: excluded with the rule named, synced once the record enters the filter', async () => {
    const a = await account({ toQbo: [{ criteria: [{ property: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }] });
    const gus = await a.hs.create('contacts', { email: 'gus@filter.test', firstname: 'Gus', lifecyclestage: 'lead' });
    await pass(a);
    const excluded = await record(a, 'hubspot', gus.id);
    expect(excluded).toMatchObject({ state: 'excluded', reason_code: 'filtered_out' });
    expect(excluded.message).toMatch(/Excluded by the sync filter: .*lifecycle stage.*customer/i);
    expect((await a.qb.all('Customer')).filter((c) => email(c) === 'gus@filter.test')).toHaveLength(0);
    await a.hs.update('contacts', gus.id, { lifecyclestage: 'customer' });
    await pass(a);
    expect(await record(a, 'hubspot', gus.id)).toMatchObject({ state: 'synced' });
    expect((await a.qb.all('Customer')).filter((c) => email(c) === 'gus@filter.test')).toHaveLength(1);
  });

  it('a two-way pair synced from QuickBooks stays synced when the contact is outside the HubSpot → QuickBooks filter', async () => {
    const a = await account({ toQbo: [{ criteria: [{ property: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }] });
    const ida = await a.hs.create('contacts', { email: 'ida@pair.test', firstname: 'Ida', lifecyclestage: 'lead' });
    const customer = await a.qb.create('Customer', { DisplayName: 'Ida Pair', GivenName: 'Ida', FamilyName: 'Pair', PrimaryEmailAddr: { Address: 'ida@pair.test' } });
    await pass(a); // QuickBooks first: the customer matches the contact and updates it; then the contact's own turn
    expect(await record(a, 'hubspot', ida.id)).toMatchObject({ state: 'synced', qbo_id: customer.Id, last_direction: 'to_hubspot' });
    expect((await a.hs.all('contacts')).find((c) => c.id === ida.id)!.properties.lastname).toBe('Pair');
    await pass(a);
    expect(await record(a, 'hubspot', ida.id)).toMatchObject({ state: 'synced' });
  });

  it('filters on the webhook path: a record read by id carries the filtered properties', async () => {
    const a = await account({ toQbo: [{ criteria: [{ property: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }] });
    const ned = await a.hs.create('contacts', { email: 'ned@filter.test', firstname: 'Ned', lifecyclestage: 'customer' });
    const session = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!session.ok) throw new Error(session.reason);
    expect((await syncRecord(session.session, contactsAdapter, 'hubspot', ned.id)).action).toBe('created');
    expect((await a.qb.all('Customer')).filter((c) => email(c) === 'ned@filter.test')).toHaveLength(1);
  });

  it('ambiguous match: two customers share the e-mail, the contact fails naming both, nothing is created', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const c1 = await a.qb.create('Customer', { DisplayName: 'Hal (shop)', PrimaryEmailAddr: { Address: 'hal@twice.test' } });
    const c2 = await a.qb.create('Customer', { DisplayName: 'Hal (office)', PrimaryEmailAddr: { Address: 'hal@twice.test' } });
    const hal = await a.hs.create('contacts', { email: 'hal@twice.test', firstname: 'Hal' });
    await pass(a);
    const failed = await record(a, 'hubspot', hal.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match' });
    expect(failed.message).toContain(`#${c1.Id}`);
    expect(failed.message).toContain(`#${c2.Id}`);
    expect(await a.qb.all('Customer')).toHaveLength(2);
  });

  it('two customers sharing one e-mail: the second fails naming the link, the first keeps it', async () => {
    const a = await account({ direction: 'qbo_to_hubspot' });
    const first = await a.qb.create('Customer', { DisplayName: 'Mo (north)', PrimaryEmailAddr: { Address: 'mo@shared.test' } });
    const second = await a.qb.create('Customer', { DisplayName: 'Mo (south)', PrimaryEmailAddr: { Address: 'mo@shared.test' } });
    await pass(a);
    await pass(a);
    const contacts = (await a.hs.all('contacts')).filter((c) => c.properties.email === 'mo@shared.test');
    expect(contacts).toHaveLength(1);
    expect(await record(a, 'qbo', first.Id)).toMatchObject({ state: 'synced', hubspot_id: contacts[0]!.id });
    const failed = await record(a, 'qbo', second.Id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match' });
    expect(failed.message).toContain(`already linked to QuickBooks customer #${first.Id}`);
  });

  it('display-name clash (R14): the second contact of a company fails saying who holds the name and what to do', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const globex = await a.hs.create('companies', { name: 'Globex' });
    const ivy = await a.hs.create('contacts', { email: 'ivy@globex.test', firstname: 'Ivy' });
    const jon = await a.hs.create('contacts', { email: 'jon@globex.test', firstname: 'Jon' });
    for (const c of [ivy, jon]) await a.hs.associate('contacts', c.id, 'companies', globex.id, [1]);
    await pass(a);
    const states = [await record(a, 'hubspot', ivy.id), await record(a, 'hubspot', jon.id)];
    const ok = states.find((s) => s.state === 'synced');
    const failed = states.find((s) => s.state === 'failed');
    expect(ok).toBeTruthy();
    expect(failed).toMatchObject({ reason_code: 'display_name_taken' });
    expect(failed!.message).toContain(`QuickBooks customer #${ok!.qbo_id!}`);
    expect(failed!.message).toContain('“Globex”');
    expect(failed!.message).toMatch(/one billing contact per company|switch off the “Display name” mapping/);
  });

  it('display-name clash with a vendor (R14): the contact fails naming the vendor that holds the name', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const vendor = await a.qb.create('Vendor', { DisplayName: 'Initech' });
    const initech = await a.hs.create('companies', { name: 'Initech' });
    const pam = await a.hs.create('contacts', { email: 'pam@initech.test', firstname: 'Pam' });
    await a.hs.associate('contacts', pam.id, 'companies', initech.id, [1]);
    await pass(a);
    const failed = await record(a, 'hubspot', pam.id);
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'display_name_taken' });
    expect(failed.message).toContain(`A QuickBooks vendor named “Initech” already exists (vendor #${vendor.Id})`);
    expect((await a.qb.all('Customer')).filter((c) => c.DisplayName === 'Initech')).toEqual([]);
  });

  it('an invalid mapping is refused with a reason', async () => {
    const a = await account();
    const res = await h.signedFetch('/api/v1/syncs/contacts', a.portalId, {
      method: 'PUT',
      body: {
        direction: 'two_way',
        conflictWinner: 'hubspot',
        fieldMappings: [...defaultContactMappings(), { id: 'bad', kind: 'custom', enabled: true, hubspotProperty: 'firstname', qboField: 'Balance', direction: 'to_qbo' }],
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.map((d) => d.message).join(' ')).toMatch(/QuickBooks field "Open balance" is calculated by QuickBooks and cannot be written/);
  });

  it('a crash between the QBO create and the link does not duplicate on retry', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    const kim = await a.hs.create('contacts', { email: 'kim@crash.test', firstname: 'Kim' });
    // The first attempt stored its requestid and QuickBooks created the customer, then the process died.
    const requestId = 'd3b07384-d9a0-4c1f-9b1e-7a2f3c4d5e6f';
    await h.db.db('sync_records').insert({ portal_id: a.portalId, object_type: 'contacts', hubspot_id: kim.id, pending_qbo_request_id: requestId, state: 'pending' });
    const token = (await (await fetch(`${h.qbo.baseUrl}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: h.apps.quickbooks.clientId, realmId: a.realmId }) })).json()) as { access_token: string };
    const first = await fetch(`${h.qbo.baseUrl}/v3/company/${a.realmId}/customer?minorversion=75&requestid=${requestId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ DisplayName: 'Kim', GivenName: 'Kim', PrimaryEmailAddr: { Address: 'KIM@crash.test ' } }),
    });
    expect(first.status).toBe(200);
    await pass(a);
    const customers = (await a.qb.all('Customer')).filter((c) => email(c) === 'kim@crash.test');
    expect(customers).toHaveLength(1);
    expect(await record(a, 'hubspot', kim.id)).toMatchObject({ state: 'synced', qbo_id: customers[0]!.Id, pending_qbo_request_id: null });
  });

  it('a deletion is not undone: the pair stops syncing and says why', async () => {
    const a = await account();
    const lee = await a.hs.create('contacts', { email: 'lee@gone.test', firstname: 'Lee' });
    await pass(a);
    const linked = await record(a, 'hubspot', lee.id);
    await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${a.portalId}/objects/contacts/${lee.id}`, { method: 'DELETE' });
    const customer = await a.qb.read('Customer', linked.qbo_id!);
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, GivenName: 'Leeroy' });
    const session = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!session.ok) throw new Error(session.reason);
    expect((await syncRecord(session.session, contactsAdapter, 'qbo', customer.Id)).action).toBe('excluded');
    expect(await record(a, 'qbo', customer.Id)).toMatchObject({ state: 'excluded', reason_code: 'counterpart_deleted' });
    expect((await a.hs.all('contacts')).filter((c) => c.properties.email === 'lee@gone.test')).toHaveLength(0);
  });

  it('a first sync interrupted by shutdown resumes from its checkpoint, not from the start', async () => {
    const a = await account({ direction: 'hubspot_to_qbo' });
    for (let i = 0; i < 120; i++) await a.hs.create('contacts', { email: `page${i}@resume.test`, firstname: `Page${i}` });
    const seen = new Set<string>();
    const stop = new AbortController();
    const counting = {
      ...contactsAdapter,
      hubspotValues: (...args: Parameters<typeof contactsAdapter.hubspotValues>) => {
        seen.add(args[1].id);
        if (seen.size === 100) stop.abort(); // the process is told to stop halfway through
        return contactsAdapter.hubspotValues(...args);
      },
    };
    const first = await loadSession({ ...h.ctx, shutdown: stop.signal }, a.portalId, 'contacts');
    if (!first.ok) throw new Error(first.reason);
    // Pages of 100 (HubSpot's list page), so 120 contacts make two.
    await expect(runSyncPass({ ...first.session, backfillPageSize: 100 }, counting, 'first_sync')).rejects.toBeInstanceOf(SyncInterrupted);
    expect(seen.size).toBe(100);
    const resumedIds = new Set<string>();
    const resumed = { ...contactsAdapter, hubspotValues: (...args: Parameters<typeof contactsAdapter.hubspotValues>) => (resumedIds.add(args[1].id), contactsAdapter.hubspotValues(...args)) };
    const second = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!second.ok) throw new Error(second.reason);
    await runSyncPass({ ...second.session, backfillPageSize: 100 }, resumed, 'first_sync');
    expect(resumedIds.size).toBe(20);
    expect([...resumedIds].some((id) => seen.has(id))).toBe(false);
    const emails = (await a.qb.all('Customer')).map(email);
    expect(emails).toHaveLength(120);
    expect(new Set(emails).size).toBe(120);
    const runs = await h.db.db('sync_runs').where({ portal_id: a.portalId }).orderBy('id').select('status');
    expect(runs.map((r: { status: string }) => r.status)).toEqual(['cancelled', 'succeeded']);
  }, 90_000); // 120 QuickBooks creates at the budget's 7 per second

  it('no loop: once converged, ten catch-up cycles cost the same few calls each and write nothing', async () => {
    const a = await account();
    for (let i = 0; i < 30; i++) await a.hs.create('contacts', { email: `idle${i}@loop.test`, firstname: `Idle${i}` });
    for (let i = 0; i < 30; i++) await a.qb.create('Customer', { DisplayName: `Quiet ${i}`, PrimaryEmailAddr: { Address: `quiet${i}@loop.test` } });
    await pass(a); // first sync
    await pass(a); // our own writes come back once through the catch-up window
    const perCycle: number[] = [];
    for (let cycle = 0; cycle < 10; cycle++) {
      const before = (await a.hs.calls()) + (await a.qb.calls());
      const { counts } = await pass(a);
      expect(counts.created + counts.updated + counts.failed).toBe(0);
      perCycle.push((await a.hs.calls()) + (await a.qb.calls()) - before);
    }
    // Constant, not proportional to the 60 records: one search and one CDC call per cycle.
    expect(new Set(perCycle).size).toBe(1);
    expect(perCycle[0]).toBeLessThanOrEqual(3);
  });
});
