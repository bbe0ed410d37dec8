/**
 * Tax of non-US companies (the global tax model, Intuit "Manage sales tax for non-US locales"): every
 * sales line names a TaxCode (checked in ./invoice-lines.ts), each code charges the TaxRates of its
 * `SalesTaxRateList`, and QBO computes the tax itself:
 * - `GlobalTaxCalculation` `TaxExcluded` (the default): line amounts are net; tax per rate =
 *   rate × the net of the lines whose code charges it, added to TotalAmt.
 * - `TaxInclusive`: line amounts include the tax; net = amount ÷ (1 + the code's rates), the tax inside
 *   is shown and TotalAmt stays the sum of the lines.
 * - `NotApplicable`: no tax.
 * One `TaxLine` per rate charged (zero rates included, with their taxable base), rounded to the cent per
 * rate; TotalTax is their sum. Discounts are taken off before tax, spread over the lines by amount (VAT
 * and GST are charged on the discounted price; how QBO spreads a discount over codes is UNCONFIRMED).
 * A `TxnTaxDetail.TotalTax` in the request is not an override here: the codes decide.
 */
import type { Company } from '../state/company.ts';
import { round2 } from './common.ts';

interface LineOut {
  Amount: number;
  DetailType: string;
  SalesItemLineDetail?: { TaxCodeRef?: { value: string } };
}

interface RateDetail {
  TaxRateRef: { value: string };
}

export interface GlobalTax {
  totalTax: number;
  taxLines: Record<string, unknown>[];
  /** True when the tax is inside the line amounts (TaxInclusive): it is not added to TotalAmt again. */
  inclusive: boolean;
}

function ratesOfCode(company: Company, codeId: string): Array<{ id: string; percent: number }> {
  const code = company.get('TaxCode', codeId) as { SalesTaxRateList?: { TaxRateDetail?: RateDetail[] } } | undefined;
  return (code?.SalesTaxRateList?.TaxRateDetail ?? []).map((d) => {
    const rate = company.get('TaxRate', d.TaxRateRef.value) as { RateValue?: number } | undefined;
    return { id: d.TaxRateRef.value, percent: rate?.RateValue ?? 0 };
  });
}

export function globalTaxOf(company: Company, computedLines: Record<string, unknown>[], input: Record<string, unknown>): GlobalTax {
  const mode = (input.GlobalTaxCalculation as string | undefined) ?? 'TaxExcluded';
  if (mode === 'NotApplicable') return { totalTax: 0, taxLines: [], inclusive: false };
  const inclusive = mode === 'TaxInclusive';
  const lines = computedLines as unknown as LineOut[];
  const sales = lines.filter((l) => l.DetailType === 'SalesItemLineDetail');
  const subtotal = sales.reduce((s, l) => s + l.Amount, 0);
  const discount = lines.filter((l) => l.DetailType === 'DiscountLineDetail').reduce((s, l) => s + l.Amount, 0);
  const perRate = new Map<string, { percent: number; net: number; tax: number }>();
  for (const line of sales) {
    const codeId = line.SalesItemLineDetail?.TaxCodeRef?.value;
    if (!codeId) continue;
    const rates = ratesOfCode(company, codeId);
    const amount = subtotal > 0 ? line.Amount - (discount * line.Amount) / subtotal : line.Amount;
    const totalPercent = rates.reduce((s, r) => s + r.percent, 0);
    const net = inclusive ? amount / (1 + totalPercent / 100) : amount;
    for (const rate of rates) {
      const entry = perRate.get(rate.id) ?? { percent: rate.percent, net: 0, tax: 0 };
      entry.net += net;
      entry.tax += (net * rate.percent) / 100;
      perRate.set(rate.id, entry);
    }
  }
  const taxLines = [...perRate.entries()].map(([id, r]) => {
    const name = company.get('TaxRate', id)?.Name;
    return {
      Amount: round2(r.tax),
      DetailType: 'TaxLineDetail',
      TaxLineDetail: { TaxRateRef: typeof name === 'string' ? { value: id, name } : { value: id }, PercentBased: true, TaxPercent: r.percent, NetAmountTaxable: round2(r.net), TaxInclusiveAmount: round2(r.net + r.tax) },
    };
  });
  return { totalTax: round2(taxLines.reduce((s, l) => s + l.Amount, 0)), taxLines, inclusive };
}
