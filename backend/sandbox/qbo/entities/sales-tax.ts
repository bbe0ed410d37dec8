/**
 * Automated sales tax (AST) of US companies: "US companies created after Nov 2017 use automated sales
 * tax: QBO assigns the tax code and computes tax on an invoice unless the request says otherwise"
 * (quickbooks-api.md §1 TaxPrefs and "Checked against …"; Intuit "Manage sales tax for US locales").
 * On when Preferences.TaxPrefs.PartnerTaxEnabled is true (every new US company here). What says
 * otherwise: a line's `TaxCodeRef` `NON`, a tax-exempt customer (`Taxable: false`), or a
 * `TxnTaxDetail.TotalTax` the request sends (an override). Real AST looks the rate up from the ship-to
 * address; the emulator uses one rate per company (`salesTaxRatePercent`, default 8.25 %), applied to
 * the taxable lines (after discounts only with `ApplyTaxAfterDiscount`).
 */
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { round2 } from './common.ts';
import { globalTaxOf } from './global-tax.ts';

export const DEFAULT_SALES_TAX_RATE_PERCENT = 8.25;

export interface SalesTax {
  totalTax: number;
  /** What the tax adds to TotalAmt: all of it, except tax already inside the line amounts (TaxInclusive). */
  addedToTotal: number;
  lines: Record<string, unknown>[];
  taxLines: Record<string, unknown>[];
}

export function automatedSalesTaxOn(company: Company): boolean {
  const prefs = company.get('Preferences', '1') as { TaxPrefs?: { PartnerTaxEnabled?: boolean } } | undefined;
  return company.settings.country === 'US' && prefs?.TaxPrefs?.PartnerTaxEnabled === true;
}

interface SalesLineOut {
  Amount: number;
  DetailType: string;
  SalesItemLineDetail?: { TaxCodeRef?: { value: string } };
}

export function salesTaxOf(company: Company, customer: QboEntity, computedLines: Record<string, unknown>[], input: Record<string, unknown>): SalesTax {
  const sent = (input.TxnTaxDetail as { TotalTax?: number } | undefined)?.TotalTax;
  const us = company.settings.country === 'US';
  if (!us) {
    // Non-US: the codes on the lines decide (./global-tax.ts).
    const global = globalTaxOf(company, computedLines, input);
    return { totalTax: global.totalTax, addedToTotal: global.inclusive ? 0 : global.totalTax, lines: computedLines, taxLines: global.taxLines };
  }
  if (!automatedSalesTaxOn(company)) {
    const manual = typeof sent === 'number' && sent > 0 ? round2(sent) : 0;
    return { totalTax: manual, addedToTotal: manual, lines: computedLines, taxLines: [] };
  }
  const exempt = customer.Taxable === false;
  // AST assigns the tax code of lines that name none: TAX, or NON for an exempt customer.
  const lines = computedLines.map((line) => {
    const l = line as unknown as SalesLineOut;
    if (l.DetailType !== 'SalesItemLineDetail' || !l.SalesItemLineDetail || l.SalesItemLineDetail.TaxCodeRef) return line;
    return { ...line, SalesItemLineDetail: { ...l.SalesItemLineDetail, TaxCodeRef: { value: exempt ? 'NON' : 'TAX' } } };
  });
  const sales = lines as unknown as SalesLineOut[];
  const subtotal = sales.filter((l) => l.DetailType === 'SalesItemLineDetail').reduce((s, l) => s + l.Amount, 0);
  const taxable = sales.filter((l) => l.DetailType === 'SalesItemLineDetail' && l.SalesItemLineDetail?.TaxCodeRef?.value === 'TAX').reduce((s, l) => s + l.Amount, 0);
  const discount = sales.filter((l) => l.DetailType === 'DiscountLineDetail').reduce((s, l) => s + l.Amount, 0);
  const base = round2(input.ApplyTaxAfterDiscount === true && subtotal > 0 ? taxable - (discount * taxable) / subtotal : taxable);
  const rate = company.settings.salesTaxRatePercent ?? DEFAULT_SALES_TAX_RATE_PERCENT;
  const computed = exempt ? 0 : round2((base * rate) / 100);
  const totalTax = typeof sent === 'number' && sent >= 0 ? round2(sent) : computed;
  const taxLines =
    totalTax > 0
      ? [{ Amount: totalTax, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: 'AST', name: 'Automated sales tax' }, PercentBased: true, TaxPercent: rate, NetAmountTaxable: base } }]
      : [];
  return { totalTax, addedToTotal: totalTax, lines, taxLines };
}
