import { describe, expect, it } from 'vitest';
import type { FilterGroup, MappedValue } from '../../../backend/src/sync/types.ts';
import { matchesFilters, relationsOf } from '../../../backend/src/sync/filters/matches-filters.ts';
import { validateMapping } from '../../../backend/src/sync/mappings/validate-mapping.ts';
import { validateFilters } from '../../../backend/src/sync/filters/validate-filters.ts';
import { describeCriterion } from '../../../backend/src/sync/filters/describe-criterion.ts';
import { HUBSPOT_CONTACT_FIELDS } from '../../../backend/src/sync/mappings/hubspot-contact-fields.ts';
import { QBO_CUSTOMER_FIELDS } from '../../../backend/src/sync/mappings/qbo-customer-fields.ts';

const catalogue = { ...HUBSPOT_CONTACT_FIELDS, employees: { label: 'Number of employees', kind: 'number' as const } };
const reader = (props: Record<string, MappedValue>) => (name: string) => props[name];
const createdAfterSetup: FilterGroup = { criteria: [{ property: 'createdate', operator: 'GT', value: '2026-11-24T00:00:00.000Z' }] };

describe('matchesFilters', () => {
  it('lets everything through when there are no groups', () => {
    expect(matchesFilters([], reader({}))).toEqual({ included: true });
  });

  it('compares dates as instants, whatever their format', () => {
    expect(matchesFilters([createdAfterSetup], reader({ createdate: '2026-11-24T09:15:00Z' }), catalogue)).toEqual({ included: true });
    expect(matchesFilters([createdAfterSetup], reader({ createdate: '1795564800000' }), catalogue)).toEqual({ included: true }); // 2026-11-25, epoch ms
    const out = matchesFilters([createdAfterSetup], reader({ createdate: '2026-11-23T23:59:59-00:30' }), catalogue);
    expect(out).toEqual({ included: true }); // 00:29:59 UTC on the 24th: after midnight UTC
    expect(matchesFilters([createdAfterSetup], reader({ createdate: '2026-11-20T10:00:00Z' }), catalogue)).toMatchObject({
      included: false, rule: '"create date is after 2026-11-24" not met',
    });
  });

  it('is an OR of ANDs and names the first failing criterion of each group', () => {
    const groups: FilterGroup[] = [
      { criteria: [{ property: 'email', operator: 'CONTAINS', value: '@ACME.com' }, { property: 'lifecyclestage', operator: 'EQ', value: 'customer' }] },
      { criteria: [{ property: 'employees', operator: 'GTE', value: 50 }] },
    ];
    expect(matchesFilters(groups, reader({ email: 'Sean@acme.com', lifecyclestage: 'Customer' }), catalogue)).toEqual({ included: true });
    expect(matchesFilters(groups, reader({ email: 'x@other.com', employees: '120' }), catalogue)).toEqual({ included: true });
    const out = matchesFilters(groups, reader({ email: 'Sean@acme.com', lifecyclestage: 'lead', employees: '9' }), catalogue);
    expect(out).toEqual({
      included: false,
      rule: '"lifecycle stage is customer" not met (filter group 1); "number of employees is at least 50" not met (filter group 2)',
      failures: [{ group: 0, criterion: 1, text: 'lifecycle stage is customer' }, { group: 1, criterion: 0, text: 'number of employees is at least 50' }],
    });
  });

  it('compares numbers numerically, not as text', () => {
    const groups: FilterGroup[] = [{ criteria: [{ property: 'employees', operator: 'GT', value: '9' }] }];
    expect(matchesFilters(groups, reader({ employees: '10' }), catalogue).included).toBe(true);
    expect(matchesFilters(groups, reader({ employees: '8.5' }), catalogue).included).toBe(false);
  });

  it('treats a missing value as unknown: only "is unknown", "is not" and "is none of" hold', () => {
    const one = (operator: 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'EQ' | 'NEQ' | 'IN' | 'NOT_IN') =>
      matchesFilters([{ criteria: [{ property: 'phone', operator, value: '1', values: ['1'] }] }], reader({ phone: '  ' }), catalogue).included;
    expect([one('HAS_PROPERTY'), one('NOT_HAS_PROPERTY'), one('EQ'), one('NEQ'), one('IN'), one('NOT_IN')]).toEqual([false, true, false, true, false, true]);
  });

  it('matches IN case-insensitively and without a catalogue guesses the kind from the value', () => {
    const groups: FilterGroup[] = [{ criteria: [{ property: 'Active', operator: 'EQ', value: true }, { property: 'BillAddr.Country', operator: 'IN', values: ['USA', 'Canada'] }] }];
    expect(matchesFilters(groups, reader({ Active: true, 'BillAddr.Country': 'usa' })).included).toBe(true);
    expect(matchesFilters(groups, reader({ Active: false, 'BillAddr.Country': 'usa' }))).toMatchObject({ rule: '"Active is true" not met' });
  });
});

