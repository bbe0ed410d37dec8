/**
 * The default company ⇄ customer mappings (issue 16, companies mode): each can be switched off; ids are
 * stable because stored definitions, snapshots and fingerprints refer to them.
 *
 * - The customer is named after the company: DisplayName ← company name on create only (as R14 does for
 *   contacts: renaming an accountant's customer on every edit would surprise them and risk a 6240 clash),
 *   CompanyName ⇄ company name both ways. A customer coming from QuickBooks without a CompanyName gives
 *   the company its DisplayName.
 * - E-mail and phone come from the company's billing contact (the contact with the chosen association
 *   label, else one whose primary company it is); they flow to QuickBooks only, because writing them back
 *   would edit a contact, not the company. A company without a billing contact syncs without an e-mail,
 *   and with its own phone number.
 * - The company's domain is not a mapped field: it is a matching key (against the customer's website and
 *   e-mail domain) and the website is mapped instead.
 */
import type { FieldMapping } from '../vocabulary.ts';
import { COMPUTED_BILLING_EMAIL, COMPUTED_BILLING_PHONE } from '../computed-fields.ts';
import { DISPLAY_NAME_MAPPING_ID } from './contacts.ts';

export const COMPANY_NAME_MAPPING_ID = 'company_name';

const PAIRS: readonly [id: string, hubspotProperty: string, qboField: string][] = [
  [COMPANY_NAME_MAPPING_ID, 'name', 'CompanyName'],
  ['website', 'website', 'WebAddr.URI'],
  ['address', 'address', 'BillAddr.Line1'],
  ['address2', 'address2', 'BillAddr.Line2'],
  ['city', 'city', 'BillAddr.City'],
  ['state', 'state', 'BillAddr.CountrySubDivisionCode'],
  ['zip', 'zip', 'BillAddr.PostalCode'],
  ['country', 'country', 'BillAddr.Country'],
];

export function defaultCompanyMappings(): FieldMapping[] {
  return [
    ...PAIRS.map(([id, hubspotProperty, qboField]): FieldMapping => ({ id, kind: 'default', enabled: true, hubspotProperty, qboField, direction: 'both' })),
    { id: DISPLAY_NAME_MAPPING_ID, kind: 'default', enabled: true, hubspotProperty: 'name', qboField: 'DisplayName', direction: 'to_qbo' },
    // Computed from the billing contact, so they can only flow to QuickBooks.
    { id: 'billing_email', kind: 'default', enabled: true, hubspotProperty: COMPUTED_BILLING_EMAIL, qboField: 'PrimaryEmailAddr.Address', direction: 'to_qbo' },
    { id: 'billing_phone', kind: 'default', enabled: true, hubspotProperty: COMPUTED_BILLING_PHONE, qboField: 'PrimaryPhone.FreeFormNumber', direction: 'to_qbo' },
  ];
}
