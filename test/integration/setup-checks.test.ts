/**
 * GET /api/v1/setup-checks (R26) against both emulators: each check on and off, QuickBooks Preferences
 * read again at every call (and stored), counts that follow the data, and the contract schema parsing
 * every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../helpers/vendor-data.ts';
import { setupChecksResponseSchema, type SetupCheck } from '@quickbooks-sync/contract';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { contactsAdapter } from '../../backend/src/sync/objects/contacts/contacts-adapter.ts';
import { loadSession } from '../../backend/src/sync/engine/session.ts';
import { runSyncPass } from '../../backend/src/sync/engine/catch-up.ts';

let nextPortal = 63_000_001;
let nextRealm = 8_300_001;

describe('setup checks', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  async function account() {
    const portalId = nextPortal++;
    const realmId = String(nextRealm++);
    expect((await h.install(portalId)).status).toBe(302);
    expect((await h.connect(portalId, realmId)).status).toBe(200);
    return { portalId, realmId, hs: hubspotUser(h, portalId), qb: await qboUser(h, realmId) };
  }

  async function checks(portalId: number): Promise<SetupCheck[]> {
    // The person opens the setup page after their edits: HubSpot's search (which counts) has indexed them.
    await hubspotUser(h, portalId).searchIndexed();
    const res = await h.signedFetch('/api/v1/setup-checks', portalId);
    expect(res.status, await res.clone().text()).toBe(200);
    return setupChecksResponseSchema.parse(await res.json()).checks;
  }

  /** The bookkeeper changes QuickBooks settings (a sparse Preferences update, from their own app). */
  async function setPreferences(qb: Awaited<ReturnType<typeof qboUser>>, sections: Record<string, unknown>): Promise<void> {
    const current = (await qb.api('GET', '/preferences')).Preferences as { SyncToken: string };
    await qb.api('POST', '/preferences', { Id: '1', SyncToken: current.SyncToken, sparse: true, ...sections });
  }

  it('a new company: closed periods not locked (recommendation), custom numbers off (no warning), counts of SKU-less products and unsynced customers', async () => {
    const a = await account();
    await a.hs.create('products', { name: 'No SKU 1' });
    await a.hs.create('products', { name: 'No SKU 2', hs_sku: '' });
    await a.hs.create('products', { name: 'Has SKU', hs_sku: 'S-1' });
    for (const name of ['Ann', 'Bob', 'Cy']) await a.qb.create('Customer', { DisplayName: name, PrimaryEmailAddr: { Address: `${name.toLowerCase()}@checks.test` } });
    const found = await checks(a.portalId);
    expect(found.map((c) => [c.id, c.level, c.count])).toEqual([
      ['closed_books_lock', 'recommendation', undefined],
      ['products_without_sku', 'info', 2],
      ['customers_not_synced', 'info', 3],
    ]);
    expect(found[0]!.message).toContain('Close the books');
    expect(found[1]).toMatchObject({ title: '2 HubSpot products have no SKU', message: expect.stringContaining('add SKUs to the QuickBooks products and services') });
    expect(found[2]).toMatchObject({ title: '3 QuickBooks customers are not synced to HubSpot yet', message: expect.stringContaining('billing contact') });
  });

  it('QuickBooks settings are read again at every visit: custom numbers on → warning; books closed → no recommendation', async () => {
    const a = await account();
    expect((await checks(a.portalId)).map((c) => c.id)).toEqual(['closed_books_lock']);
    await setPreferences(a.qb, { SalesFormsPrefs: { CustomTxnNumbers: true }, AccountingInfoPrefs: { BookCloseDate: '2026-06-30' } });
    const found = await checks(a.portalId);
    expect(found).toEqual([
      {
        id: 'custom_transaction_numbers',
        level: 'warning',
        title: 'Turn off custom transaction numbers in QuickBooks',
        message: expect.stringContaining('invoices synced from HubSpot take the HubSpot invoice number, prefix included, and can clash with numbers already used in QuickBooks'),
      },
    ]);
    const stored = await h.db.db('qbo_connections').where({ portal_id: a.portalId }).first<{ preferences: { SalesFormsPrefs: { CustomTxnNumbers: boolean }; AccountingInfoPrefs: { BookCloseDate?: string } } }>();
    expect(stored.preferences.SalesFormsPrefs.CustomTxnNumbers).toBe(true);
    expect(stored.preferences.AccountingInfoPrefs.BookCloseDate).toBe('2026-06-30');
    await setPreferences(a.qb, { SalesFormsPrefs: { CustomTxnNumbers: false } });
    expect(await checks(a.portalId)).toEqual([]);
  });

  it('the counts follow the data: SKUs added and customers synced make their checks go away', async () => {
    const a = await account();
    const bare = await a.hs.create('products', { name: 'Bare' });
    await a.qb.create('Customer', { DisplayName: 'Dee', PrimaryEmailAddr: { Address: 'dee@checks.test' } });
    await a.qb.create('Customer', { DisplayName: 'Eve', PrimaryEmailAddr: { Address: 'eve@checks.test' } });
    expect((await checks(a.portalId)).map((c) => [c.id, c.count])).toEqual([['closed_books_lock', undefined], ['products_without_sku', 1], ['customers_not_synced', 2]]);

    await a.hs.update('products', bare.id, { hs_sku: 'B-1' });
    const res = await h.signedFetch('/api/v1/syncs/contacts', a.portalId, {
      method: 'PUT',
      body: { direction: 'qbo_to_hubspot', conflictWinner: 'quickbooks', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(res.status).toBe(200);
    const session = await loadSession(h.ctx, a.portalId, 'contacts');
    if (!session.ok) throw new Error(session.reason);
    await runSyncPass(session.session, contactsAdapter, 'first_sync');
    expect((await checks(a.portalId)).map((c) => c.id)).toEqual(['closed_books_lock']);

    // one more customer in QuickBooks, not synced yet
    await a.qb.create('Customer', { DisplayName: 'Fay', PrimaryEmailAddr: { Address: 'fay@checks.test' } });
    expect((await checks(a.portalId)).find((c) => c.id === 'customers_not_synced')).toMatchObject({ count: 1, title: '1 QuickBooks customer is not synced to HubSpot yet' });
  });

  it('without a QuickBooks connection the checks cannot run and say why', async () => {
    const portalId = nextPortal++;
    expect((await h.install(portalId)).status).toBe(302);
    const res = await h.signedFetch('/api/v1/setup-checks', portalId);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict', message: 'Connect QuickBooks first: the setup checks read its settings.' } });
  });
});
