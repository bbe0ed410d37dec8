/**
 * Invoices to non-US QuickBooks companies (R22): QuickBooks requires a tax code on every invoice line
 * there and computes the tax itself. The invoices sync's `taxCodeId` option is the QuickBooks TaxCode its
 * lines carry by default (a product whose QuickBooks item has its own sales tax code keeps that one).
 * Without it, invoices can only come from QuickBooks to such a company's HubSpot account.
 */
export const TAX_CODE_OPTION = 'taxCodeId';

/** Whether the company's invoices need a tax code on every line: any QuickBooks company outside the US. */
export function taxCodePerLineRequired(country: string | null | undefined): boolean {
  return typeof country === 'string' && country !== '' && country !== 'US';
}
