/**
 * End to end: the settings page's guided setup against the sandbox (both emulators, the real service and
 * worker), every call made through the signed hubspot.fetch route. The installer keeps the recommended
 * settings of all three syncs, clicks "Save and start sync", watches the first sync finish, and the
 * object view then shows the counts the emulators' data implies.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Button, Tabs } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { hubspotUser, qboUser, type QboEntity } from '../helpers/vendor-data.ts';
import { routeHubSpotFetch } from '../helpers/ui-backend.ts';
import { fire } from '../helpers/ui-render.ts';
import { SettingsApp } from '../../app/app/settings/SettingsApp.tsx';

const PORTAL = 65_000_001;
const REALM = '6500001';
const email = (c: QboEntity) => ((c.PrimaryEmailAddr as { Address?: string } | undefined)?.Address ?? '').trim().toLowerCase();

describe('guided setup, end to end', () => {
  let h: AppHarness;
  const expected = { contacts: { synced: 0, failed: 0, excluded: 0 }, products: { synced: 0, failed: 0, excluded: 0 }, invoices: { synced: 0, failed: 0, excluded: 0 } };

  beforeAll(async () => {
    h = await startAppHarness();
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    const hs = hubspotUser(h, PORTAL);
    const qb = await qboUser(h, REALM);
    for (const who of ['ann', 'bob', 'cy', 'dee', 'eve']) await hs.create('contacts', { email: `${who}@e2e.test`, firstname: who, lastname: 'Existing' });
    await hs.create('contacts', { firstname: 'No', lastname: 'Mail' });
    for (const who of ['ann', 'bob', 'xan', 'yul']) await qb.create('Customer', { DisplayName: `${who} Customer`, PrimaryEmailAddr: { Address: `${who}@e2e.test` } });
    await qb.create('Customer', { DisplayName: 'Zed Walk-in' });
    const income = (await qb.all('Account')).find((a) => a.Name === 'Services')!;
    for (const [name, sku] of [['Gear', 'G-1'], ['Audit', 'SVC-9'], ['Loose bolt', undefined]] as const) {
      await qb.create('Item', { Name: name, ...(sku ? { Sku: sku } : {}), UnitPrice: 10, Type: 'NonInventory', IncomeAccountRef: { value: income.Id } });
    }

    // What the recommended settings (R9) imply for this data, read back from the emulators:
    // contacts two-way, QuickBooks → HubSpot all customers (matched by e-mail or created), HubSpot → QuickBooks
    // only contacts created after the setup date (none of these: the unmatched ones are excluded);
    // products QuickBooks → HubSpot with a SKU only; invoices QuickBooks → HubSpot created after noon of setup day.
    const contacts = await hs.all('contacts');
    const customers = await qb.all('Customer');
    const contactEmails = contacts.map((c) => (c.properties.email ?? '').toLowerCase()).filter(Boolean);
    expect(new Set(contactEmails).size).toBe(contactEmails.length);
    const matched = customers.filter((c) => email(c) && contactEmails.includes(email(c))).length;
    // Each customer is synced: matched to its contact by e-mail (the pair stays synced although the contact
    // is outside the HubSpot → QuickBooks filter) or created in HubSpot; every other existing contact is
    // excluded by the outbound filter (created before the setup date).
    expected.contacts = { synced: customers.length, failed: 0, excluded: contacts.length - matched };
    const items = (await qb.all('Item')).filter((i) => i.Type !== 'Category');
    const withSku = items.filter((i) => typeof i.Sku === 'string' && i.Sku.trim() !== '').length;
    expected.products = { synced: withSku, failed: 0, excluded: items.length - withSku };
    expect(await qb.all('Invoice')).toEqual([]);
  }, 60_000);
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  it('recommended settings → Save and start sync → first sync → object view counts', async () => {
    const backend = routeHubSpotFetch(h);
    const r = createRenderer('settings');
    r.mocks.context.portal.id = PORTAL;
    r.render(<SettingsApp />);
    await r.waitFor(() => expect(r.findByTestId(Button, 'save-and-start').props.disabled).toBe(false), { timeoutInMs: 10_000 });

    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Button, 'go-to-syncs').props.variant).toBe('primary'), { timeoutInMs: 120_000 });
    for (const objectType of ['invoices', 'contacts', 'products']) expect(backend.callsTo('PUT', `/syncs/${objectType}`)).toMatchObject([{ status: 200 }]);

    r.findByTestId(Button, 'go-to-syncs').trigger('onClick');
    await r.waitFor(() => expect(r.find(Tabs)).toBeTruthy(), { timeoutInMs: 10_000 });
    fire(r.find(Tabs), 'onSelectedChange', 'objects');
    await r.waitFor(() => expect(r.findByTestId(Button, 'count-contacts-synced')).toBeTruthy(), { timeoutInMs: 10_000 });

    const shown = (objectType: string) => ({
      synced: Number(r.findByTestId(Button, `count-${objectType}-synced`).text),
      failed: Number(r.findByTestId(Button, `count-${objectType}-failed`).text),
      excluded: Number(r.findByTestId(Button, `count-${objectType}-excluded`).text),
    });
    expect(shown('contacts')).toEqual(expected.contacts);
    expect(shown('products')).toEqual(expected.products);
    expect(shown('invoices')).toEqual(expected.invoices);
    // The data above, spelled out: Ann and Bob matched, Xan, Yul and Zed created in HubSpot; Cy, Dee, Eve
    // and the contact without e-mail excluded; 2 products with a SKU, the bolt without one excluded; no invoices.
    expect(expected.contacts).toEqual({ synced: 5, failed: 0, excluded: 4 });
    expect(expected.products).toEqual({ synced: 2, failed: 0, excluded: 1 });
    const linked = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts' }).whereNotNull('hubspot_id').whereNotNull('qbo_id');
    expect(linked).toHaveLength(5);
  }, 180_000);
});
