/** The default payment mappings: QuickBooks → HubSpot only (a payment is booked in QuickBooks). */
import type { FieldMapping } from '../vocabulary.ts';
import { COMPUTED_PAYMENT_APPLIED, COMPUTED_PAYMENT_METHOD, COMPUTED_PAYMENT_NOTE, COMPUTED_PAYMENT_STATUS } from '../computed-fields.ts';

const PAIRS: readonly [id: string, hubspotProperty: string, qboField: string][] = [
  ['amount', 'hs_initial_amount', COMPUTED_PAYMENT_APPLIED],
  ['date', 'hs_initiated_date', 'TxnDate'],
  ['currency', 'hs_currency_code', 'CurrencyRef.value'],
  ['method', 'hs_payment_method', COMPUTED_PAYMENT_METHOD],
  ['status', 'hs_latest_status', COMPUTED_PAYMENT_STATUS],
  ['reference', 'hs_reference_number', 'PaymentRefNum'],
  ['note', 'hs_internal_comment', COMPUTED_PAYMENT_NOTE],
];

export function defaultPaymentMappings(): FieldMapping[] {
  return PAIRS.map(([id, hubspotProperty, qboField]): FieldMapping => ({ id, kind: 'default', enabled: true, hubspotProperty, qboField, direction: 'to_hubspot' }));
}
