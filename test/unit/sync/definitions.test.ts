import { describe, expect, it } from 'vitest';
import { parseDefinitionInput } from '../../../backend/src/sync/definitions/parse-definition-input.ts';
import { recommendedCompaniesDefinition, recommendedContactsDefinition } from '@quickbooks-sync/contract/definitions';
import { matchesFilters } from '../../../backend/src/sync/filters/matches-filters.ts';
import { HUBSPOT_CONTACT_FIELDS } from '../../../backend/src/sync/mappings/hubspot-contact-fields.ts';

const setupDate = new Date('2026-11-24T15:42:00.000Z');

describe('recommendedContactsDefinition (R9)', () => {
  const def = recommendedContactsDefinition(setupDate);

  it('is two-way with every default mapping on, all customers to HubSpot', () => {
    expect(def.direction).toBe('two_way');
    expect(def.fieldMappings.every((m) => m.enabled && m.kind === 'default')).toBe(true);
    expect(def.fieldMappings.map((m) => m.id)).toContain('display_name');
    expect(def.filters.toHubSpot).toEqual([]);
  });

  it('sends to QuickBooks only billing contacts of a non-draft HubSpot invoice created after the setup date', () => {
    const own = () => undefined;
    const withInvoices = (...invoices: Array<Record<string, string>>) => () => invoices.map((i) => (p: string) => i[p]);
    const qualifying = { hs_invoice_status: 'open', hs_createdate: '2026-11-24T15:43:00Z', hs_invoice_source: 'hubspot' };
    expect(matchesFilters(def.filters.toQbo, own, HUBSPOT_CONTACT_FIELDS, withInvoices(qualifying)).included).toBe(true);
    const rule = '"an associated invoice where invoice status is not draft, invoice create date is after 2026-11-24 15:42 UTC, invoice source is hubspot" not met';
    // A lead with no invoice, created after setup: stays in HubSpot (the old "created after setup" filter let it through).
    expect(matchesFilters(def.filters.toQbo, (p) => (p === 'createdate' ? '2026-11-25T00:00:00Z' : undefined), HUBSPOT_CONTACT_FIELDS)).toMatchObject({ included: false, rule });
    for (const [property, value] of [['hs_invoice_status', 'draft'], ['hs_createdate', '2026-11-24T09:00:00Z'], ['hs_invoice_source', 'data_sync']] as const) {
      expect(matchesFilters(def.filters.toQbo, own, HUBSPOT_CONTACT_FIELDS, withInvoices({ ...qualifying, [property]: value })), property).toMatchObject({ included: false, rule });
    }
    // One and the same invoice must meet all three: a draft HubSpot invoice plus an open Data Sync invoice is not enough.
    expect(matchesFilters(def.filters.toQbo, own, HUBSPOT_CONTACT_FIELDS, withInvoices({ ...qualifying, hs_invoice_status: 'draft' }, { ...qualifying, hs_invoice_source: 'data_sync' })).included).toBe(false);
    expect(matchesFilters(def.filters.toQbo, own, HUBSPOT_CONTACT_FIELDS, withInvoices({ ...qualifying, hs_invoice_status: 'draft' }, qualifying)).included).toBe(true);
  });

  it('passes its own validation', () => {
    expect(parseDefinitionInput('contacts', JSON.parse(JSON.stringify(def)))).toEqual({ ok: true, value: def });
  });
});

