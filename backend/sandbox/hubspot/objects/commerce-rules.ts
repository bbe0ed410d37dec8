/**
 * HubSpot's refusals for commerce objects (line items, invoices, deals), from its docs:
 * - "The price specified within the properties field cannot be negative" (line items guide,
 *   developers.hubspot.com/docs-beta/crm/line-items) — discounts are the `discount` (unit discount) and
 *   `hs_discount_percentage` properties, never a negative price.
 * - "Line items belong to one single parent object" (line items guide, 2026-03): a line item associated
 *   with a deal or an invoice cannot be associated with a second deal or invoice.
 * - An invoice moves to open (or paid) only once it has a contact and line items: "Invoice inherits
 *   contact/company details from the associated contact, which are required before moving to Open"
 *   (invoices guide, hubspot-platform.md §5.x); the required list is UNCONFIRMED, a contact and ≥1 line
 *   item is the reading taken. Creating it open at once is refused too (the guide's steps: create draft,
 *   configure, move to open).
 * - Currency codes are ISO 4217 codes (HubSpot's currency settings offer only those): an unknown code is
 *   refused.
 * All refusals are 400 VALIDATION_ERROR.
 */
import { validationError } from '../http/errors.ts';
import type { HubSpotAccount } from '../state/account.ts';
import type { CrmRecord } from './collection.ts';
import { OBJECT_TYPE_INFO, type ObjectType } from './object-types.ts';

const CURRENCY_PROPERTIES: Partial<Record<ObjectType, string>> = {
  invoices: 'hs_currency',
  line_items: 'hs_line_item_currency_code',
  deals: 'deal_currency_code',
  commerce_payments: 'hs_currency_code',
};
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const LINE_ITEM_PARENTS: readonly ObjectType[] = ['deals', 'invoices'];
const STATUSES_NEEDING_PARTIES = new Set(['open', 'paid']);

/** Refuses values HubSpot refuses for these objects; `values` are the planned (normalised) ones. */
export function checkCommerceValues(account: HubSpotAccount, type: ObjectType, values: Map<string, string | null>, existing: CrmRecord | undefined): void {
  if (type === 'line_items') {
    const price = values.get('price');
    if (price !== undefined && price !== null && Number(price) < 0) {
      throw validationError(`Property values were not valid: price cannot be negative (${price}). Use the discount or hs_discount_percentage property for discounts.`);
    }
  }
  const currencyProperty = CURRENCY_PROPERTIES[type];
  const currency = currencyProperty ? values.get(currencyProperty) : undefined;
  if (currencyProperty && currency !== undefined && currency !== null && !ISO_CURRENCIES.has(currency.toUpperCase())) {
    throw validationError(`Property values were not valid: ${currencyProperty} "${currency}" is not a supported currency code.`);
  }
  if (type === 'invoices') {
    const status = values.get('hs_invoice_status');
    if (status === undefined || status === null || !STATUSES_NEEDING_PARTIES.has(status)) return;
    if (status === existing?.properties.get('hs_invoice_status')) return;
    if (!existing) throw validationError(`An invoice is created as a draft: associate a contact and line items, then set hs_invoice_status to ${status}.`);
    const missing = [
      account.associations.list('invoices', existing.id, 'contacts').length === 0 ? 'a contact' : null,
      account.associations.list('invoices', existing.id, 'line_items').length === 0 ? 'line items' : null,
    ].filter((m): m is string => m !== null);
    if (missing.length > 0) throw validationError(`Invoice ${existing.id} cannot be moved to ${status}: it needs ${missing.join(' and ')}.`);
  }
}

/** "Line items belong to one single parent object": refuses a second deal or invoice for a line item. */
export function checkLineItemParent(account: HubSpotAccount, fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
  const [lineItemId, parentType, parentId] =
    fromType === 'line_items' && LINE_ITEM_PARENTS.includes(toType) ? [fromId, toType, toId] : toType === 'line_items' && LINE_ITEM_PARENTS.includes(fromType) ? [toId, fromType, fromId] : [];
  if (lineItemId === undefined || parentType === undefined) return;
  for (const type of LINE_ITEM_PARENTS) {
    const other = account.associations.list('line_items', lineItemId, type).find((link) => !(type === parentType && link.toId === parentId));
    if (other) {
      throw validationError(`Line item ${lineItemId} already belongs to ${OBJECT_TYPE_INFO[type].singular} ${other.toId}: a line item has one single parent object. Create another line item for this ${OBJECT_TYPE_INFO[parentType].singular}.`);
    }
  }
}
