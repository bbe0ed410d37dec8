/** Companies mode (issue 16): how companies and customers are recognised, and which contact bills. */
import { describe, expect, it } from 'vitest';
import { companyMatches, companyMatchKey, companyNameKey, domainOfEmail, domainOfWebsite } from '../../../backend/src/sync/objects/companies/company-match.ts';
import { billingContactIdOf } from '../../../backend/src/sync/objects/companies/billing-contact.ts';
import { defaultCompanyMappings } from '@quickbooks-sync/contract/definitions';
import { validateMapping } from '../../../backend/src/sync/mappings/validate-mapping.ts';

describe('company matching keys', () => {
  it('names compare trimmed, with runs of spaces collapsed, case-insensitively', () => {
    expect(companyNameKey('  Acme   Robotics ')).toBe('acme robotics');
    expect(companyNameKey('')).toBeNull();
    expect(companyNameKey(null)).toBeNull();
  });

  it('domains come from websites and bare domains, without www, never from free-mail providers', () => {
    expect(domainOfWebsite('https://www.Acme.com/about')).toBe('acme.com');
    expect(domainOfWebsite('acme.com')).toBe('acme.com');
    expect(domainOfWebsite('www.acme.co.uk')).toBe('acme.co.uk');
    expect(domainOfWebsite('not a website')).toBeNull();
    expect(domainOfEmail('Ann@Acme.com')).toBe('acme.com');
    expect(domainOfEmail('ann@gmail.com')).toBeNull();
    expect(domainOfEmail('no-at-sign')).toBeNull();
  });

  it('the key is the name, else the domain, else none', () => {
    expect(companyMatchKey('Acme', 'acme.com')).toBe('acme');
    expect(companyMatchKey(' ', 'acme.com')).toBe('domain acme.com');
    expect(companyMatchKey(null, null)).toBeNull();
  });
});

describe('companyMatches', () => {
  const id = (r: { id: string }) => r.id;
  it('one candidate matching by name and domain wins over candidates matching only one', () => {
    const out = companyMatches([{ record: { id: '2' }, byName: true, byDomain: false }, { record: { id: '1' }, byName: true, byDomain: true }, { record: { id: '3' }, byName: false, byDomain: true }], id);
    expect(out).toEqual([{ id: '1' }]);
  });
  it('otherwise every candidate is a match (several: ambiguous), each once', () => {
    const out = companyMatches([{ record: { id: '7' }, byName: true, byDomain: false }, { record: { id: '3' }, byName: false, byDomain: true }, { record: { id: '7' }, byName: true, byDomain: false }], id);
    expect(out).toEqual([{ id: '3' }, { id: '7' }]);
  });
  it('a record found by both lookups counts as matching both', () => {
    expect(companyMatches([{ record: { id: '5' }, byName: true, byDomain: false }, { record: { id: '5' }, byName: false, byDomain: true }, { record: { id: '6' }, byName: true, byDomain: false }], id)).toEqual([{ id: '5' }]);
  });
  it('no candidate: no match', () => {
    expect(companyMatches([], id)).toEqual([]);
  });
});

describe('billingContactIdOf', () => {
  const link = (toId: string, ...types: Array<[string, number]>) => ({ toId, types: types.map(([category, typeId]) => ({ category, typeId })) });
  it('the labelled contact, else a primary one, the lowest id among several', () => {
    const links = [link('30', ['HUBSPOT_DEFINED', 280], ['HUBSPOT_DEFINED', 2]), link('20', ['HUBSPOT_DEFINED', 280], ['HUBSPOT_DEFINED', 2]), link('40', ['HUBSPOT_DEFINED', 280], ['USER_DEFINED', 1001])];
    expect(billingContactIdOf(links, 1001)).toBe('40');
    expect(billingContactIdOf(links, null)).toBe('20');
    expect(billingContactIdOf(links, 1002)).toBe('20');
  });
  it('a HubSpot-defined type with the label id is not the label; no primary contact: none', () => {
    expect(billingContactIdOf([link('9', ['HUBSPOT_DEFINED', 1001]), link('8', ['HUBSPOT_DEFINED', 280])], 1001)).toBeNull();
  });
});

describe('default company mappings', () => {
  it('every default mapping is valid for companies', () => {
    const mappings = defaultCompanyMappings();
    for (const m of mappings) expect(validateMapping('companies', m, [], { others: mappings }), m.id).toEqual({ ok: true });
  });
});
