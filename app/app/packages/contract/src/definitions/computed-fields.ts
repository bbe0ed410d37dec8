/**
 * Names of values the sync computes rather than reads from one field, used as the `hubspotProperty` or
 * `qboField` of default mappings. The '@' keeps them apart from real names (HubSpot names are lower-case
 * letters, digits and underscores; QuickBooks field paths start with a capital).
 */

/** HubSpot contact side: the R14 display name computed from the primary company, names and email. */
export const COMPUTED_DISPLAY_NAME = '@display_name';

/** HubSpot company side (companies mode): the e-mail and phone of the company's billing contact (phone: else the company's). */
export const COMPUTED_BILLING_EMAIL = '@billing_email';
export const COMPUTED_BILLING_PHONE = '@billing_phone';

/**
 * HubSpot product side: whether the product is live (not archived). HubSpot has no "active" flag on
 * products; archiving is how a product leaves the library, so an inactive QuickBooks item is an archived
 * product.
 */
export const COMPUTED_PRODUCT_ACTIVE = '@active';

/** HubSpot invoice side. */
export const COMPUTED_INVOICE_LINES = '@lines';
export const COMPUTED_INVOICE_CUSTOMER = '@customer';
export const COMPUTED_INVOICE_TAX = '@tax';
/** Not written to HubSpot (its paid amount follows the payments): carried so R18 can see a payment removed in QuickBooks. */
export const COMPUTED_INVOICE_PAID = '@paid';
/** Holds the QuickBooks DocNumber on HubSpot invoices (HubSpot's own hs_number is read-only). */
export const QBO_INVOICE_NUMBER_PROPERTY = 'qbo_invoice_number';

/** QuickBooks invoice side. */
export const COMPUTED_QBO_INVOICE_STATUS = '@status';
export const COMPUTED_QBO_INVOICE_LINES = '@lines';
export const COMPUTED_QBO_INVOICE_PAID = '@paid';

/** QuickBooks payment side. */
export const COMPUTED_PAYMENT_APPLIED = '@applied';
export const COMPUTED_PAYMENT_METHOD = '@method';
export const COMPUTED_PAYMENT_STATUS = '@status';
export const COMPUTED_PAYMENT_NOTE = '@note';
