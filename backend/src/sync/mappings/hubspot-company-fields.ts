/**
 * HubSpot company properties a companies ⇄ customers mapping may use (companies mode of the customers
 * sync, issue 16; the account's custom properties are added at run time). Kinds follow HubSpot's
 * property types; read-only ones are calculated by HubSpot or by us.
 */
import type { FieldCatalogue } from './field-catalogue.ts';
import { COMPUTED_BILLING_EMAIL, COMPUTED_BILLING_PHONE } from '@quickbooks-sync/contract/definitions';

export const HUBSPOT_COMPANY_FIELDS: FieldCatalogue = {
  name: { label: 'Company name', kind: 'string' },
  domain: { label: 'Company domain name', kind: 'string' },
  website: { label: 'Website URL', kind: 'string' },
  phone: { label: 'Phone number', kind: 'phone' },
  address: { label: 'Street address', kind: 'string' },
  address2: { label: 'Street address 2', kind: 'string' },
  city: { label: 'City', kind: 'string' },
  state: { label: 'State/Region', kind: 'string' },
  zip: { label: 'Postal code', kind: 'string' },
  country: { label: 'Country/Region', kind: 'string' },
  industry: { label: 'Industry', kind: 'string' },
  description: { label: 'Description', kind: 'string' },
  numberofemployees: { label: 'Number of employees', kind: 'number' },
  annualrevenue: { label: 'Annual revenue', kind: 'number' },
  createdate: { label: 'Create date', kind: 'datetime', readOnly: true },
  hs_lastmodifieddate: { label: 'Last modified date', kind: 'datetime', readOnly: true },
  hs_object_id: { label: 'Record ID', kind: 'number', readOnly: true },
  [COMPUTED_BILLING_EMAIL]: { label: "Billing contact's email", kind: 'email', readOnly: true },
  [COMPUTED_BILLING_PHONE]: { label: "Billing contact's phone (else the company's)", kind: 'phone', readOnly: true },
};
