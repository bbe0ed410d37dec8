/**
 * The guided setup's tax code of invoice lines against the real backend (R22): asked when invoices go to a
 * QuickBooks company outside the US, offered from the company's tax codes (GET /quickbooks/tax-codes),
 * saved as the invoices sync's `taxCodeId`; without one the save shows R22's refusal; a US company is not
 * asked (automated sales tax), so its setup is what it was.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, Button, Select } from '@hubspot/ui-extensions';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { openGuidedSetup } from '../../helpers/settings-setup.tsx';
import { textOf } from '../../helpers/ui-render.ts';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { listSyncs } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { endpoints } from '@quickbooks-sync/contract';

const UK = 66_400_001;
const UK_NO_CODE = 66_400_002;
const US = 66_400_003;
const WAIT = { timeoutInMs: 15_000 };

describe('GuidedSetup tax code of invoice lines (R22)', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const [portal, realm, country] of [[UK, '6640001', 'GB'], [UK_NO_CODE, '6640002', 'GB'], [US, '6640003', 'US']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm, { country })).status).toBe(200);
    }
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  const openSetup = (portalId: number) => openGuidedSetup(h, portalId, WAIT);

  it('a UK company: invoices going to QuickBooks ask for one of its VAT codes, saved in the sync’s options', async () => {
    const { r, backend } = await openSetup(UK);
    expect(r.maybeFindByTestId(Select, 'tax-code-invoices')).toBeNull();
    const { codes } = endpoints.listTaxCodes.response.parse(await (await h.signedFetch('/api/v1/quickbooks/tax-codes', UK)).json());
    const standard = codes.find((c) => c.name === '20.0% S')!;

    r.findByTestId(Select, 'direction-invoices').trigger('onChange', 'two_way' as never);
    await r.waitFor(() => expect(r.findByTestId(Select, 'tax-code-invoices')).toBeTruthy(), WAIT);
    const field = r.findByTestId(Select, 'tax-code-invoices');
    expect(field.props.options.map((o) => o.label)).toEqual(['20.0% S (20 %)', '5.0% R (5 %)', '0.0% Z (0 %)', 'Exempt (0 %)', 'No VAT (0 %)']);
    expect(field.props.description).toContain('QuickBooks companies in GB need a tax code on every invoice line');
    field.trigger('onChange', standard.id as never);
    await r.waitFor(() => expect(r.findByTestId(Select, 'income-account-invoices')).toBeTruthy(), WAIT);
    r.findByTestId(Select, 'income-account-invoices').trigger('onChange', r.findByTestId(Select, 'income-account-invoices').props.options[0]!.value as never);
    expect(backend.callsTo('GET', '/quickbooks/tax-codes').map((c) => c.status)).toEqual([200]);

    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Button, 'go-to-syncs')).toBeTruthy(), WAIT);
    const saved = (await listSyncs(createApiClient(UK))).syncs.find((s) => s.objectType === 'invoices');
    expect(saved).toMatchObject({ direction: 'two_way', options: { taxCodeId: standard.id } });
  });

  it('no code chosen: the save stops at R22’s refusal, naming the choice to make', async () => {
    const { r } = await openSetup(UK_NO_CODE);
    r.findByTestId(Select, 'direction-invoices').trigger('onChange', 'hubspot_to_qbo' as never);
    await r.waitFor(() => expect(r.findByTestId(Select, 'tax-code-invoices')).toBeTruthy(), WAIT);
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'problems-invoices')).toBeTruthy(), WAIT);
    expect(textOf(r.findByTestId(Alert, 'problems-invoices'))).toContain('Choose the default tax code for invoice lines, or choose “QuickBooks → HubSpot”.');
    expect((await listSyncs(createApiClient(UK_NO_CODE))).syncs).toEqual([]);
  });

  it('a US company is not asked: automated sales tax decides', async () => {
    const { r, backend } = await openSetup(US);
    r.findByTestId(Select, 'direction-invoices').trigger('onChange', 'two_way' as never);
    await r.waitFor(() => expect(backend.callsTo('GET', '/quickbooks/tax-codes').map((c) => c.status)).toEqual([200]), WAIT);
    await r.waitFor(() => expect(r.findByTestId(Select, 'income-account-invoices')).toBeTruthy(), WAIT);
    expect(r.maybeFindByTestId(Select, 'tax-code-invoices')).toBeNull();
  });
});
