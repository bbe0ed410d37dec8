/**
 * The guided setup's income-account choices against the real backend: asked only when a products or
 * invoices sync writes to QuickBooks, offered from the company's income accounts (GET
 * /quickbooks/income-accounts), saved as the sync's `incomeAccountId` / `customLineIncomeAccountId` (R13);
 * and the field's loading and error states.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Button, ErrorState, LoadingSpinner, Select } from '@hubspot/ui-extensions';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { qboUser } from '../../helpers/vendor-data.ts';
import { openGuidedSetup } from '../../helpers/settings-setup.tsx';
import { textOf } from '../../helpers/ui-render.ts';
import { setQboConnectionStatus } from '../../../backend/src/db/qbo-connections.ts';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { listSyncs } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { endpoints } from '@quickbooks-sync/contract';

const RECOMMENDED = 66_300_001;
const CHOOSING = 66_300_002;
const LOST_CONNECTION = 66_300_003;
const WAIT = { timeoutInMs: 15_000 };

describe('GuidedSetup income accounts', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const [portal, realm] of [[RECOMMENDED, '6630001'], [CHOOSING, '6630002'], [LOST_CONNECTION, '6630003']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm)).status).toBe(200);
    }
    await (await qboUser(h, '6630002')).create('Account', { Name: 'Consulting Income', AccountType: 'Income' });
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  const openSetup = (portalId: number) => openGuidedSetup(h, portalId, WAIT);

  it('not asked while products and invoices only come from QuickBooks (the recommended setup)', async () => {
    const { r, backend } = await openSetup(RECOMMENDED);
    expect(r.findByTestId(Select, 'direction-products').props.value).toBe('qbo_to_hubspot');
    expect(r.findByTestId(Select, 'direction-invoices').props.value).toBe('qbo_to_hubspot');
    expect(r.maybeFindByTestId(Select, 'income-account-products')).toBeNull();
    expect(r.maybeFindByTestId(Select, 'income-account-invoices')).toBeNull();
    expect(backend.callsTo('GET', '/quickbooks/income-accounts')).toEqual([]);
  });

  it('products and invoices going to QuickBooks: chosen from the company’s income accounts and saved in the syncs’ options', async () => {
    const { r, backend } = await openSetup(CHOOSING);
    // Read straight from the backend, not through the UI's hubspot.fetch (its calls are counted below).
    const { accounts } = endpoints.listIncomeAccounts.response.parse(await (await h.signedFetch('/api/v1/quickbooks/income-accounts', CHOOSING)).json());
    const consulting = accounts.find((a) => a.name === 'Consulting Income')!;
    const services = accounts.find((a) => a.name === 'Services')!;

    r.findByTestId(Select, 'direction-products').trigger('onChange', 'hubspot_to_qbo' as never);
    expect(r.findByTestId(LoadingSpinner, 'loading-income-accounts-products')).toBeTruthy();
    await r.waitFor(() => expect(r.findByTestId(Select, 'income-account-products')).toBeTruthy(), WAIT);
    const products = r.findByTestId(Select, 'income-account-products');
    expect(products.props.options).toEqual(accounts.map((a) => ({ value: a.id, label: a.name })));
    expect(products.props.options.map((o) => o.label)).toEqual(['Consulting Income', 'Sales of Product Income', 'Services', 'Uncategorized Income']);
    expect(products.props.value).toBeUndefined();
    products.trigger('onChange', consulting.id as never);
    expect(r.findByTestId(Select, 'income-account-products').props.value).toBe(consulting.id);

    r.findByTestId(Select, 'direction-invoices').trigger('onChange', 'two_way' as never);
    await r.waitFor(() => expect(r.findByTestId(Select, 'income-account-invoices')).toBeTruthy(), WAIT);
    expect(r.findByTestId(Select, 'income-account-invoices').props.label).toBe('Income account of the "Custom line item"');
    r.findByTestId(Select, 'income-account-invoices').trigger('onChange', services.id as never);
    expect(backend.callsTo('GET', '/quickbooks/income-accounts').map((c) => c.status)).toEqual([200, 200]);

    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Button, 'go-to-syncs')).toBeTruthy(), WAIT);
    const saved = (await listSyncs(createApiClient(CHOOSING))).syncs;
    expect(saved.find((s) => s.objectType === 'products')).toMatchObject({ direction: 'hubspot_to_qbo', options: { incomeAccountId: consulting.id } });
    expect(saved.find((s) => s.objectType === 'invoices')).toMatchObject({ direction: 'two_way', options: { customLineIncomeAccountId: services.id } });
  });

  it('QuickBooks lost after the page loaded: the field shows the backend’s reason and a retry', async () => {
    const { r, backend } = await openSetup(LOST_CONNECTION);
    await setQboConnectionStatus(h.ctx.db, LOST_CONNECTION, 'needs_reconnect', 'QuickBooks refused the refresh token.');
    r.findByTestId(Select, 'direction-products').trigger('onChange', 'two_way' as never);
    await r.waitFor(() => expect(r.findByTestId(ErrorState, 'error-income-accounts-products')).toBeTruthy(), WAIT);
    expect(textOf(r.findByTestId(ErrorState, 'error-income-accounts-products'))).toContain('Connect QuickBooks first: its income accounts are read from the company.');
    expect(backend.callsTo('GET', '/quickbooks/income-accounts')).toMatchObject([{ status: 409 }]);
  });
});
