/** HubSpot commerce payment properties a payments mapping may use (hubspot-platform.md §5.3). */
import type { FieldCatalogue } from './field-catalogue.ts';

export const HUBSPOT_PAYMENT_FIELDS: FieldCatalogue = {
  hs_initial_amount: { label: 'Amount', kind: 'currency' },
  hs_initiated_date: { label: 'Payment date', kind: 'date' },
  hs_currency_code: { label: 'Currency', kind: 'string' },
  hs_payment_method: { label: 'Payment method', kind: 'enumeration' },
  hs_latest_status: { label: 'Status', kind: 'enumeration' },
  hs_reference_number: { label: 'Reference number', kind: 'string' },
  hs_internal_comment: { label: 'Internal comment', kind: 'string' },
  hs_customer_email: { label: 'Customer e-mail', kind: 'email' },
  hs_net_amount: { label: 'Net amount', kind: 'currency', readOnly: true },
  hs_createdate: { label: 'Create date', kind: 'datetime', readOnly: true },
  hs_lastmodifieddate: { label: 'Last modified date', kind: 'datetime', readOnly: true },
};