describe('parseDefinitionInput', () => {
  const valid = () => JSON.parse(JSON.stringify(recommendedContactsDefinition(setupDate))) as Record<string, unknown> & { fieldMappings: Array<Record<string, unknown>> };

  it('fills defaults for filters and options', () => {
    const { filters: _f, options: _o, ...body } = valid();
    const out = parseDefinitionInput('contacts', body);
    expect(out.ok && out.value.filters).toEqual({ toQbo: [], toHubSpot: [] });
    expect(out.ok && out.value.options).toEqual({});
  });

  it('reports shape problems with their paths', () => {
    const out = parseDefinitionInput('contacts', { ...valid(), direction: 'sideways', conflictWinner: 'me', extra: 1 });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.path.join('.'))).toEqual(expect.arrayContaining(['direction', 'conflictWinner', '']));
  });

  it('returns every mapping and filter problem at once', () => {
    const body = valid();
    body.fieldMappings.push({ id: 'bal', kind: 'custom', enabled: true, hubspotProperty: 'firstname', qboField: 'Balance', direction: 'both' });
    body.fieldMappings[1] = { ...body.fieldMappings[1], qboField: 'Notes' };
    body.filters = { toQbo: [{ criteria: [{ property: 'nope', operator: 'HAS_PROPERTY' }] }], toHubSpot: [{ criteria: [{ property: 'Balance', operator: 'GT', value: 'lots' }] }] };
    const out = parseDefinitionInput('contacts', body);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toEqual([
      { path: ['fieldMappings', 1], message: 'Default mapping "firstname" can only be switched on or off; add a custom mapping to map other fields.' },
      { path: ['fieldMappings', 13], message: expect.stringContaining('"Open balance" is calculated by QuickBooks') as string },
      { path: ['filters', 'toQbo', 0, 'criteria', 0], message: 'There is no property "nope" to filter on; pick one from the list.' },
      { path: ['filters', 'toHubSpot', 0, 'criteria', 0], message: '"Open balance" holds an amount of money, and "lots" is not one.' },
    ]);
  });

  it('checks custom properties against the account\'s own', () => {
    const body = valid();
    body.fieldMappings.push({ id: 'notes', kind: 'custom', enabled: true, hubspotProperty: 'billing_notes', qboField: 'Notes', direction: 'both' });
    expect(parseDefinitionInput('contacts', body).ok).toBe(false);
    expect(parseDefinitionInput('contacts', body, [{ name: 'billing_notes', kind: 'string' }]).ok).toBe(true);
  });
});

describe('recommendedCompaniesDefinition (companies mode, issue 16)', () => {
  const def = recommendedCompaniesDefinition(setupDate);

  it('is two-way, QuickBooks wins, every default mapping on, no filters', () => {
    expect(def).toMatchObject({ direction: 'two_way', conflictWinner: 'quickbooks', filters: { toQbo: [], toHubSpot: [] }, options: {} });
    expect(def.fieldMappings.every((m) => m.enabled && m.kind === 'default')).toBe(true);
    expect(def.fieldMappings.filter((m) => m.hubspotProperty.startsWith('@')).map((m) => [m.id, m.direction])).toEqual([
      ['billing_email', 'to_qbo'],
      ['billing_phone', 'to_qbo'],
    ]);
  });

  it('passes its own validation, with the billing contact label and the display-name policy', () => {
    expect(parseDefinitionInput('companies', def)).toMatchObject({ ok: true });
    expect(parseDefinitionInput('companies', { ...def, options: { billingContactLabel: 'Billing contact', displayNameClash: 'resolve', deletions: 'propagate' } })).toMatchObject({ ok: true });
  });

  it('refuses the billing contact label outside companies mode, or too long', () => {
    const contacts = parseDefinitionInput('contacts', { ...recommendedContactsDefinition(setupDate), options: { billingContactLabel: 'Billing contact' } });
    expect(contacts).toMatchObject({ ok: false, problems: [{ path: ['options', 'billingContactLabel'], message: expect.stringContaining('companies sync only') }] });
    const long = parseDefinitionInput('companies', { ...def, options: { billingContactLabel: 'x'.repeat(101) } });
    expect(long).toMatchObject({ ok: false, problems: [{ path: ['options', 'billingContactLabel'] }] });
  });

  it('refuses a contact property in a companies mapping, naming the company', () => {
    const parsed = parseDefinitionInput('companies', { ...def, fieldMappings: [...def.fieldMappings, { id: 'x', kind: 'custom', enabled: true, hubspotProperty: 'firstname', qboField: 'GivenName', direction: 'both' }] });
    expect(parsed).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('HubSpot has no company property named "firstname"') }] });
  });
});
