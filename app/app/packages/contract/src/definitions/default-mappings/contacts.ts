/**
 * The default contact ⇄ customer mappings (R7): each can be switched off; ids are stable because stored
 * definitions, snapshots and fingerprints refer to them.
 */
import type { FieldMapping } from '../vocabulary.ts';
import { COMPUTED_DISPLAY_NAME } from '../computed-fields.ts';

/** R14: DisplayName ← primary company name, else first + last name, else email. Written on create only. */
export const DISPLAY_NAME_MAPPING_ID = 'display_name';

const PAIRS: readonly [id: string, hubspotProperty: string, qboField: string][] = [
  ['email', 'email', 'PrimaryEmailAddr.Address'],
  ['firstname', 'firstname', 'GivenName'],
  ['lastname', 'lastname', 'FamilyName'],
  ['company', 'company', 'CompanyName'],
  ['phone', 'phone', 'PrimaryPhone.FreeFormNumber'],
  ['mobilephone', 'mobilephone', 'Mobile.FreeFormNumber'],
  ['website', 'website', 'WebAddr.URI'],
  ['address', 'address', 'BillAddr.Line1'],
  ['city', 'city', 'BillAddr.City'],
  ['state', 'state', 'BillAddr.CountrySubDivisionCode'],
  ['zip', 'zip', 'BillAddr.PostalCode'],
  ['country', 'country', 'BillAddr.Country'],
];

export function defaultContactMappings(): FieldMapping[] {
  return [
    ...PAIRS.map(([id, hubspotProperty, qboField]): FieldMapping => ({ id, kind: 'default', enabled: true, hubspotProperty, qboField, direction: 'both' })),
    // Its HubSpot side is computed, so it can only flow to QuickBooks.
    { id: DISPLAY_NAME_MAPPING_ID, kind: 'default', enabled: true, hubspotProperty: COMPUTED_DISPLAY_NAME, qboField: 'DisplayName', direction: 'to_qbo' },
  ];
}
