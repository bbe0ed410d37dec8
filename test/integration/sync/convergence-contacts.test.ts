/**
 * Issue 12's reproductions, contacts two-way: a conflict leaves no pair different (both winners), a
 * first link erases nothing (either side's phone, either winner), a permanently failed create is not
 * retried by catch-ups, and an idle two-way sync with failed records writes nothing in 10 catch-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { customerEmail } from '../../helpers/sync-state.ts';
import { setUpSync, syncAccount, syncPass, type SyncAccount } from '../../helpers/sync-accounts.ts';
import { vendorWrites } from '../../helpers/vendor-writes.ts';
import type { QboEntity } from '../../helpers/vendor-data.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { syncRecord } from '../../../backend/src/sync/engine/record-sync.ts';
import { TRANSIENT_RETRY_BASE_MS } from '../../../backend/src/sync/engine/failure-policy.ts';

let nextPortal = 61_000_001;
let nextRealm = 8_100_001;

const city = (c: QboEntity) => (c.BillAddr as { City?: string } | undefined)?.City ?? null;
const phone = (c: QboEntity) => (c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber ?? null;

describe('contacts two-way sync converges (issue 12)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account(conflictWinner: 'hubspot' | 'quickbooks'): Promise<SyncAccount> {
    const a = await syncAccount(h, nextPortal++, String(nextRealm++));
    await setUpSync(h, a, 'contacts', { conflictWinner, fieldMappings: defaultContactMappings() });
    return a;
  }
  const pass = (a: SyncAccount) => syncPass(h, a, contactsAdapter);
  const customerOf = async (a: SyncAccount, email: string) => (await a.qb.all('Customer')).find((c) => customerEmail(c) === email)!;
  const contactOf = async (a: SyncAccount, email: string) => (await a.hs.all('contacts')).find((c) => c.properties.email === email)!;

  it('reproduction 1, winner QuickBooks: HubSpot sets the company while QuickBooks sets the city — both sides end with both', async () => {
    const a = await account('quickbooks');
    const contact = await a.hs.create('contacts', { email: 'repro1@conv.test', firstname: 'Rita', lastname: 'Repro', city: 'Oldtown' });
    await pass(a);
    const customer = await customerOf(a, 'repro1@conv.test');
    expect(city(customer)).toBe('Oldtown');
    await a.hs.update('contacts', contact.id, { company: 'Acme Repro' });
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, BillAddr: { ...(customer.BillAddr as object), City: 'Newtown' } });
    await pass(a);
    await pass(a);
    const [hs, qb] = [await contactOf(a, 'repro1@conv.test'), await customerOf(a, 'repro1@conv.test')];
    expect(hs.properties).toMatchObject({ company: 'Acme Repro', city: 'Newtown' });
    expect({ company: qb.CompanyName, city: city(qb) }).toEqual({ company: 'Acme Repro', city: 'Newtown' });
    // and it stays so: a further pass writes nothing
    const since = new Date().toISOString();
    await pass(a);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
  });

  it('reproduction 1 mirrored, winner HubSpot: HubSpot clears the phone while QuickBooks sets a new one — the new number on both sides', async () => {
    const a = await account('hubspot');
    const contact = await a.hs.create('contacts', { email: 'repro1b@conv.test', firstname: 'Hal', lastname: 'Mirror', phone: '555-0001' });
    await pass(a);
    const customer = await customerOf(a, 'repro1b@conv.test');
    await a.hs.update('contacts', contact.id, { phone: '' });
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, PrimaryPhone: { FreeFormNumber: '555-8968-94' } });
    await pass(a);
    await pass(a);
    expect((await contactOf(a, 'repro1b@conv.test')).properties.phone).toBe('555-8968-94');
    expect(phone(await customerOf(a, 'repro1b@conv.test'))).toBe('555-8968-94');
  });

  for (const winner of ['hubspot', 'quickbooks'] as const) {
    it(`reproduction 2, winner ${winner}: the first link of a contact and a customer with one e-mail keeps the phone only one side had`, async () => {
      const a = await account(winner);
      await a.hs.create('contacts', { email: 'hsphone@conv.test', firstname: 'Hana', lastname: 'Phone', phone: '555-0100' });
      await a.qb.create('Customer', { DisplayName: 'Hana Phone', GivenName: 'Hana', FamilyName: 'Phone', PrimaryEmailAddr: { Address: 'hsphone@conv.test' } });
      await a.hs.create('contacts', { email: 'qbphone@conv.test', firstname: 'Quin', lastname: 'Phone' });
      await a.qb.create('Customer', { DisplayName: 'Quin Phone', GivenName: 'Quin', FamilyName: 'Phone', PrimaryEmailAddr: { Address: 'qbphone@conv.test' }, PrimaryPhone: { FreeFormNumber: '555-0200' } });
      await pass(a);
      await pass(a);
      expect((await contactOf(a, 'hsphone@conv.test')).properties.phone).toBe('555-0100');
      expect(phone(await customerOf(a, 'hsphone@conv.test'))).toBe('555-0100');
      expect((await contactOf(a, 'qbphone@conv.test')).properties.phone).toBe('555-0200');
      expect(phone(await customerOf(a, 'qbphone@conv.test'))).toBe('555-0200');
      expect(await a.qb.all('Customer')).toHaveLength(2);
      expect(await a.hs.all('contacts')).toHaveLength(2);
    });
  }

  it('reproductions 3 and idle: failed records (a display-name clash, an ambiguous match) cost no write in 10 catch-ups, and say so; Retry tries again', async () => {
    const a = await account('hubspot');
    // a synced pair, so the sync has real work it is not doing
    await a.hs.create('contacts', { email: 'ok@conv.test', firstname: 'Okay', lastname: 'Fine', city: 'Rome' });
    // R14: the customer would be named after the company, which another customer already holds
    await a.qb.create('Customer', { DisplayName: 'Clash Co', PrimaryEmailAddr: { Address: 'holder@conv.test' } });
    const company = await a.hs.create('companies', { name: 'Clash Co' });
    const clash = await a.hs.create('contacts', { email: 'clash@conv.test', firstname: 'Cle', lastname: 'Ash' });
    await a.hs.associate('contacts', clash.id, 'companies', company.id, [1]);
    // two customers with one e-mail: the contact cannot be matched
    await a.qb.create('Customer', { DisplayName: 'Twin One', PrimaryEmailAddr: { Address: 'twin@conv.test' } });
    const twinTwo = await a.qb.create('Customer', { DisplayName: 'Twin Two', PrimaryEmailAddr: { Address: 'twin@conv.test' } });
    await a.hs.create('contacts', { email: 'twin@conv.test', firstname: 'Twin' });
    await pass(a);
    await pass(a);
    const rowOf = (id: string) => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts', hubspot_id: id }).first();
    const clashRow = await rowOf(clash.id);
    expect(clashRow).toMatchObject({ state: 'failed', reason_code: 'display_name_taken' });
    // the first customer links to the contact; the second cannot take the same contact
    expect(await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts', qbo_id: twinTwo.Id }).first()).toMatchObject({ state: 'failed', reason_code: 'ambiguous_match' });

    const since = new Date().toISOString();
    for (let cycle = 0; cycle < 10; cycle++) await pass(a);
    expect(await vendorWrites(h, a.portalId, a.realmId, since)).toEqual([]);
    expect((await rowOf(clash.id)).attempts).toBe(clashRow.attempts);

    // the record view says it waits for a change or Retry
    const { record: view } = (await (await h.signedFetch(`/api/v1/records/${clashRow.id as number}`, a.portalId)).json()) as { record: { message: string; retryable: boolean } };
    expect(view.message).toContain('not retried automatically until the record changes');
    expect(view.retryable).toBe(true);

    // the person frees the name in QuickBooks (another record: this one did not change) and presses Retry
    const holder = (await a.qb.all('Customer')).find((c) => c.DisplayName === 'Clash Co')!;
    await a.qb.update('Customer', { Id: holder.Id, SyncToken: holder.SyncToken, DisplayName: 'Clash Co (old)' });
    expect((await h.signedFetch(`/api/v1/records/${clashRow.id as number}/retry`, a.portalId, { method: 'POST' })).status).toBe(202);
    await pass(a);
    expect(await rowOf(clash.id)).toMatchObject({ state: 'synced' });
    expect((await a.qb.all('Customer')).filter((c) => customerEmail(c) === 'clash@conv.test')).toHaveLength(1);
  });

  it('a failure for a passing reason is counted and backed off, and the catch-up retries it once due (the cap: failure-policy.test.ts)', async () => {
    const a = await account('hubspot');
    const customer = await a.qb.create('Customer', { DisplayName: 'Flaky One', PrimaryEmailAddr: { Address: 'flaky@conv.test' } });
    await pass(a);
    expect(await a.hs.all('contacts')).toHaveLength(1);
    await a.qb.update('Customer', { Id: customer.Id, SyncToken: (await a.qb.read('Customer', customer.Id)).SyncToken, CompanyName: 'Flaky Co' });
    // HubSpot answers every call with a 5xx: each attempt fails after the client's own retries
    await a.hs.faults({ seed: 5, serverErrorRate: 1 });
    const loaded = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!loaded.ok) throw new Error(loaded.reason);
    const row = () => h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts', qbo_id: customer.Id }).first();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const before = Date.now();
      await expect(syncRecord(loaded.session, contactsAdapter, 'qbo', customer.Id)).rejects.toThrow();
      const failed = await row();
      expect(failed).toMatchObject({ state: 'failed', reason_code: 'temporary_error', attempts: attempt });
      expect(failed.message).toContain(`attempt ${attempt} failed`);
      delays.push(new Date(failed.retry_after as string).getTime() - before);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(TRANSIENT_RETRY_BASE_MS);
    expect(delays[1]).toBeGreaterThanOrEqual(2 * TRANSIENT_RETRY_BASE_MS);
    // HubSpot is back and the next attempt is due (moved to now rather than waiting a minute): the catch-up retries it
    await a.hs.faults({});
    await h.db.db('sync_records').where({ portal_id: a.portalId, object_type: 'contacts', qbo_id: customer.Id }).update({ retry_after: new Date(Date.now() - 1000) });
    await pass(a);
    expect(await row()).toMatchObject({ state: 'synced', attempts: 0, retry_after: null });
    expect((await contactOf(a, 'flaky@conv.test')).properties.company).toBe('Flaky Co');
  });
});
