/**
 * HubSpot invoice properties an invoices ⇄ invoices mapping may use (the account's custom properties are
 * added at run time). Amounts and the number are computed by HubSpot; names starting with '@' are
 * values the invoices adapter computes (lines from the associated line items, the billing contact's
 * QuickBooks customer), not properties.
 */
import type { FieldCatalogue } from './field-catalogue.ts';

import { COMPUTED_INVOICE_CUSTOMER, COMPUTED_INVOICE_LINES, COMPUTED_INVOICE_PAID, COMPUTED_INVOICE_TAX, QBO_INVOICE_NUMBER_PROPERTY } from '@quickbooks-sync/contract/definitions';

export const HUBSPOT_INVOICE_FIELDS: FieldCatalogue = {
  hs_invoice_date: { label: 'Invoice date', kind: 'date' },
  hs_due_date: { label: 'Due date', kind: 'date' },
  hs_currency: { label: 'Currency', kind: 'string' },
  hs_comments: { label: 'Comments', kind: 'string' },
  hs_title: { label: 'Title', kind: 'string' },
  hs_purchase_order_number: { label: 'Purchase order number', kind: 'string' },
  hs_invoice_status: { label: 'Invoice status', kind: 'enumeration' },
  hs_number: { label: 'Invoice number', kind: 'string', readOnly: true },
  hs_amount_billed: { label: 'Amount billed', kind: 'currency', readOnly: true },
  hs_balance_due: { label: 'Balance due', kind: 'currency', readOnly: true },
  hs_createdate: { label: 'Create date', kind: 'datetime', readOnly: true },
  hs_lastmodifieddate: { label: 'Last modified date', kind: 'datetime', readOnly: true },
  [QBO_INVOICE_NUMBER_PROPERTY]: { label: 'QuickBooks invoice number', kind: 'string' },
  [COMPUTED_INVOICE_LINES]: { label: 'Line items', kind: 'string' },
  [COMPUTED_INVOICE_CUSTOMER]: { label: 'Billing contact (its QuickBooks customer)', kind: 'string' },
  [COMPUTED_INVOICE_TAX]: { label: 'Tax (from line items)', kind: 'currency' },
  [COMPUTED_INVOICE_PAID]: { label: 'Amount paid', kind: 'currency' },
};
