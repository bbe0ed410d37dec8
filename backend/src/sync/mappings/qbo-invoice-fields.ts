/**
 * QuickBooks Online Invoice fields as dotted paths (reference §1.3 and the emulator's invoice schema).
 * Totals and balance are computed by QuickBooks; '@' names are values the invoices adapter computes
 * (the status from balance and voiding, the sales lines).
 */
import type { FieldCatalogue } from './field-catalogue.ts';

import { COMPUTED_QBO_INVOICE_LINES, COMPUTED_QBO_INVOICE_PAID, COMPUTED_QBO_INVOICE_STATUS } from '@quickbooks-sync/contract/definitions';

export const QBO_INVOICE_FIELDS: FieldCatalogue = {
  Id: { label: 'QuickBooks invoice ID', kind: 'string', readOnly: true },
  DocNumber: { label: 'Invoice no.', kind: 'string' },
  TxnDate: { label: 'Invoice date', kind: 'date' },
  DueDate: { label: 'Due date', kind: 'date' },
  'CurrencyRef.value': { label: 'Currency', kind: 'string' },
  'CustomerMemo.value': { label: 'Message on invoice', kind: 'string' },
  PrivateNote: { label: 'Message on statement', kind: 'string' },
  'CustomerRef.value': { label: 'Customer', kind: 'string' },
  'BillEmail.Address': { label: 'Billing e-mail', kind: 'email' },
  'TxnTaxDetail.TotalTax': { label: 'Tax', kind: 'currency' },
  TrackingNum: { label: 'Tracking no.', kind: 'string' },
  'CustomField.1': { label: 'Custom field 1', kind: 'string' },
  'CustomField.2': { label: 'Custom field 2', kind: 'string' },
  'CustomField.3': { label: 'Custom field 3', kind: 'string' },
  TotalAmt: { label: 'Total', kind: 'currency', readOnly: true },
  Balance: { label: 'Balance due', kind: 'currency', readOnly: true },
  'MetaData.CreateTime': { label: 'Created', kind: 'datetime', readOnly: true },
  'MetaData.LastUpdatedTime': { label: 'Last updated', kind: 'datetime', readOnly: true },
  [COMPUTED_QBO_INVOICE_STATUS]: { label: 'Status (paid / open / voided)', kind: 'enumeration', readOnly: true },
  [COMPUTED_QBO_INVOICE_LINES]: { label: 'Lines', kind: 'string' },
  [COMPUTED_QBO_INVOICE_PAID]: { label: 'Amount paid (total − balance)', kind: 'currency', readOnly: true },
};
