/**
 * The settings page as a whole, against the real backend: loading, error, needs-reconnect, the guided
 * setup for a new account, and the CRM syncs view (R10, R11) with its actions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, Button, EmptyState, ErrorState, Link, LoadingSpinner, Select, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { routeHubSpotFetch } from '../../helpers/ui-backend.ts';
import { textOf } from '../../helpers/ui-render.ts';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { listSyncs, saveSync } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { SettingsApp } from '../../../app/app/settings/SettingsApp.tsx';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const NEW_ACCOUNT = 62_000_001;
const WITH_SYNC = 62_000_002;
const BROKEN = 62_000_003;
const NOT_INSTALLED = 62_000_009;
const WAIT = { timeoutInMs: 15_000 };

describe('SettingsApp', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const [portal, realm] of [[NEW_ACCOUNT, '6200001'], [WITH_SYNC, '6200002'], [BROKEN, '6200003']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm, { companyName: `Books ${portal}` })).status).toBe(200);
    }
    routeHubSpotFetch(h);
    await saveSync(createApiClient(WITH_SYNC), 'contacts', { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} });
    vi.restoreAllMocks();
    await setQboConnectionStatus(h.ctx.db, BROKEN, 'needs_reconnect', 'QuickBooks refused the refresh token.');
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  function renderFor(portalId: number) {
    const backend = routeHubSpotFetch(h);
    const r = createRenderer('settings');
    r.mocks.context.portal.id = portalId;
    r.render(<SettingsApp />);
    return { r, backend };
  }

  it('shows a spinner while loading, then the guided setup for an account without syncs', async () => {
    const { r } = renderFor(NEW_ACCOUNT);
    expect(r.findByTestId(LoadingSpinner, 'loading').props.label).toBe('Loading your sync settings');
    await r.waitFor(() => expect(r.findByTestId(Button, 'save-and-start')).toBeTruthy(), WAIT);
    expect(textOf(r.getRootNode())).toContain(`Books ${NEW_ACCOUNT}`);
  });

  it('error: the backend refuses an account that has not installed the app, and says so', async () => {
    const { r, backend } = renderFor(NOT_INSTALLED);
    await r.waitFor(() => expect(r.find(ErrorState)).toBeTruthy(), WAIT);
    expect(textOf(r.find(ErrorState))).toContain('The app is not installed in this HubSpot account.');
    // Trees rendered by earlier tests stay mounted and may still call; look at this account's calls only.
    const mine = backend.calls.filter((c) => c.query.get('portalId') === String(NOT_INSTALLED));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.status === 403)).toBe(true);
  });

  it('needs reconnect: the reason and a reconnect action sit above the page', async () => {
    const { r } = renderFor(BROKEN);
    await r.waitFor(() => expect(r.findByTestId(Alert, 'needs-reconnect')).toBeTruthy(), WAIT);
    expect(textOf(r.findByTestId(Alert, 'needs-reconnect'))).toContain('QuickBooks refused the refresh token.');
    r.findAll(Button).find((b) => b.text === 'Reconnect QuickBooks')!.trigger('onClick');
    await r.waitFor(() => expect(r.find(Link).text).toBe('Open QuickBooks to reconnect'), WAIT);
  });

  it('CRM syncs: status, counts and Sync now for a set-up account', async () => {
    const { r, backend } = renderFor(WITH_SYNC);
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'status-contacts').text).toBe('Enabled'), WAIT);
    expect(r.findByTestId(Text, 'synced-contacts').text).toBe('0');
    r.findByTestId(Button, 'sync-now-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Text, 'note-contacts').text).toBe('A sync pass has been queued.'), WAIT);
    expect(backend.callsTo('POST', '/syncs/contacts/sync-now')).toMatchObject([{ status: 202 }]);
  });

  it('CRM syncs: Disable then Enable, and the status follows the backend', async () => {
    const { r } = renderFor(WITH_SYNC);
    await r.waitFor(() => expect(r.findByTestId(Button, 'toggle-contacts').text).toBe('Disable'), WAIT);
    r.findByTestId(Button, 'toggle-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'status-contacts').text).toBe('Disabled'), WAIT);
    expect(r.findByTestId(Button, 'sync-now-contacts').props.disabled).toBe(true);
    r.findByTestId(Button, 'toggle-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'status-contacts').text).toBe('Enabled'), WAIT);
  });

  it('CRM syncs: Edit uses the setup steps and saves through the backend', async () => {
    const { r } = renderFor(WITH_SYNC);
    await r.waitFor(() => expect(r.findByTestId(Button, 'edit-contacts')).toBeTruthy(), WAIT);
    r.findByTestId(Button, 'edit-contacts').trigger('onClick');
    r.findByTestId(Select, 'direction-contacts').trigger('onChange', 'qbo_to_hubspot' as never);
    r.findByTestId(Button, 'save-sync').trigger('onClick');
    await r.waitFor(() => expect(textOf(r.findByTestId(Tile, 'sync-contacts'))).toContain('QuickBooks → HubSpot'), WAIT);
    const { syncs } = await listSyncs(createApiClient(WITH_SYNC));
    expect(syncs.find((s) => s.objectType === 'contacts')?.direction).toBe('qbo_to_hubspot');
  });

  it('CRM syncs: Delete asks first, then the view is empty and offers the setup again', async () => {
    const { r, backend } = renderFor(WITH_SYNC);
    await r.waitFor(() => expect(r.findByTestId(Button, 'delete-contacts')).toBeTruthy(), WAIT);
    r.findByTestId(Button, 'delete-contacts').trigger('onClick');
    expect(backend.callsTo('DELETE', '/syncs/contacts')).toHaveLength(0);
    r.findByTestId(Button, 'confirm-delete-button-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(EmptyState, 'no-syncs')).toBeTruthy(), WAIT);
    expect(backend.callsTo('DELETE', '/syncs/contacts')).toMatchObject([{ status: 204 }]);
    r.findByTestId(Button, 'open-setup').trigger('onClick');
    expect(r.findByTestId(Button, 'save-and-start')).toBeTruthy();
  });
});
