/**
 * The opt-in display-name policy (contacts mode): R14's failure stays the default; with `resolve`, the
 * second contact of a company is named "Company — First Last", a third clash adds the HubSpot record id,
 * the record and its activity say which name was used, and when every name is taken the record fails
 * naming them all. Existing customers are never renamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { setUpSync, syncAccount } from '../../helpers/sync-accounts.ts';
import { defaultContactMappings, DISPLAY_NAME_POLICY_OPTION } from '@quickbooks-sync/contract/definitions';
import { loadSession } from '../../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../../backend/src/sync/engine/catch-up.ts';
import { contactsAdapter } from '../../../backend/src/sync/objects/contacts/contacts-adapter.ts';

let nextPortal = 62_100_001;
let nextRealm = 8_210_001;
type Row = { id: number; state: string; qbo_id: string | null; message: string | null; reason_code: string | null };

describe('display-name policy', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account(policy?: string) {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    const { hs, qb } = await syncAccount(h, portalId, realmId);
    await setUpSync(h, { portalId, realmId, hs, qb }, 'contacts', { direction: 'hubspot_to_qbo', fieldMappings: defaultContactMappings(), options: policy ? { [DISPLAY_NAME_POLICY_OPTION]: policy } : {} });
    const pass = async () => {
      // A person's edit, then "Sync now" later: by then HubSpot's search index has caught up (the lag still hides our own writes within the pass).
      await hs.searchIndexed();
      const loaded = await loadSession(h.ctx, portalId, 'contacts');
      if (!loaded.ok) throw new Error(loaded.reason);
      return runSyncPass(loaded.session, contactsAdapter, 'sync_now');
    };
    const record = (hubspotId: string) => h.db.db('sync_records').where({ portal_id: portalId, object_type: 'contacts', hubspot_id: hubspotId }).first<Row>();
    const contactOf = async (company: { id: string }, properties: Record<string, string>) => {
      const contact = await hs.create('contacts', properties);
      await hs.associate('contacts', contact.id, 'companies', company.id, [1]);
      return contact;
    };
    return { portalId, hs, qb, pass, record, contactOf };
  }

  it('fails by default (R14), naming the holder', async () => {
    const a = await account();
    const acme = await a.hs.create('companies', { name: 'Acme Policy' });
    await a.contactOf(acme, { email: 'ann@acme.test', firstname: 'Ann', lastname: 'Lee' });
    await a.pass();
    const bob = await a.contactOf(acme, { email: 'bob@acme.test', firstname: 'Bob', lastname: 'Roe' });
    await a.pass();
    expect(await a.record(bob.id)).toMatchObject({ state: 'failed', reason_code: 'display_name_taken' });
    expect((await a.qb.all('Customer')).map((c) => c.DisplayName)).toEqual(['Acme Policy']);
  });

  it('resolve: "Company — First Last", then the HubSpot id; the record says which name; then a failure naming every name tried', async () => {
    const a = await account('resolve');
    const acme = await a.hs.create('companies', { name: 'Acme Policy' });
    const ann = await a.contactOf(acme, { email: 'ann@acme.test', firstname: 'Ann', lastname: 'Lee' });
    await a.pass();
    const bob = await a.contactOf(acme, { email: 'bob@acme.test', firstname: 'Bob', lastname: 'Roe' });
    await a.pass();
    const bobRow = (await a.record(bob.id));
    expect(bobRow).toMatchObject({ state: 'synced', message: 'Named “Acme Policy — Bob Roe” in QuickBooks: “Acme Policy” was already used (display-name policy).' });
    const activity = await h.db.db('sync_activity').where({ portal_id: a.portalId, record_id: bobRow.id, action: 'create' }).first<{ message: string }>();
    expect(activity?.message).toContain('Named “Acme Policy — Bob Roe”');

    // A second Bob Roe at Acme (another e-mail): the same alternative is taken, so the HubSpot id is added.
    const bob2 = await a.contactOf(acme, { email: 'bob.roe@acme.test', firstname: 'Bob', lastname: 'Roe' });
    await a.pass();
    const bob2Id = (await a.record(bob2.id)).qbo_id;
    expect((await a.qb.all('Customer')).find((c) => c.Id === bob2Id)?.DisplayName).toBe(`Acme Policy — Bob Roe (${bob2.id})`);

    // Every name taken (a customer made in QuickBooks holds the last one): the record fails naming all of them, and nothing is renamed.
    const bob3 = await a.contactOf(acme, { email: 'bob3@acme.test', firstname: 'Bob', lastname: 'Roe' });
    await a.qb.create('Customer', { DisplayName: `Acme Policy — Bob Roe (${bob3.id})` });
    await a.pass();
    const failed = (await a.record(bob3.id));
    expect(failed).toMatchObject({ state: 'failed', reason_code: 'display_name_taken' });
    expect(failed.message).toContain(`“Acme Policy”, “Acme Policy — Bob Roe”, “Acme Policy — Bob Roe (${bob3.id})”`);
    const annId = (await a.record(ann.id)).qbo_id;
    expect((await a.qb.all('Customer')).find((c) => c.Id === annId)?.DisplayName).toBe('Acme Policy');
    expect(await a.qb.all('Customer')).toHaveLength(4);
  });

  it('refuses an unknown policy value', async () => {
    const portalId = nextPortal++;
    expect((await h.install(portalId)).status).toBe(302);
    const res = await h.signedFetch('/api/v1/syncs/contacts', portalId, {
      method: 'PUT',
      body: { direction: 'hubspot_to_qbo', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: { [DISPLAY_NAME_POLICY_OPTION]: 'random' } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('Choose what happens when a display name is taken');
  });
});
