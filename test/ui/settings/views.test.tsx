/**
 * The object view (R27), the record view (R28) with activity and retry, and the export (R29), over
 * records written by the real contacts sync: of Ann and Amy (one company), whichever syncs first takes
 * the company's name in QuickBooks and the other fails; a contact without e-mail is excluded; a
 * QuickBooks customer is created in HubSpot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, Button, EmptyState, ErrorState, Flex, Link, LoadingSpinner, MultiSelect, SearchInput, Select, Table, TableHeader, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { routeHubSpotFetch } from '../../helpers/ui-backend.ts';
import { fire, textOf } from '../../helpers/ui-render.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { listRecords } from '@quickbooks-sync/ui-shared/records-api.ts';
import { getConnection } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { AccountAlerts } from '../../../app/app/settings/AccountAlerts.tsx';
import { ObjectView } from '../../../app/app/settings/objects/ObjectView.tsx';
import { RecordView } from '../../../app/app/settings/records/RecordView.tsx';

const PORTAL = 64_000_001;
const EMPTY = 64_000_002;
const NOT_INSTALLED = 64_000_009;
const WAIT = { timeoutInMs: 10_000 };

describe('object view, record view, export', () => {
  let h: AppHarness;
  /** The e-mails of the Anvil contact that synced and of the one that failed (the order decides). */
  const anvil = { synced: '', failed: '' };

  beforeAll(async () => {
    h = await startAppHarness();
    for (const [portal, realm] of [[PORTAL, '6400001'], [EMPTY, '6400002']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm)).status).toBe(200);
    }
    const hs = hubspotUser(h, PORTAL);
    const qb = await qboUser(h, '6400001');
    const acme = await hs.create('companies', { name: 'Acme Anvils' });
    for (const [first, mail] of [['Ann', 'ann@anvils.test'], ['Amy', 'amy@anvils.test']] as const) {
      const contact = await hs.create('contacts', { email: mail, firstname: first, lastname: 'Anvil' });
      await hs.associate('contacts', contact.id, 'companies', acme.id, [1]);
    }
    await hs.create('contacts', { firstname: 'No', lastname: 'Mail' });
    await qb.create('Customer', { DisplayName: 'Cat Customer', PrimaryEmailAddr: { Address: 'cat@qbo.test' } });
    const res = await h.signedFetch('/api/v1/syncs/contacts', PORTAL, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(res.status).toBe(200);
    await eventually(async () => (await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' })).length > 0, 60_000);
    const failed = await h.db.db('sync_records').where({ portal_id: PORTAL, object_type: 'contacts', state: 'failed' }).select<Array<{ hubspot_id: string }>>('hubspot_id');
    expect(failed).toHaveLength(1);
    const failedEmail = (await hs.all('contacts')).find((c) => c.id === failed[0]!.hubspot_id)!.properties.email!;
    anvil.failed = failedEmail;
    anvil.synced = failedEmail === 'ann@anvils.test' ? 'amy@anvils.test' : 'ann@anvils.test';
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  function renderObjectView(portalId: number) {
    const backend = routeHubSpotFetch(h);
    const onOpenRecords = vi.fn();
    const r = createRenderer('settings');
    r.render(<ObjectView api={createApiClient(portalId)} onOpenRecords={onOpenRecords} />);
    return { r, backend, onOpenRecords };
  }

  function renderRecordView(portalId: number, pageSize?: number) {
    const backend = routeHubSpotFetch(h);
    const r = createRenderer('settings');
    r.render(<RecordView api={createApiClient(portalId)} initialFilters={{ objectType: 'contacts' }} pageSize={pageSize} />);
    return { r, backend };
  }

  describe('ObjectView', () => {
    it('loading, then the counts the sync recorded; a count opens those records', async () => {
      const { r, onOpenRecords } = renderObjectView(PORTAL);
      expect(r.findByTestId(LoadingSpinner, 'loading')).toBeTruthy();
      await r.waitFor(() => expect(r.findByTestId(Button, 'count-contacts-synced').text).toBe('2'), WAIT);
      expect(r.findByTestId(Button, 'count-contacts-failed').text).toBe('1');
      expect(r.findByTestId(Button, 'count-contacts-excluded').text).toBe('1');
      expect(textOf(r.findByTestId(Flex, 'reasons'))).toContain('Display name already used in QuickBooks');
      r.findByTestId(Button, 'count-contacts-failed').trigger('onClick');
      expect(onOpenRecords).toHaveBeenCalledWith({ objectType: 'contacts', state: 'failed' });
      r.findByTestId(Button, 'reason-contacts-no_match_key').trigger('onClick');
      expect(onOpenRecords).toHaveBeenLastCalledWith({ objectType: 'contacts', state: 'excluded', reasonCode: 'no_match_key' });
    });

    it('filter by object and choose columns', async () => {
      const { r, backend } = renderObjectView(PORTAL);
      await r.waitFor(() => expect(r.findByTestId(Button, 'count-contacts-synced')).toBeTruthy(), WAIT);
      r.findByTestId(MultiSelect, 'object-columns').trigger('onChange', ['failed', 'pending'] as never);
      expect(r.findByTestId(Table, 'object-counts').findAll(TableHeader).map((th) => th.text)).toEqual(['Object', 'Failed', 'Pending']);
      r.findByTestId(Select, 'object-filter').trigger('onChange', 'products' as never);
      await r.waitFor(() => expect(r.findByTestId(EmptyState, 'objects-empty')).toBeTruthy(), WAIT);
      expect(backend.callsTo('GET', '/object-view').at(-1)?.query.get('objectType')).toBe('products');
    });

    it('empty for an account with nothing synced; error when the backend refuses', async () => {
      const empty = renderObjectView(EMPTY);
      await empty.r.waitFor(() => expect(empty.r.findByTestId(EmptyState, 'objects-empty')).toBeTruthy(), WAIT);
      vi.restoreAllMocks();
      const refused = renderObjectView(NOT_INSTALLED);
      await refused.r.waitFor(() => expect(textOf(refused.r.find(ErrorState))).toContain('The app is not installed in this HubSpot account.'), WAIT);
    });
  });

  describe('RecordView', () => {
    it('loading first; the backend refusing the account is shown as an error with its message', async () => {
      const { r } = renderRecordView(NOT_INSTALLED);
      expect(r.findByTestId(LoadingSpinner, 'loading').props.label).toBe('Loading records');
      await r.waitFor(() => expect(textOf(r.find(ErrorState))).toContain('The app is not installed in this HubSpot account.'), WAIT);
      expect(r.maybeFindByTestId(Table, 'records')).toBeNull();
    });

    it('pages by the backend cursor', async () => {
      const { r, backend } = renderRecordView(PORTAL, 3);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records').props).toMatchObject({ page: 1, pageCount: 2 }), WAIT);
      const firstPage = r.findAll(Button).filter((b) => b.props.testId?.startsWith('expand-')).map((b) => b.props.testId);
      expect(firstPage).toHaveLength(3);
      fire(r.findByTestId(Table, 'records'), 'onPageChange', 2);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records').props).toMatchObject({ page: 2, pageCount: 2 }), WAIT);
      const secondPage = r.findAll(Button).filter((b) => b.props.testId?.startsWith('expand-')).map((b) => b.props.testId);
      expect(secondPage).toHaveLength(1);
      expect(firstPage).not.toContain(secondPage[0]);
      expect(backend.callsTo('GET', '/records').at(-1)?.query.get('cursor')).toBeTruthy();
    });

    it('filters on the server: state, text search; an empty result says so', async () => {
      const { r, backend } = renderRecordView(PORTAL);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records')).toBeTruthy(), WAIT);
      r.findByTestId(Select, 'filter-state').trigger('onChange', 'failed' as never);
      await r.waitFor(() => expect(textOf(r.findByTestId(Table, 'records'))).toContain(anvil.failed), WAIT);
      expect(textOf(r.findByTestId(Table, 'records'))).not.toContain(anvil.synced);
      expect(backend.callsTo('GET', '/records').at(-1)?.query.get('state')).toBe('failed');
      r.findByTestId(Select, 'filter-state').trigger('onChange', 'any' as never);
      const typed = anvil.synced.slice(0, 4);
      r.findByTestId(SearchInput, 'filter-search').trigger('onChange', typed as never);
      // The search is sent once typing pauses (debounced), so wait on the calls rather than on the tree.
      await vi.waitFor(() => expect(backend.callsTo('GET', '/records').at(-1)?.query.get('search')).toBe(typed), { timeout: 10_000 });
      await r.waitFor(() => expect(textOf(r.findByTestId(Table, 'records'))).toContain(anvil.synced), WAIT);
      expect(textOf(r.findByTestId(Table, 'records'))).not.toContain(anvil.failed);
      expect(backend.callsTo('GET', '/records').at(-1)?.query.has('state')).toBe(false);
      r.findByTestId(SearchInput, 'filter-search').trigger('onChange', '' as never);
      r.findAll(Select).find((s) => s.props.name === 'objectType')!.trigger('onChange', 'products' as never);
      await r.waitFor(() => expect(r.findByTestId(EmptyState, 'records-empty')).toBeTruthy(), WAIT);
    });

    it('choose columns; a failed row expands to its activity and can be retried', async () => {
      const { r, backend } = renderRecordView(PORTAL);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records')).toBeTruthy(), WAIT);
      r.findByTestId(MultiSelect, 'record-columns').trigger('onChange', ['email', 'state', 'message'] as never);
      expect(r.findByTestId(Table, 'records').findAll(TableHeader).map((th) => th.text)).toEqual(['E-mail', 'Sync state', 'Message', 'Actions']);
      const retry = r.findAll(Button).find((b) => b.props.testId?.startsWith('retry-'))!;
      const id = retry.props.testId!.replace('retry-', '');
      r.findByTestId(Button, `expand-${id}`).trigger('onClick');
      await r.waitFor(() => expect(textOf(r.findByTestId(Flex, `activity-${id}`))).toContain('Display name already used in QuickBooks'), WAIT);
      retry.trigger('onClick');
      await r.waitFor(() => expect(r.findByTestId(Text, `note-${id}`).text).toBe('Retry queued.'), WAIT);
      expect(backend.callsTo('POST', `/records/${id}/retry`)).toMatchObject([{ status: 202 }]);
    });

    it('exports the current filters as CSV, polling the job until its signed download link is ready', async () => {
      const { r, backend } = renderRecordView(PORTAL);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records')).toBeTruthy(), WAIT);
      r.findByTestId(Select, 'filter-state').trigger('onChange', 'synced' as never);
      await r.waitFor(() => expect(backend.callsTo('GET', '/records').at(-1)?.query.get('state')).toBe('synced'), WAIT);
      r.findByTestId(Button, 'export').trigger('onClick');
      await r.waitFor(() => expect(r.findByTestId(Link, 'export-download')).toBeTruthy(), { timeoutInMs: 30_000 });
      const [created] = backend.callsTo('POST', '/exports');
      expect(backend.calls.filter((c) => c.method === 'GET' && c.path.startsWith('/exports/')).length).toBeGreaterThan(0);
      expect(created).toMatchObject({ status: 202, body: { format: 'csv', filters: { objectType: 'contacts', state: 'synced' } } });
      const link = r.findByTestId(Link, 'export-download');
      expect(link.text).toBe('Download 2 records (CSV)');
      const file = await fetch((link.props.href as { url: string }).url);
      expect(file.status).toBe(200);
      const csv = await file.text();
      // Exactly the records the view lists for these filters, one line each after the header.
      const { records } = await listRecords(createApiClient(PORTAL), { objectType: 'contacts', state: 'synced' });
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe('Name,E-mail,Sync state,Reason,Last synced');
      expect(lines.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(records.map((x) => x.email).sort());

      // The in-app alert the settings page shows for a ready export carries the same link.
      const { alerts } = await getConnection(createApiClient(PORTAL));
      const ready = alerts.find((a) => a.link === (link.props.href as { url: string }).url);
      expect(ready).toBeDefined();
      const page = createRenderer('settings');
      page.render(<AccountAlerts alerts={alerts} />);
      expect(page.findAll(Alert).map((a) => a.props.title)).toContain(ready!.title);
      expect(page.findAll(Link).map((l) => (l.props.href as { url: string }).url)).toContain(ready!.link);
    });

    it('exports as Excel when chosen: the job gets the format and the file is an .xlsx workbook', async () => {
      const { r, backend } = renderRecordView(PORTAL);
      await r.waitFor(() => expect(r.findByTestId(Table, 'records')).toBeTruthy(), WAIT);
      r.findByTestId(Select, 'export-format').trigger('onChange', 'xlsx' as never);
      r.findByTestId(Button, 'export').trigger('onClick');
      await r.waitFor(() => expect(r.findByTestId(Link, 'export-download').text).toMatch(/^Download \d+ records \(XLSX\)$/), { timeoutInMs: 30_000 });
      expect(backend.callsTo('POST', '/exports')).toMatchObject([{ status: 202, body: { format: 'xlsx', filters: { objectType: 'contacts' } } }]);
      const file = await fetch((r.findByTestId(Link, 'export-download').props.href as { url: string }).url);
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    });
  });
});