describe('matchesFilters on associated records (R9)', () => {
  const group: FilterGroup = {
    criteria: [
      { property: 'lifecyclestage', operator: 'EQ', value: 'customer' },
      { property: 'invoice:hs_invoice_status', operator: 'IN', values: ['open', 'paid'] },
      { property: 'invoice:hs_invoice_source', operator: 'EQ', value: 'hubspot' },
    ],
  };
  const invoices = (...list: Array<Record<string, string>>) => (relation: string) => (relation === 'invoice' ? list.map((i) => (p: string) => i[p]) : []);

  it('needs the own criteria and one invoice meeting every invoice criterion', () => {
    const customer = reader({ lifecyclestage: 'customer' });
    expect(matchesFilters([group], customer, catalogue, invoices({ hs_invoice_status: 'paid', hs_invoice_source: 'hubspot' }))).toEqual({ included: true });
    expect(matchesFilters([group], reader({ lifecyclestage: 'lead' }), catalogue, invoices({ hs_invoice_status: 'paid', hs_invoice_source: 'hubspot' }))).toMatchObject({ included: false, rule: '"lifecycle stage is customer" not met' });
    expect(matchesFilters([group], customer, catalogue, invoices({ hs_invoice_status: 'paid' }, { hs_invoice_status: 'draft', hs_invoice_source: 'hubspot' }))).toMatchObject({
      included: false,
      rule: '"an associated invoice where invoice status is any of open, paid, invoice source is hubspot" not met',
    });
    // Without a reader of associated records (an adapter that has none), the criteria are never met.
    expect(matchesFilters([group], customer, catalogue).included).toBe(false);
  });

  it('lists the relations the groups read', () => {
    expect(relationsOf([group, createdAfterSetup])).toEqual(['invoice']);
    expect(relationsOf([createdAfterSetup])).toEqual([]);
  });

  it('accepts associated-invoice properties in filters, never in mappings', () => {
    expect(validateFilters([group], catalogue)).toEqual([]);
    const check = validateMapping('contacts', { id: 'x', kind: 'custom', enabled: true, hubspotProperty: 'invoice:hs_invoice_status', qboField: 'Notes', direction: 'to_qbo' });
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('can be used in a filter, not mapped') });
  });
});

describe('describeCriterion', () => {
  it('writes criteria in words, with times when not midnight UTC', () => {
    expect(describeCriterion({ property: 'createdate', operator: 'LTE', value: '2026-11-24T14:30:00Z' }, catalogue)).toBe('create date is on or before 2026-11-24 14:30 UTC');
    expect(describeCriterion({ property: 'MetaData.CreateTime', operator: 'HAS_PROPERTY' }, QBO_CUSTOMER_FIELDS)).toBe('created is known');
    expect(describeCriterion({ property: 'Id', operator: 'NOT_IN', values: ['1', '2'] }, QBO_CUSTOMER_FIELDS)).toBe('QuickBooks customer ID is none of 1, 2');
  });
});

describe('validateFilters', () => {
  it('accepts sensible filters', () => {
    expect(validateFilters([createdAfterSetup, { criteria: [{ property: 'email', operator: 'HAS_PROPERTY' }] }], catalogue)).toEqual([]);
  });

  it('names unknown properties, wrong operators and values of the wrong kind, with paths', () => {
    const problems = validateFilters([{ criteria: [
      { property: 'shoe_size', operator: 'EQ', value: 42 },
      { property: 'email', operator: 'GT', value: 'a' },
      { property: 'createdate', operator: 'GT', value: 'next tuesday' },
      { property: 'employees', operator: 'IN', values: [1, 'many'] },
      { property: 'firstname', operator: 'EQ' },
      { property: '@display_name', operator: 'EQ', value: 'Acme' },
    ] }], catalogue);
    expect(problems).toEqual([
      { path: [0, 'criteria', 0], message: 'There is no property "shoe_size" to filter on; pick one from the list.' },
      { path: [0, 'criteria', 1], message: '"Email" holds an email address, which cannot be compared as greater or smaller; use "is", "is not" or "is any of".' },
      { path: [0, 'criteria', 2], message: '"Create date" holds a date and time, and "next tuesday" is not one.' },
      { path: [0, 'criteria', 3], message: '"Number of employees" holds a number, and "many" is not one.' },
      { path: [0, 'criteria', 4], message: 'Give a value for "First name".' },
      { path: [0, 'criteria', 5], message: '"Associated company name (else first and last name, else email)" is worked out by the sync and cannot be used in a filter.' },
    ]);
  });

  it('caps groups at 5 and criteria at 6, and refuses empty groups', () => {
    const criterion = { property: 'email', operator: 'HAS_PROPERTY' as const };
    const six = Array.from({ length: 6 }, () => ({ criteria: [criterion] }));
    expect(validateFilters(six, catalogue).map((p) => p.message)).toEqual(['Use at most 5 filter groups (there are 6).']);
    expect(validateFilters([{ criteria: Array.from({ length: 7 }, () => criterion) }], catalogue)).toEqual([
      { path: [0, 'criteria'], message: 'Filter group 1 has 7 criteria; use at most 6.' },
    ]);
    expect(validateFilters([{ criteria: [] }], catalogue)[0]?.message).toContain('has no criteria');
  });
});
