/**
 * The "QuickBooks sync status" card (R31) on contact and deal records, over records written by the real
 * contacts and invoices syncs: a synced contact, a failed one (with its fix and a retry), one the sync has
 * not seen, a deal's synced invoice with its QuickBooks link; and the card's loading, error,
 * not-connected and needs-reconnect states.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, Button, EmptyState, ErrorState, Link, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { routeHubSpotFetch } from '../../helpers/ui-backend.ts';
import { textOf } from '../../helpers/ui-render.ts';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';
import { defaultCompanyMappings, defaultContactMappings, defaultInvoiceMappings } from '@quickbooks-sync/contract/definitions';
import { InvoiceSyncStatus } from '../../../app/app/cards/InvoiceSyncStatus.tsx';

const PORTAL = 66_000_001;
const NOT_CONNECTED = 66_000_002;
const BROKEN = 66_000_003;
const COMPANIES = 66_000_004;
const NOT_INSTALLED = 66_000_009;
const WAIT = { timeoutInMs: 10_000 };

interface SyncedRow {
  hubspot_id: string;
  qbo_id: string;
  state: string;
}

describe('InvoiceSyncStatus card', () => {
  let h: AppHarness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAppHarness();
    for (const [portal, realm] of [[PORTAL, '6600001'], [NOT_CONNECTED, undefined], [BROKEN, '6600003'], [COMPANIES, '6600004']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      if (realm) expect((await h.connect(portal, realm)).status).toBe(200);
    }
    await setQboConnectionStatus(h.ctx.db, BROKEN, 'needs_reconnect', 'QuickBooks refused the refresh token.');

    const hs = hubspotUser(h, PORTAL);
    const qb = await qboUser(h, '6600001');
    const acme = await hs.create('companies', { name: 'Acme Anvils' });
    ids.acme = acme.id;
    // Companies mode (issue 16): an account whose companies are its QuickBooks customers.
    const b2b = await hubspotUser(h, COMPANIES).create('companies', { name: 'Beta Bolts' });
    ids.b2b = b2b.id;
    const b2bSync = await h.signedFetch('/api/v1/syncs/companies', COMPANIES, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultCompanyMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(b2bSync.status).toBe(200);
    for (const [first, mail] of [['Ann', 'ann@anvils.test'], ['Amy', 'amy@anvils.test']] as const) {
      const contact = await hs.create('contacts', { email: mail, firstname: first, lastname: 'Anvil' });
      await hs.associate('contacts', contact.id, 'companies', acme.id, [1]);
      ids[first] = contact.id;
    }
    const cat = await qb.create('Customer', { DisplayName: 'Cat Customer', PrimaryEmailAddr: { Address: 'cat@qbo.test' } });
    const income = (await qb.all('Account')).find((a) => a.Name === 'Services')!;
    const gear = await qb.create('Item', { Name: 'Gear', Sku: 'G-1', UnitPrice: 10, Type: 'NonInventory', IncomeAccountRef: { value: income.Id } });
    const invoice = await qb.create('Invoice', { CustomerRef: { value: cat.Id }, Line: [{ DetailType: 'SalesItemLineDetail', Amount: 20, SalesItemLineDetail: { ItemRef: { value: gear.Id }, Qty: 2, UnitPrice: 10 } }] });
    for (const [objectType, fieldMappings] of [['contacts', defaultContactMappings()], ['invoices', defaultInvoiceMappings()]] as const) {
      const res = await h.signedFetch(`/api/v1/syncs/${objectType}`, PORTAL, {
        method: 'PUT',
        body: { direction: objectType === 'contacts' ? 'two_way' : 'qbo_to_hubspot', conflictWinner: 'hubspot', fieldMappings, filters: { toQbo: [], toHubSpot: [] }, options: {} },
      });
      expect(res.status).toBe(200);
    }
    const synced = await eventually(
      async () => (await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'invoices', qbo_id: invoice.Id, state: 'synced' }).first<SyncedRow>()) ?? undefined,
      60_000,
    );
    ids.invoice = synced.hubspot_id;
    ids.qboInvoice = invoice.Id;
    // Ann and Amy share a company: whichever syncs first takes its name in QuickBooks, the other fails (R14).
    const failed = await eventually(
      async () => (await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts', state: 'failed' }).whereIn('hubspot_id', [ids.Ann!, ids.Amy!]).first<SyncedRow>()) ?? undefined,
      60_000,
    );
    ids.failed = failed.hubspot_id;
    ids.synced = failed.hubspot_id === ids.Ann ? ids.Amy! : ids.Ann!;
    await eventually(async () => (await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts', state: 'synced', hubspot_id: ids.synced }).first<SyncedRow>()) ?? undefined, 60_000);
  }, 90_000);
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  function renderCard(portalId: number, record: { objectTypeId: string; objectId: number }, invoiceIds: string[] = []) {
    const backend = routeHubSpotFetch(h);
    const r = createRenderer('crm.record.tab');
    r.mocks.context.portal.id = portalId;
    r.mocks.context.crm.objectTypeId = record.objectTypeId;
    r.mocks.context.crm.objectId = record.objectId;
    r.mocks.useAssociations.willCall(() => ({
      results: invoiceIds.map((id) => ({ toObjectId: Number(id), associationTypes: [], properties: { hs_number: null } })),
      error: null,
      isLoading: false,
      isRefetching: false,
      refetch: async () => {},
      pagination: { hasNextPage: false, hasPreviousPage: false, currentPage: 1, pageSize: 10, nextPage: () => {}, previousPage: () => {}, reset: () => {} },
    }));
    r.render(<InvoiceSyncStatus />);
    return { r, backend };
  }

  it('a synced contact: loading first, then its state, last sync and QuickBooks link', async () => {
    const { r } = renderCard(PORTAL, { objectTypeId: '0-1', objectId: Number(ids.synced) });
    expect(r.findByTestId(LoadingSpinner, 'loading')).toBeTruthy();
    await r.waitFor(() => expect(r.findByTestId(StatusTag, `state-contacts-${ids.synced}`).text).toBe('Synced'), WAIT);
    expect(r.findByTestId(Link, `qbo-link-contacts-${ids.synced}`).props.href).toMatchObject({ external: true });
    expect(r.findByTestId(Text, 'no-invoices').text).toBe('No invoices on this record.');
    expect(r.mocks.useAssociations.calls[0]?.[0]).toMatchObject({ toObjectType: '0-53' });
  });

  it('a failed contact: the error and how to fix it, and Retry reaches the backend', async () => {
    const { r, backend } = renderCard(PORTAL, { objectTypeId: '0-1', objectId: Number(ids.failed) });
    await r.waitFor(() => expect(r.findByTestId(StatusTag, `state-contacts-${ids.failed}`).text).toBe('Failed'), WAIT);
    expect(r.findByTestId(Text, `message-contacts-${ids.failed}`).text).toContain('Display name already used in QuickBooks');
    r.findByTestId(Button, `retry-contacts-${ids.failed}`).trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, `note-contacts-${ids.failed}`).text).toBe('Retry queued.'), WAIT);
    expect(backend.calls.find((c) => c.method === 'POST' && c.path.endsWith('/retry'))?.status).toBe(202);
  });

  it('a deal with a synced invoice: its state and QuickBooks link; Sync now queues that invoice’s pass (R31)', async () => {
    const { r, backend } = renderCard(PORTAL, { objectTypeId: '0-3', objectId: 1 }, [ids.invoice!]);
    await r.waitFor(() => expect(r.findByTestId(StatusTag, `state-invoices-${ids.invoice}`).text).toBe('Synced'), WAIT);
    expect(r.maybeFindByTestId(StatusTag, `state-contacts-1`)).toBeNull();
    expect((r.findByTestId(Link, `qbo-link-invoices-${ids.invoice}`).props.href as { url: string }).url).toContain(ids.qboInvoice);
    r.findByTestId(Button, `sync-now-invoices-${ids.invoice}`).trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, `note-invoices-${ids.invoice}`).text).toBe('Queued: this record syncs in a few seconds.'), WAIT);
    expect(backend.callsTo('POST', '/records/sync-now')).toMatchObject([{ status: 202, body: { objectType: 'invoices', hubspotId: ids.invoice } }]);
    expect(backend.callsTo('POST', '/syncs/invoices/sync-now')).toEqual([]);
  });

  it('a company synced as a customer (companies mode): its own state; in contacts mode a company shows only its invoices', async () => {
    await eventually(async () => (await h.db.db('sync_records').where({ portal_id: COMPANIES, object_type: 'companies', hubspot_id: ids.b2b, state: 'synced' }).first<SyncedRow>()) ?? undefined, 60_000);
    const { r } = renderCard(COMPANIES, { objectTypeId: '0-2', objectId: Number(ids.b2b) });
    await r.waitFor(() => expect(r.findByTestId(StatusTag, `state-companies-${ids.b2b}`).text).toBe('Synced'), WAIT);
    expect(r.findByTestId(Link, `qbo-link-companies-${ids.b2b}`).props.href).toMatchObject({ external: true });
    const contactsMode = renderCard(PORTAL, { objectTypeId: '0-2', objectId: Number(ids.acme) });
    // The card asked which syncs the account has (the backend call, not a render, is what to wait for).
    await eventually(async () => contactsMode.backend.callsTo('GET', '/syncs').some((c) => c.status === 200), 10_000);
    await contactsMode.r.waitFor(() => expect(contactsMode.r.findByTestId(Text, 'no-invoices')).toBeTruthy(), WAIT);
    expect(contactsMode.r.maybeFindByTestId(StatusTag, `state-companies-${ids.acme}`)).toBeNull();
    expect(contactsMode.r.maybeFindByTestId(Text, `unseen-companies-${ids.acme}`)).toBeNull();
  });

  it('a record the sync has not seen says so', async () => {
    const { r } = renderCard(PORTAL, { objectTypeId: '0-1', objectId: 99_999_999 });
    await r.waitFor(() => expect(r.findByTestId(Text, 'unseen-contacts-99999999')).toBeTruthy(), WAIT);
  });

  it('not connected, needs reconnect, and a backend error each have their state', async () => {
    const notConnected = renderCard(NOT_CONNECTED, { objectTypeId: '0-3', objectId: 1 });
    await notConnected.r.waitFor(() => expect(notConnected.r.findByTestId(EmptyState, 'not-connected')).toBeTruthy(), WAIT);
    vi.restoreAllMocks();
    const broken = renderCard(BROKEN, { objectTypeId: '0-3', objectId: 1 });
    await broken.r.waitFor(() => expect(textOf(broken.r.findByTestId(Alert, 'needs-reconnect'))).toContain('QuickBooks refused the refresh token.'), WAIT);
    vi.restoreAllMocks();
    const refused = renderCard(NOT_INSTALLED, { objectTypeId: '0-3', objectId: 1 });
    await refused.r.waitFor(() => expect(textOf(refused.r.find(ErrorState))).toContain('The app is not installed in this HubSpot account.'), WAIT);
  });
});
