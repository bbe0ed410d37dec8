import { describe, expect, it } from 'vitest';
import type { FieldMapping, HubSpotRecord, QboRecord } from '../../../backend/src/sync/types.ts';
import { hubspotValues, qboValues } from '../../../backend/src/sync/mappings/extract-values.ts';
import { cataloguesFor } from '../../../backend/src/sync/mappings/catalogues.ts';
import { normaliseValue } from '../../../backend/src/sync/mappings/normalise-value.ts';
import { contactValues } from '../../../backend/src/sync/objects/contacts/contact-values.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';

const mappings = defaultContactMappings();
const contact = (properties: Record<string, string | null>): HubSpotRecord => ({ id: '101', properties, updatedAt: new Date('2026-11-24T10:00:00Z') });

describe('normaliseValue', () => {
  it('trims text and treats empty as no value', () => {
    expect(normaliseValue("  O'Brien ", 'string')).toBe("O'Brien");
    expect(normaliseValue('   ', 'string')).toBeNull();
    expect(normaliseValue('', 'phone')).toBeNull();
  });

  it('lower-cases emails', () => {
    expect(normaliseValue('  Sean.OBrien@Example.COM ', 'email')).toBe('sean.obrien@example.com');
  });

  it('parses numbers, amounts to the cent, and yes/no', () => {
    expect(normaliseValue('12.50', 'number')).toBe(12.5);
    expect(normaliseValue('abc', 'number')).toBeNull();
    expect(normaliseValue(0.1 + 0.2, 'currency')).toBe(0.3);
    expect(normaliseValue('true', 'boolean')).toBe(true);
    expect(normaliseValue(false, 'boolean')).toBe(false);
    expect(normaliseValue('maybe', 'boolean')).toBeNull();
  });

  it('writes dates as YYYY-MM-DD and date-times as ISO instants', () => {
    expect(normaliseValue('2026-11-24', 'date')).toBe('2026-11-24');
    expect(normaliseValue('2026-11-24T00:00:00.000Z', 'date')).toBe('2026-11-24');
    expect(normaliseValue('1795478400000', 'date')).toBe('2026-11-24'); // HubSpot's epoch-ms form
    expect(normaliseValue('2026-11-24T10:30:00-08:00', 'datetime')).toBe('2026-11-24T18:30:00.000Z');
    expect(normaliseValue('2026-11-24T18:30:00Z', 'datetime')).toBe('2026-11-24T18:30:00.000Z');
    expect(normaliseValue('not a date', 'datetime')).toBeNull();
  });
});

describe('hubspotValues and qboValues', () => {
  it('give equal values for the same party on both sides', () => {
    const hs = contact({ email: ' Sean.OBrien@Example.com', firstname: "Seán ", lastname: "O'Brien", company: '', phone: '+1 555 0100', city: 'Boston' });
    const qbo: QboRecord = {
      Id: '58', SyncToken: '3',
      PrimaryEmailAddr: { Address: 'sean.obrien@example.com' }, GivenName: 'Seán', FamilyName: "O'Brien",
      PrimaryPhone: { FreeFormNumber: '+1 555 0100' }, BillAddr: { City: 'Boston ' }, DisplayName: 'Seán O\'Brien',
    };
    const fromHs = hubspotValues(hs, mappings);
    const fromQbo = qboValues(qbo, mappings);
    expect(fromHs.email).toBe('sean.obrien@example.com');
    expect(fromHs.company).toBeNull();
    const { display_name: _hsName, ...hsRest } = fromHs;
    const { display_name: qboName, ...qboRest } = fromQbo;
    expect(hsRest).toEqual(qboRest);
    expect(qboName).toBe("Seán O'Brien");
  });

  it('read only enabled mappings', () => {
    const off = mappings.map((m): FieldMapping => (m.id === 'phone' ? { ...m, enabled: false } : m));
    expect(Object.keys(hubspotValues(contact({ phone: '1' }), off))).not.toContain('phone');
    expect(Object.keys(qboValues({ Id: '1', SyncToken: '0' }, off))).not.toContain('phone');
  });

  it('normalise a text property mapped to the QBO email as an email on both sides', () => {
    const catalogues = cataloguesFor('contacts', [{ name: 'billing_email', kind: 'string' }])!;
    const m: FieldMapping[] = [{ id: 'be', kind: 'custom', enabled: true, hubspotProperty: 'billing_email', qboField: 'PrimaryEmailAddr.Address', direction: 'to_hubspot' }];
    expect(hubspotValues(contact({ billing_email: 'A@B.COM' }), m, { catalogues })).toEqual({ be: 'a@b.com' });
  });
});

describe('contactValues', () => {
  it('fills the computed display name from the primary company, else the names', () => {
    const hs = contact({ firstname: 'Mary', lastname: "O'Neil", email: 'mary@x.com' });
    expect(contactValues(hs, mappings, { primaryCompanyName: 'Acme: West' }).display_name).toBe('Acme - West');
    expect(contactValues(hs, mappings).display_name).toBe("Mary O'Neil");
  });
});
