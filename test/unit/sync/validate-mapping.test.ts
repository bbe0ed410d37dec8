import { describe, expect, it } from 'vitest';
import type { FieldMapping } from '../../../backend/src/sync/types.ts';
import { validateMapping, validateMappings } from '../../../backend/src/sync/mappings/validate-mapping.ts';
import { acceptsKind, comparisonKind, fieldKindOfHubSpotProperty } from '../../../backend/src/sync/mappings/field-kinds.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const custom = (id: string, hubspotProperty: string, qboField: string, direction: FieldMapping['direction'] = 'both'): FieldMapping => ({
  id, kind: 'custom', enabled: true, hubspotProperty, qboField, direction,
});

function reasonOf(check: ReturnType<typeof validateMapping>): string {
  if (check.ok) throw new Error('expected the mapping to be refused');
  return check.reason;
}

describe('validateMapping', () => {
  it('accepts every default contact mapping, together', () => {
    expect(validateMappings('contacts', defaultContactMappings())).toEqual([]);
  });

  it('refuses unknown fields on either side, naming them', () => {
    expect(reasonOf(validateMapping('contacts', custom('x', 'favourite_colour', 'Notes')))).toBe(
      'HubSpot has no contact property named "favourite_colour"; pick an existing property, or create it in HubSpot first.',
    );
    expect(reasonOf(validateMapping('contacts', custom('x', 'firstname', 'Nickname')))).toContain('QuickBooks customers have no field "Nickname"');
  });

  it('knows the account\'s custom properties', () => {
    const props = [{ name: 'billing_notes', label: 'Billing notes', kind: 'string' as const }];
    expect(validateMapping('contacts', custom('notes', 'billing_notes', 'Notes'), props)).toEqual({ ok: true });
  });

  it('refuses text into an email field with a reason that says what to do', () => {
    expect(reasonOf(validateMapping('contacts', custom('x', 'firstname', 'PrimaryEmailAddr.Address')))).toBe(
      'QuickBooks field "Email" only accepts an email address, but HubSpot property "First name" holds text; ' +
        "map fields of compatible types, or set this mapping's direction to QuickBooks → HubSpot only.",
    );
    // The other way an email fits in a text property.
    expect(validateMapping('contacts', custom('x', 'firstname', 'PrimaryEmailAddr.Address', 'to_hubspot'))).toEqual({ ok: true });
  });

  it('refuses a number into text and yes/no into a number', () => {
    const props = [{ name: 'credit_limit', kind: 'number' as const }, { name: 'vip', kind: 'boolean' as const }];
    expect(reasonOf(validateMapping('contacts', custom('x', 'credit_limit', 'Notes', 'to_qbo'), props))).toContain('only accepts text, but HubSpot property "credit_limit" holds a number');
    expect(reasonOf(validateMapping('contacts', custom('x', 'vip', 'Balance', 'to_hubspot'), props))).toContain(
      'HubSpot property "vip" only accepts yes/no, but QuickBooks field "Open balance" holds an amount of money',
    );
  });

  it('refuses writes to read-only fields only in the direction that would write them', () => {
    const props = [{ name: 'qbo_balance', kind: 'number' as const }];
    expect(reasonOf(validateMapping('contacts', custom('b', 'qbo_balance', 'Balance'), props))).toBe(
      "QuickBooks field \"Open balance\" is calculated by QuickBooks and cannot be written; set this mapping's direction to QuickBooks → HubSpot.",
    );
    expect(validateMapping('contacts', custom('b', 'qbo_balance', 'Balance', 'to_hubspot'), props)).toEqual({ ok: true });
    // 'both' on a QBO → HubSpot definition never writes QuickBooks.
    expect(validateMapping('contacts', custom('b', 'qbo_balance', 'Balance'), props, { direction: 'qbo_to_hubspot' })).toEqual({ ok: true });
    expect(reasonOf(validateMapping('contacts', custom('c', 'createdate', 'MetaData.CreateTime', 'to_hubspot')))).toContain('HubSpot property "Create date" cannot be written');
  });

  it('refuses the computed display name flowing back into HubSpot', () => {
    const displayName = { ...defaultContactMappings().find((m) => m.id === 'display_name')!, direction: 'both' as const };
    expect(reasonOf(validateMapping('contacts', displayName))).toContain('cannot be written by the sync');
  });

  it('refuses a second enabled mapping writing the same field, but not a switched-off one', () => {
    const first = custom('a', 'company', 'DisplayName', 'to_qbo');
    const second = custom('b', 'firstname', 'DisplayName', 'to_qbo');
    expect(reasonOf(validateMapping('contacts', second, [], { others: [first] }))).toBe(
      'Mapping "a" already writes QuickBooks field "Display name"; turn one of the two off or change its direction.',
    );
    expect(validateMapping('contacts', second, [], { others: [{ ...first, enabled: false }] })).toEqual({ ok: true });
    const toHs = [custom('c', 'jobtitle', 'Notes', 'to_hubspot'), custom('d', 'jobtitle', 'CompanyName', 'to_hubspot')];
    expect(validateMappings('contacts', toHs)).toEqual([
      { index: 1, mappingId: 'd', reason: 'Mapping "c" already writes HubSpot property "Job title"; turn one of the two off or change its direction.' },
    ]);
  });

  it('refuses a mapping id used twice, and properties an object type does not have', () => {
    const problems = validateMappings('contacts', [custom('same', 'firstname', 'GivenName'), custom('same', 'lastname', 'FamilyName')]);
    expect(problems.map((p) => p.reason)).toEqual(['Two mappings share the id "same"; give each mapping its own id.']);
    expect(reasonOf(validateMapping('payments', custom('x', 'name', 'Name')))).toContain('HubSpot has no payment property named "name"');
  });
});

describe('field kinds', () => {
  it('has a compatibility table where text takes textual kinds and numbers do not take text', () => {
    expect(acceptsKind('string', 'email')).toBe(true);
    expect(acceptsKind('string', 'enumeration')).toBe(true);
    expect(acceptsKind('string', 'number')).toBe(false);
    expect(acceptsKind('number', 'string')).toBe(false);
    expect(acceptsKind('enumeration', 'string')).toBe(false);
    expect(acceptsKind('currency', 'number')).toBe(true);
  });

  it('picks the more specific kind to compare both sides with', () => {
    expect(comparisonKind('string', 'email')).toBe('email');
    expect(comparisonKind('datetime', 'date')).toBe('date');
    expect(comparisonKind('phone', 'string')).toBe('string');
  });

  it('reads HubSpot property definitions as kinds', () => {
    expect(fieldKindOfHubSpotProperty({ type: 'enumeration', fieldType: 'booleancheckbox' })).toBe('boolean');
    expect(fieldKindOfHubSpotProperty({ type: 'enumeration', fieldType: 'select' })).toBe('enumeration');
    expect(fieldKindOfHubSpotProperty({ type: 'string', fieldType: 'phonenumber' })).toBe('phone');
    expect(fieldKindOfHubSpotProperty({ type: 'datetime' })).toBe('datetime');
  });
});
