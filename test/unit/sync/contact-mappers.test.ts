import { alternativeDisplayNames } from '../../../backend/src/sync/objects/contacts/display-name.ts';
import { describe, expect, it } from 'vitest';
import type { FieldMapping, QboRecord } from '../../../backend/src/sync/types.ts';
import { customerFromContact } from '../../../backend/src/sync/objects/contacts/customer-from-contact.ts';
import { contactPropertiesFromCustomer } from '../../../backend/src/sync/objects/contacts/contact-properties-from-customer.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { displayNameForContact, sanitiseQboName } from '../../../backend/src/sync/objects/contacts/display-name.ts';

const mappings = defaultContactMappings();
const existing: QboRecord = {
  Id: '58', SyncToken: '7', DisplayName: 'Acme Ltd', GivenName: 'Sean',
  BillAddr: { Id: '91', Line1: '1 Main St', City: 'Boston', PostalCode: '02110' },
};

describe('customerFromContact', () => {
  it('builds a create body with nested paths and the R14 display name, leaving empty values out', () => {
    const body = customerFromContact(
      { email: 'sean@acme.com', firstname: 'Seán', lastname: "O'Brien", company: null, city: 'Boston', zip: '02110', display_name: 'Acme: Boston' },
      mappings,
    );
    expect(body).toEqual({
      PrimaryEmailAddr: { Address: 'sean@acme.com' }, GivenName: 'Seán', FamilyName: "O'Brien",
      BillAddr: { City: 'Boston', PostalCode: '02110' }, DisplayName: 'Acme - Boston',
    });
  });

  it('builds a sparse update that keeps the rest of the address and never renames the customer', () => {
    const body = customerFromContact({ city: 'Cambridge', phone: null, display_name: 'Other Co' }, mappings, existing);
    expect(body).toEqual({
      Id: '58', SyncToken: '7', sparse: true,
      BillAddr: { Id: '91', Line1: '1 Main St', City: 'Cambridge', PostalCode: '02110' },
      PrimaryPhone: { FreeFormNumber: '' },
    });
    expect((existing.BillAddr as { City: string }).City).toBe('Boston'); // the read entity is not mutated
  });

  it('skips mappings that flow only to HubSpot, switched off, or into read-only fields', () => {
    const m: FieldMapping[] = [
      ...mappings.map((x) => (x.id === 'firstname' ? { ...x, enabled: false } : x.id === 'lastname' ? { ...x, direction: 'to_hubspot' as const } : x)),
      { id: 'bal', kind: 'custom', enabled: true, hubspotProperty: 'x', qboField: 'Balance', direction: 'both' },
    ];
    expect(customerFromContact({ firstname: 'A', lastname: 'B', bal: 10 }, m)).toEqual({});
  });
});

describe('contactPropertiesFromCustomer', () => {
  it('writes strings, clears with an empty string, and skips the computed display name', () => {
    const props = contactPropertiesFromCustomer({ email: 'sean@acme.com', firstname: "O'Brien", phone: null, display_name: 'Acme' }, mappings);
    expect(props).toEqual({ email: 'sean@acme.com', firstname: "O'Brien", phone: '' });
  });

  it('turns numbers and yes/no into HubSpot strings and honours directions', () => {
    const m: FieldMapping[] = [
      { id: 'bal', kind: 'custom', enabled: true, hubspotProperty: 'qbo_balance', qboField: 'Balance', direction: 'to_hubspot' },
      { id: 'act', kind: 'custom', enabled: true, hubspotProperty: 'qbo_active', qboField: 'Active', direction: 'both' },
      { id: 'out', kind: 'custom', enabled: true, hubspotProperty: 'jobtitle', qboField: 'Notes', direction: 'to_qbo' },
    ];
    expect(contactPropertiesFromCustomer({ bal: 1250.5, act: false, out: 'x' }, m)).toEqual({ qbo_balance: '1250.5', qbo_active: 'false' });
  });
});

describe('displayNameForContact (R14)', () => {
  it('uses the company, else first and last name, else the email', () => {
    expect(displayNameForContact({ primaryCompanyName: 'Acme Ltd', firstname: 'Sean', lastname: "O'Brien", email: 'sean@acme.com' })).toBe('Acme Ltd');
    expect(displayNameForContact({ primaryCompanyName: '  ', firstname: 'Sean', lastname: "O'Brien", email: 'sean@acme.com' })).toBe("Sean O'Brien");
    expect(displayNameForContact({ lastname: "O'Brien" })).toBe("O'Brien");
    expect(displayNameForContact({ firstname: '', lastname: null, email: 'sean@acme.com' })).toBe('sean@acme.com');
    expect(displayNameForContact({})).toBeNull();
  });

  it('sanitises what QBO refuses in names', () => {
    expect(sanitiseQboName('Acme:West')).toBe('Acme - West');
    expect(sanitiseQboName(' Acme\tLtd\n ')).toBe('Acme Ltd');
    const long = sanitiseQboName('é'.repeat(600));
    expect(Array.from(long)).toHaveLength(500);
    expect(sanitiseQboName('a'.repeat(499) + '😀x')).toBe('a'.repeat(499) + '😀');
  });
});

describe('alternativeDisplayNames (opt-in display-name policy)', () => {
  it('tries "Company — First Last", then that name with the HubSpot id; never R14\'s own name, never random', () => {
    const contact = { primaryCompanyName: 'Acme: West', firstname: 'Ann', lastname: 'Lee', email: 'ann@acme.test', hubspotId: '1000042' };
    expect(alternativeDisplayNames(contact)).toEqual(['Acme - West — Ann Lee', 'Acme - West — Ann Lee (1000042)']);
    expect(alternativeDisplayNames(contact)).toEqual(alternativeDisplayNames({ ...contact }));
  });

  it('without a company (R14 already named the customer after the person), only the id suffix is left', () => {
    expect(alternativeDisplayNames({ firstname: 'Ann', lastname: 'Lee', hubspotId: '7' })).toEqual(['Ann Lee (7)']);
    expect(alternativeDisplayNames({ email: 'x@y.test', hubspotId: '7' })).toEqual(['x@y.test (7)']);
  });

  it('keeps the suffix whole within QuickBooks\' 500 characters', () => {
    const [, withId] = alternativeDisplayNames({ primaryCompanyName: 'C'.repeat(490), firstname: 'Ann', hubspotId: '123456' });
    expect(Array.from(withId!).length).toBeLessThanOrEqual(500);
    expect(withId!.startsWith('C'.repeat(490))).toBe(true);
    expect(withId!.endsWith(' (123456)')).toBe(true);
  });
});
