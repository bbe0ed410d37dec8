/**
 * QuickBooks Online Payment fields as dotted paths. '@' names are values the payments adapter computes:
 * the amount applied to the invoice (unapplied money is not a payment of the invoice), the method in
 * HubSpot's words, the status, and a note saying what was left out.
 */
import type { FieldCatalogue } from './field-catalogue.ts';

import { COMPUTED_PAYMENT_APPLIED, COMPUTED_PAYMENT_METHOD, COMPUTED_PAYMENT_NOTE, COMPUTED_PAYMENT_STATUS } from '@quickbooks-sync/contract/definitions';

export const QBO_PAYMENT_FIELDS: FieldCatalogue = {
  Id: { label: 'QuickBooks payment ID', kind: 'string', readOnly: true },
  TotalAmt: { label: 'Total amount', kind: 'currency', readOnly: true },
  UnappliedAmt: { label: 'Unapplied amount', kind: 'currency', readOnly: true },
  TxnDate: { label: 'Payment date', kind: 'date' },
  PaymentRefNum: { label: 'Reference no.', kind: 'string' },
  'CurrencyRef.value': { label: 'Currency', kind: 'string' },
  PrivateNote: { label: 'Memo', kind: 'string' },
  'MetaData.CreateTime': { label: 'Created', kind: 'datetime', readOnly: true },
  'MetaData.LastUpdatedTime': { label: 'Last updated', kind: 'datetime', readOnly: true },
  [COMPUTED_PAYMENT_APPLIED]: { label: 'Amount applied to the invoice', kind: 'currency', readOnly: true },
  [COMPUTED_PAYMENT_METHOD]: { label: 'Payment method', kind: 'enumeration', readOnly: true },
  [COMPUTED_PAYMENT_STATUS]: { label: 'Status', kind: 'enumeration', readOnly: true },
  [COMPUTED_PAYMENT_NOTE]: { label: 'What was left out', kind: 'string', readOnly: true },
};
