/**
 * HubSpot contact properties a contacts ⇄ customers mapping may use (the account's custom properties are
 * added at run time). Kinds follow HubSpot's property types; read-only ones are calculated by HubSpot.
 */
import type { FieldCatalogue } from './field-catalogue.ts';

import { COMPUTED_DISPLAY_NAME } from '@quickbooks-sync/contract/definitions';

export const HUBSPOT_CONTACT_FIELDS: FieldCatalogue = {
  email: { label: 'Email', kind: 'email' },
  firstname: { label: 'First name', kind: 'string' },
  lastname: { label: 'Last name', kind: 'string' },
  company: { label: 'Company name', kind: 'string' },
  jobtitle: { label: 'Job title', kind: 'string' },
  website: { label: 'Website URL', kind: 'string' },
  phone: { label: 'Phone number', kind: 'phone' },
  mobilephone: { label: 'Mobile phone number', kind: 'phone' },
  address: { label: 'Street address', kind: 'string' },
  city: { label: 'City', kind: 'string' },
  state: { label: 'State/Region', kind: 'string' },
  zip: { label: 'Postal code', kind: 'string' },
  country: { label: 'Country/Region', kind: 'string' },
  lifecyclestage: { label: 'Lifecycle stage', kind: 'enumeration' },
  hubspot_owner_id: { label: 'Contact owner', kind: 'enumeration' },
  // HubSpot sets these itself; createdate is writable on import only, so we never write it.
  createdate: { label: 'Create date', kind: 'datetime', readOnly: true },
  lastmodifieddate: { label: 'Last modified date', kind: 'datetime', readOnly: true },
  hs_lastmodifieddate: { label: 'Object last modified date/time', kind: 'datetime', readOnly: true },
  hs_object_id: { label: 'Record ID', kind: 'number', readOnly: true },
  associatedcompanyid: { label: 'Primary associated company ID', kind: 'number', readOnly: true },
  // R9: properties of the contact's associated invoices, for the contacts filter (related-criteria.ts).
  'invoice:hs_invoice_status': { label: 'Invoice status', kind: 'enumeration', readOnly: true, filterOnly: true },
  'invoice:hs_createdate': { label: 'Invoice create date', kind: 'datetime', readOnly: true, filterOnly: true },
  'invoice:hs_invoice_source': { label: 'Invoice source', kind: 'enumeration', readOnly: true, filterOnly: true },
  'invoice:hs_invoice_date': { label: 'Invoice date', kind: 'date', readOnly: true, filterOnly: true },
  [COMPUTED_DISPLAY_NAME]: { label: 'Associated company name (else first and last name, else email)', kind: 'string', readOnly: true },
};
