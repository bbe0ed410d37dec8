/**
 * The default invoice ⇄ invoice mappings (R7): each can be switched off; ids are stable because stored
 * definitions, snapshots and fingerprints refer to them. Lines and the customer are values the adapter
 * computes on both sides (the '@' names), so they compare like any field.
 */
import type { FieldMapping } from '../vocabulary.ts';
import { COMPUTED_INVOICE_CUSTOMER, COMPUTED_INVOICE_LINES, COMPUTED_INVOICE_PAID, COMPUTED_INVOICE_TAX, QBO_INVOICE_NUMBER_PROPERTY } from '../computed-fields.ts';
import { COMPUTED_QBO_INVOICE_LINES, COMPUTED_QBO_INVOICE_PAID, COMPUTED_QBO_INVOICE_STATUS } from '../computed-fields.ts';

export const LINES_MAPPING_ID = 'lines';
export const CUSTOMER_MAPPING_ID = 'customer';
export const TAX_MAPPING_ID = 'tax';
export const NUMBER_TO_QBO_MAPPING_ID = 'number';
export const CURRENCY_MAPPING_ID = 'currency';
export const PAID_MAPPING_ID = 'paid';

const mapping = (id: string, hubspotProperty: string, qboField: string, direction: FieldMapping['direction'] = 'both'): FieldMapping => ({
  id,
  kind: 'default',
  enabled: true,
  hubspotProperty,
  qboField,
  direction,
});

export function defaultInvoiceMappings(): FieldMapping[] {
  return [
    mapping('invoice_date', 'hs_invoice_date', 'TxnDate'),
    mapping('due_date', 'hs_due_date', 'DueDate'),
    mapping(CURRENCY_MAPPING_ID, 'hs_currency', 'CurrencyRef.value'),
    mapping('memo', 'hs_comments', 'CustomerMemo.value'),
    mapping(CUSTOMER_MAPPING_ID, COMPUTED_INVOICE_CUSTOMER, 'CustomerRef.value'),
    mapping(LINES_MAPPING_ID, COMPUTED_INVOICE_LINES, COMPUTED_QBO_INVOICE_LINES),
    // HubSpot numbers its invoices itself (hs_number is read-only): its number becomes the QuickBooks
    // DocNumber on create, and QuickBooks' number is kept in a property of ours.
    mapping(NUMBER_TO_QBO_MAPPING_ID, 'hs_number', 'DocNumber', 'to_qbo'),
    mapping('qbo_number', QBO_INVOICE_NUMBER_PROPERTY, 'DocNumber', 'to_hubspot'),
    mapping('status', 'hs_invoice_status', COMPUTED_QBO_INVOICE_STATUS, 'to_hubspot'),
    // R23: only tax HubSpot computed (automated sales tax) goes to QuickBooks; none is ever invented.
    mapping(TAX_MAPPING_ID, COMPUTED_INVOICE_TAX, 'TxnTaxDetail.TotalTax', 'to_qbo'),
    // R18: QuickBooks may add payments to an invoice created in HubSpot, never remove one.
    mapping(PAID_MAPPING_ID, COMPUTED_INVOICE_PAID, COMPUTED_QBO_INVOICE_PAID, 'to_hubspot'),
  ];
}
