/**
 * The QuickBooks connection box (R2) in each of its states, rendered from what the real backend answers
 * for accounts in those states: not connected, connected, needing a reconnect, and replacing a company.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Button, DescriptionList, Link, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { routeHubSpotFetch } from '../../helpers/ui-backend.ts';
import { textOf } from '../../helpers/ui-render.ts';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { getConnection } from '@quickbooks-sync/ui-shared/connection-api.ts';
import { ConnectionSection } from '../../../app/app/settings/connection/ConnectionSection.tsx';

const CONNECTED = 61_000_001;
const NOT_CONNECTED = 61_000_002;
const BROKEN = 61_000_003;
const TO_DISCONNECT = 61_000_004;

describe('ConnectionSection', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const portal of [CONNECTED, NOT_CONNECTED, BROKEN, TO_DISCONNECT]) expect((await h.install(portal)).status).toBe(302);
    expect((await h.connect(CONNECTED, '6100001', { companyName: 'Acme Books', country: 'US', homeCurrency: 'USD' })).status).toBe(200);
    expect((await h.connect(BROKEN, '6100003', { companyName: 'Broken Books' })).status).toBe(200);
    expect((await h.connect(TO_DISCONNECT, '6100004')).status).toBe(200);
    await setQboConnectionStatus(h.ctx.db, BROKEN, 'needs_reconnect', 'QuickBooks refused the refresh token. Reconnect the company.');
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  async function renderFor(portalId: number) {
    const backend = routeHubSpotFetch(h);
    const api = createApiClient(portalId);
    const connection = await getConnection(api);
    const onChanged = vi.fn();
    const r = createRenderer('settings');
    r.render(<ConnectionSection api={api} connection={connection} onChanged={onChanged} />);
    return { r, backend, onChanged };
  }

  it('connected: shows the company, its country and currency', async () => {
    const { r } = await renderFor(CONNECTED);
    expect(r.findByTestId(Text, 'company-name').text).toBe('Acme Books');
    const list = r.find(DescriptionList);
    expect(textOf(list)).toContain('US');
    expect(textOf(list)).toContain('USD');
    expect(r.maybeFindByTestId(Button, 'connect-quickbooks')?.text).toBe('Connect a different company');
  });

  it('not connected: the connect button fetches a signed, single-use link from the backend', async () => {
    const { r, backend, onChanged } = await renderFor(NOT_CONNECTED);
    expect(r.maybeFind(DescriptionList)).toBeNull();
    r.findByTestId(Button, 'connect-quickbooks').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Link, 'connect-link').props.href).toMatchObject({ external: true }), { timeoutInMs: 5000 });
    const href = r.findByTestId(Link, 'connect-link').props.href as { url: string };
    expect(href.url).toMatch(new RegExp(`^${h.url}/oauth/quickbooks/start\\?state=`));
    expect(backend.callsTo('POST', '/quickbooks/connect-link')).toMatchObject([{ status: 200, body: { replace: false } }]);
    r.findAll(Button).find((b) => b.text === 'I have connected — refresh')!.trigger('onClick');
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('connecting another company asks before replacing (the backend answers 409 first)', async () => {
    const { r, backend } = await renderFor(CONNECTED);
    r.findByTestId(Button, 'connect-quickbooks').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Button, 'confirm-replace')).toBeTruthy(), { timeoutInMs: 5000 });
    expect(textOf(r.getRootNode())).toContain('already connected to the QuickBooks company “Acme Books”');
    r.findByTestId(Button, 'confirm-replace').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Link, 'connect-link')).toBeTruthy(), { timeoutInMs: 5000 });
    expect(backend.callsTo('POST', '/quickbooks/connect-link').map((c) => c.status)).toEqual([409, 200]);
  });

  it('needs reconnect: shows the state and why (the page above offers the reconnect)', async () => {
    const { r } = await renderFor(BROKEN);
    expect(r.findByTestId(StatusTag, 'connection-status').text).toBe('Needs reconnect');
    expect(r.findByTestId(Text, 'connection-reason').text).toBe('QuickBooks refused the refresh token. Reconnect the company.');
  });

  it('disconnect asks first, then the backend disconnects the company', async () => {
    const { r, backend, onChanged } = await renderFor(TO_DISCONNECT);
    r.findByTestId(Button, 'disconnect').trigger('onClick');
    expect(backend.callsTo('POST', '/quickbooks/disconnect')).toHaveLength(0);
    r.findByTestId(Button, 'confirm-disconnect').trigger('onClick');
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalledOnce(), { timeout: 5000 });
    expect(backend.callsTo('POST', '/quickbooks/disconnect')).toMatchObject([{ status: 200 }]);
    expect((await getConnection(createApiClient(TO_DISCONNECT))).quickbooks?.status).toBe('disconnected');
  });
});
