/**
 * QuickBooks Online Customer fields as dotted paths (reference §1.1 and the emulator's customer schema).
 * Balance and the MetaData times are computed by QuickBooks; Id is ours to link, never a mapped value.
 */
import type { FieldCatalogue, FieldInfo } from './field-catalogue.ts';

function address(prefix: 'BillAddr' | 'ShipAddr', words: string): Record<string, FieldInfo> {
  return {
    [`${prefix}.Line1`]: { label: `${words} street`, kind: 'string' },
    [`${prefix}.Line2`]: { label: `${words} street line 2`, kind: 'string' },
    [`${prefix}.City`]: { label: `${words} city`, kind: 'string' },
    [`${prefix}.CountrySubDivisionCode`]: { label: `${words} state/province`, kind: 'string' },
    [`${prefix}.PostalCode`]: { label: `${words} ZIP/postal code`, kind: 'string' },
    [`${prefix}.Country`]: { label: `${words} country`, kind: 'string' },
  };
}

export const QBO_CUSTOMER_FIELDS: FieldCatalogue = {
  Id: { label: 'QuickBooks customer ID', kind: 'string', readOnly: true },
  DisplayName: { label: 'Display name', kind: 'string' },
  Title: { label: 'Title', kind: 'string' },
  GivenName: { label: 'First name', kind: 'string' },
  MiddleName: { label: 'Middle name', kind: 'string' },
  FamilyName: { label: 'Last name', kind: 'string' },
  Suffix: { label: 'Suffix', kind: 'string' },
  CompanyName: { label: 'Company name', kind: 'string' },
  PrintOnCheckName: { label: 'Name to print on checks', kind: 'string' },
  'PrimaryEmailAddr.Address': { label: 'Email', kind: 'email' },
  'PrimaryPhone.FreeFormNumber': { label: 'Phone', kind: 'phone' },
  'AlternatePhone.FreeFormNumber': { label: 'Other phone', kind: 'phone' },
  'Mobile.FreeFormNumber': { label: 'Mobile', kind: 'phone' },
  'Fax.FreeFormNumber': { label: 'Fax', kind: 'phone' },
  'WebAddr.URI': { label: 'Website', kind: 'string' },
  ...address('BillAddr', 'Billing'),
  ...address('ShipAddr', 'Shipping'),
  Notes: { label: 'Notes', kind: 'string' },
  ResaleNum: { label: 'Resale number', kind: 'string' },
  Active: { label: 'Active', kind: 'boolean' },
  Taxable: { label: 'Taxable', kind: 'boolean' },
  Balance: { label: 'Open balance', kind: 'currency', readOnly: true },
  BalanceWithJobs: { label: 'Open balance with sub-customers', kind: 'currency', readOnly: true },
  'MetaData.CreateTime': { label: 'Created', kind: 'datetime', readOnly: true },
  'MetaData.LastUpdatedTime': { label: 'Last updated', kind: 'datetime', readOnly: true },
};
