/**
 * The guided setup (R4, R7, R8, R9) against the real backend: sections pre-filled with the recommended
 * settings, default mappings switched off, custom mappings added / edited / deleted, a section's errors
 * shown at its bottom (from the backend's validation, and from empty fields before anything is sent),
 * then "Save and start sync" saving what the person chose and showing the first sync.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alert, Button, Flex, Input, Select, Text, Toggle } from '@hubspot/ui-extensions';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { openGuidedSetup } from '../../helpers/settings-setup.tsx';
import { textOf } from '../../helpers/ui-render.ts';
import { createApiClient } from '@quickbooks-sync/ui-shared/api-client.ts';
import { listSyncs } from '@quickbooks-sync/ui-shared/syncs-api.ts';
import { getSetupChecks } from '@quickbooks-sync/ui-shared/setup-checks-api.ts';

const CUSTOMIZED = 63_000_001;
const EMPTY_FILTER = 63_000_002;
const NOT_CONNECTED = 63_000_003;
const POLICY = 63_000_004;
const COMPANIES = 63_000_005;
const WAIT = { timeoutInMs: 15_000 };

describe('GuidedSetup', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const portal of [CUSTOMIZED, EMPTY_FILTER, NOT_CONNECTED, POLICY, COMPANIES]) expect((await h.install(portal)).status).toBe(302);
    expect((await h.connect(CUSTOMIZED, '6300001')).status).toBe(200);
    expect((await h.connect(EMPTY_FILTER, '6300002')).status).toBe(200);
    expect((await h.connect(POLICY, '6300004')).status).toBe(200);
    expect((await h.connect(COMPANIES, '6300005')).status).toBe(200);
  });
  afterAll(async () => h.close());
  afterEach(() => vi.restoreAllMocks());

  const openSetup = (portalId: number) => openGuidedSetup(h, portalId, WAIT);

  it('without QuickBooks: only the connect step, and nothing can be saved', async () => {
    const { r } = await openSetup(NOT_CONNECTED);
    expect(r.findByTestId(Button, 'save-and-start').props.disabled).toBe(true);
    expect(r.findByTestId(Button, 'connect-quickbooks').text).toBe('Connect QuickBooks');
    expect(textOf(r.getRootNode())).toContain('Connect QuickBooks to choose what to sync.');
  });

  it('shows the setup checks (R26) the backend computed for the connected company', async () => {
    const { r, backend } = await openSetup(CUSTOMIZED);
    await r.waitFor(() => expect(r.findByTestId(Flex, 'setup-checks')).toBeTruthy(), WAIT);
    const [call] = backend.callsTo('GET', '/setup-checks');
    expect(call?.status).toBe(200);
    const { checks } = await getSetupChecks(createApiClient(CUSTOMIZED));
    expect(r.findByTestId(Flex, 'setup-checks').findAll(Alert).map((a) => a.props.title)).toEqual(checks.map((c) => c.title));
    expect(r.maybeFindByTestId(Text, 'setup-checks-clear') !== null).toBe(checks.length === 0);
  });

  it('pre-fills the recommended contacts settings (two-way, every default mapping on, R9\'s invoice filter)', async () => {
    const { r } = await openSetup(CUSTOMIZED);
    expect(r.findByTestId(Select, 'direction-contacts').props.value).toBe('two_way');
    expect(r.findByTestId(Select, 'conflict-winner-contacts').props.value).toBe('quickbooks');
    expect(r.findByTestId(Toggle, 'mapping-contacts-email').props.checked).toBe(true);
    // Invoices and products: one-way QuickBooks → HubSpot (R9); products only with a SKU (R12).
    expect(r.findByTestId(Select, 'direction-invoices').props.value).toBe('qbo_to_hubspot');
    expect(r.findByTestId(Select, 'direction-products').props.value).toBe('qbo_to_hubspot');
    await r.waitFor(() => expect(r.findByTestId(Flex, 'criterion-products-toHubSpot-0-0').find(Select, { name: 'property' }).props.value).toBe('Sku'), WAIT);
    expect(r.findByTestId(Flex, 'criterion-products-toHubSpot-0-0').find(Select, { name: 'operator' }).props.value).toBe('HAS_PROPERTY');
    expect(r.findByTestId(Toggle, 'mapping-contacts-display_name').props.checked).toBe(true);
    // Filter properties are chosen from the fields the backend lists, once they have loaded. R9: one group of
    // three criteria on the contact's associated invoices (status not draft, created after setup, source HubSpot).
    await r.waitFor(() => expect(r.findByTestId(Flex, 'criterion-contacts-toQbo-0-0').find(Select, { name: 'property' }).props.value).toBe('invoice:hs_invoice_status'), WAIT);
    const criteria = [0, 1, 2].map((i) => r.findByTestId(Flex, `criterion-contacts-toQbo-0-${i}`));
    expect(criteria.map((c) => [c.find(Select, { name: 'property' }).props.value, c.find(Select, { name: 'operator' }).props.value])).toEqual([
      ['invoice:hs_invoice_status', 'NEQ'],
      ['invoice:hs_createdate', 'GT'],
      ['invoice:hs_invoice_source', 'EQ'],
    ]);
    expect(criteria[0]!.find(Select, { name: 'property' }).props.options).toContainEqual({ value: 'invoice:hs_invoice_status', label: 'Invoice status (associated invoice)' });
    expect(criteria[1]!.findAll(Input).map((i) => i.props.value)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)]);
    // Associated-invoice properties are for filters only: the custom mapping form does not offer them.
    r.findByTestId(Button, 'add-mapping-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Flex, 'custom-mapping-form-contacts')).toBeTruthy(), WAIT);
    const mappable = r.findAll(Select).find((x) => x.props.name === 'hubspotProperty')!.props.options.map((o) => o.value);
    expect(mappable).toContain('jobtitle');
    expect(mappable.filter((v) => String(v).startsWith('invoice:'))).toEqual([]);
    // The display-name policy: R14's failure is the default.
    expect(r.findByTestId(Select, 'display-name-policy').props.value).toBe('fail');
    // Deletions and customers made inactive (issue 16): opt-in, the defaults keep the other side.
    expect(r.findByTestId(Select, 'deletions-contacts').props.value).toBe('keep');
    expect(r.findByTestId(Select, 'inactive-customers-contacts').props.value).toBe('keep');
    expect(r.findByTestId(Select, 'inactive-customers-contacts').props.options.map((o) => o.value)).toEqual(['keep', 'archive']);
    expect(r.findByTestId(Select, 'deletions-invoices').props.value).toBe('keep');
    expect(r.maybeFindByTestId(Select, 'inactive-customers-invoices')).toBeNull();
  });

  it('the display-name policy and the inactive-customer choice made in the setup are saved with the contacts sync', async () => {
    const { r, backend } = await openSetup(POLICY);
    r.findByTestId(Select, 'display-name-policy').trigger('onChange', 'resolve' as never);
    r.findByTestId(Select, 'inactive-customers-contacts').trigger('onChange', 'archive' as never);
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(backend.callsTo('PUT', '/syncs/contacts')).toMatchObject([{ status: 200 }]), WAIT);
    const contacts = (await listSyncs(createApiClient(POLICY))).syncs.find((x) => x.objectType === 'contacts');
    expect(contacts?.options).toMatchObject({ displayNameClash: 'resolve', inactiveCustomers: 'archive' });
  });

  it('the customers section offers companies mode (issue 16); contacts are the default', async () => {
    const { r, backend } = await openSetup(COMPANIES);
    const mode = r.findByTestId(Select, 'customer-mode');
    expect(mode.props.value).toBe('contacts');
    expect(mode.props.options.map((o) => o.value)).toEqual(['contacts', 'companies']);
    expect(r.maybeFindByTestId(Select, 'direction-companies')).toBeNull();
    mode.trigger('onChange', 'companies' as never);
    await r.waitFor(() => expect(r.findByTestId(Select, 'direction-companies').props.value).toBe('two_way'), WAIT);
    expect(r.maybeFindByTestId(Select, 'direction-contacts')).toBeNull();
    expect(r.findByTestId(Toggle, 'mapping-companies-billing_email').props.checked).toBe(true);
    expect(r.findByTestId(Select, 'deletions-companies').props.value).toBe('keep');
    r.findByTestId(Input, 'billing-contact-label').trigger('onChange', 'Billing contact' as never);
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(backend.callsTo('PUT', '/syncs/companies')).toMatchObject([{ status: 200 }]), WAIT);
    expect(backend.callsTo('PUT', '/syncs/contacts')).toEqual([]);
    const syncs = (await listSyncs(createApiClient(COMPANIES))).syncs;
    expect(syncs.find((x) => x.objectType === 'companies')?.options).toMatchObject({ billingContactLabel: 'Billing contact' });
    expect(syncs.find((x) => x.objectType === 'contacts')).toBeUndefined();
  });

  it('a bad custom mapping: the backend’s reason shows at the bottom of its section, and nothing is started', async () => {
    const { r, backend } = await openSetup(CUSTOMIZED);
    r.findByTestId(Toggle, 'mapping-contacts-phone').trigger('onChange', false as never);
    r.findByTestId(Button, 'add-mapping-contacts').trigger('onClick');
    // The form offers the fields the backend lists for contacts (GET /syncs/contacts/fields).
    await r.waitFor(() => expect(r.findByTestId(Flex, 'custom-mapping-form-contacts')).toBeTruthy(), WAIT);
    const qboOptions = r.findAll(Select).find((x) => x.props.name === 'qboField')!.props.options.map((o) => o.value);
    expect(qboOptions).toEqual(expect.arrayContaining(['Notes', 'Balance', 'GivenName']));
    r.findAll(Select).find((x) => x.props.name === 'hubspotProperty')!.trigger('onChange', 'jobtitle' as never);
    r.findAll(Select).find((x) => x.props.name === 'qboField')!.trigger('onChange', 'Balance' as never);
    r.findByTestId(Button, 'save-mapping-contacts').trigger('onClick');
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Alert, 'problems-contacts')).toBeTruthy(), WAIT);
    expect(textOf(r.findByTestId(Alert, 'problems-contacts'))).toContain(
      'Field mapping jobtitle ⇄ Balance: QuickBooks field "Open balance" is calculated by QuickBooks and cannot be written; set this mapping\'s direction to QuickBooks → HubSpot.',
    );
    // Every section was checked by the validate-only call first; one problem stops the save: nothing is saved or started.
    expect(backend.callsTo('POST', '/syncs/contacts/validate')).toMatchObject([{ status: 400 }]);
    expect(backend.callsTo('POST', '/syncs/invoices/validate')).toMatchObject([{ status: 200 }]);
    expect(backend.calls.filter((c) => c.method === 'PUT')).toEqual([]);
    expect((await listSyncs(createApiClient(CUSTOMIZED))).syncs).toEqual([]);
    expect(r.maybeFindByTestId(Text, 'saved-invoices')).toBeNull();

    // Fixed by editing the mapping; saved with the default switched off; the first sync is shown.
    r.findByTestId(Button, 'edit-mapping-contacts-custom_1').trigger('onClick');
    r.findAll(Select).find((x) => x.props.name === 'qboField')!.trigger('onChange', 'Notes' as never);
    r.findByTestId(Button, 'save-mapping-contacts').trigger('onClick');
    expect(r.maybeFindByTestId(Alert, 'problems-contacts')).toBeNull();
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    await r.waitFor(() => expect(textOf(r.getRootNode())).toContain('Contacts ⇄ Customers'), WAIT);
    await r.waitFor(() => expect(r.maybeFindByTestId(Button, 'go-to-syncs')).toBeTruthy(), WAIT);
    const contacts = (await listSyncs(createApiClient(CUSTOMIZED))).syncs.find((x) => x.objectType === 'contacts');
    expect(backend.callsTo('PUT', '/syncs/invoices')).toHaveLength(1);
    expect(contacts?.fieldMappings.find((m) => m.id === 'phone')?.enabled).toBe(false);
    expect(contacts?.fieldMappings.find((m) => m.id === 'custom_1')).toEqual({ id: 'custom_1', kind: 'custom', enabled: true, hubspotProperty: 'jobtitle', qboField: 'Notes', direction: 'both' });
    expect(contacts?.direction).toBe('two_way');
  });

  it('an empty filter condition is caught before anything is sent, and a deleted custom mapping is gone', async () => {
    const { r, backend } = await openSetup(EMPTY_FILTER);
    r.findByTestId(Button, 'add-group-contacts-toHubSpot').trigger('onClick');
    r.findByTestId(Button, 'save-and-start').trigger('onClick');
    expect(textOf(r.findByTestId(Alert, 'problems-contacts'))).toContain('QuickBooks → HubSpot filter group 1, condition 1: Choose a property.');
    expect(backend.callsTo('PUT', '/syncs/contacts')).toHaveLength(0);

    r.findByTestId(Button, 'add-mapping-contacts').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Flex, 'custom-mapping-form-contacts')).toBeTruthy(), WAIT);
    r.findAll(Select).find((x) => x.props.name === 'hubspotProperty')!.trigger('onChange', 'jobtitle' as never);
    r.findAll(Select).find((x) => x.props.name === 'qboField')!.trigger('onChange', 'Title' as never);
    r.findByTestId(Button, 'save-mapping-contacts').trigger('onClick');
    r.findByTestId(Button, 'delete-mapping-contacts-custom_1').trigger('onClick');
    expect(r.maybeFindByTestId(Button, 'edit-mapping-contacts-custom_1')).toBeNull();
    expect(r.findAll(Text).some((t) => t.text === 'Title')).toBe(false);
  });
});
