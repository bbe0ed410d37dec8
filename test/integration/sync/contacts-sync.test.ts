/**
 * Contacts ⇄ Customers end to end against both emulators: first two-way sync (create both ways,
 * match by e-mail without duplicating), then near-real-time updates through webhooks, echo
 * suppression, and the per-record failures a person must be able to act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { customerEmail, quiet, settled } from '../../helpers/sync-state.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const PORTAL = 57_000_001;
const REALM = '7700001';

const email = customerEmail;


describe('contacts ⇄ customers', () => {
  let h: AppHarness;
  let hs: ReturnType<typeof hubspotUser>;
  let qb: Awaited<ReturnType<typeof qboUser>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAppHarness();
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    hs = hubspotUser(h, PORTAL);
    qb = await qboUser(h, REALM);
    const acme = await hs.create('companies', { name: 'Acme Rockets' });
    const ann = await hs.create('contacts', { email: 'ann@acme.test', firstname: 'Ann', lastname: 'Able', phone: '555-0101' });
    await hs.associate('contacts', ann.id, 'companies', acme.id, [1]);
    ids.ann = ann.id;
    ids.bob = (await hs.create('contacts', { email: 'bob@both.test', firstname: 'Bob', lastname: 'Both' })).id;
    ids.bobCustomer = (await qb.create('Customer', { DisplayName: 'Bob Both (QBO)', PrimaryEmailAddr: { Address: ' BOB@both.test ' }, GivenName: 'Bob', FamilyName: 'Both' })).Id;
    ids.cat = (await qb.create('Customer', { DisplayName: "Cat O'Brien & Sons", PrimaryEmailAddr: { Address: 'cat@qbo.test' }, GivenName: 'Cat', FamilyName: "O'Brien" })).Id;

    const res = await h.signedFetch('/api/v1/syncs/contacts', PORTAL, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(res.status).toBe(200);
    await eventually(async () => {
      const runs = await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' });
      return runs.length > 0 ? runs : undefined;
    }, 60_000);
  });
  afterAll(async () => h.close());

  it('first sync: creates both ways, matches by e-mail, never duplicates', async () => {
    const customers = await qb.all('Customer');
    const ann = customers.filter((c) => email(c) === 'ann@acme.test');
    expect(ann).toHaveLength(1);
    expect(ann[0]).toMatchObject({ DisplayName: 'Acme Rockets', GivenName: 'Ann', FamilyName: 'Able' });
    expect(customers.filter((c) => email(c) === 'bob@both.test')).toHaveLength(1);

    const contacts = await hs.all('contacts');
    const cat = contacts.filter((c) => c.properties.email === 'cat@qbo.test');
    expect(cat).toHaveLength(1);
    expect(cat[0]!.properties).toMatchObject({ firstname: 'Cat', lastname: "O'Brien", qbo_customer_id: ids.cat });
    expect(contacts.filter((c) => c.properties.email === 'bob@both.test')).toHaveLength(1);

    const records = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts' }).orderBy('id');
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.state === 'synced' && r.hubspot_id && r.qbo_id)).toBe(true);
    const bob = records.find((r) => r.hubspot_id === ids.bob);
    expect(bob.qbo_id).toBe(ids.bobCustomer);
    const activity = await h.db.db('sync_activity').where({ portal_id: PORTAL }).select('action');
    expect(activity.map((a: { action: string }) => a.action).sort()).toEqual(['create', 'create', 'link']);
  });

  it('a HubSpot edit reaches QuickBooks through the webhook, and our write does not come back', async () => {
    await hs.update('contacts', ids.ann!, { phone: '555-0199' });
    const customer = await eventually(async () => {
      const c = (await qb.all('Customer')).find((x) => email(x) === 'ann@acme.test');
      return (c?.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber === '555-0199' ? c : undefined;
    });
    expect(customer.DisplayName).toBe('Acme Rockets');
    // Converged: our write's own webhook comes back and must not cause another write (no ping-pong).
    await eventually(() => quiet(h));
    const updates = await h.db.db('sync_activity').where({ portal_id: PORTAL, action: 'update' });
    expect(updates).toHaveLength(1);
    const before = { hubspot: await hs.calls(), qbo: await qb.calls() };
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await settled(h)).toBe(true);
    expect({ hubspot: await hs.calls(), qbo: await qb.calls() }).toEqual(before);
  });

  it('a QuickBooks edit reaches HubSpot through the webhook', async () => {
    const current = await qb.read('Customer', ids.cat!);
    await qb.update('Customer', { Id: current.Id, SyncToken: current.SyncToken, GivenName: 'Catherine' });
    await eventually(async () => {
      const c = (await hs.all('contacts')).find((x) => x.properties.email === 'cat@qbo.test');
      return c?.properties.firstname === 'Catherine' ? c.id : undefined;
    });
  });
});
