/**
 * The sales tax codes of a non-US QuickBooks company (R22), read live from the company: each active
 * TaxCode with the TaxRates it charges on sales (its SalesTaxRateList) and their total percentage. Codes
 * that only apply to purchases (a purchase rate list and no sales one) are left out: a sale cannot use
 * them. US companies have TAX/NON only (automated sales tax); nobody asks for theirs.
 */
import type { QboClient } from '../vendors/quickbooks/client.ts';

export interface CompanyTaxCode {
  id: string;
  name: string;
  description: string | null;
  /** TaxRate ids the code charges on sales, in their tax order. */
  rateIds: string[];
  ratePercent: number;
}

interface RateList {
  TaxRateDetail?: Array<{ TaxRateRef?: { value?: string } }>;
}

const rateIdsOf = (list: unknown): string[] =>
  ((list as RateList | undefined)?.TaxRateDetail ?? []).map((d) => d.TaxRateRef?.value).filter((v): v is string => typeof v === 'string');

export async function readCompanyTaxCodes(qbo: Pick<QboClient, 'queryAll'>): Promise<CompanyTaxCode[]> {
  const percentOf = new Map<string, number>();
  for await (const page of qbo.queryAll('TaxRate')) {
    for (const rate of page.records) percentOf.set(rate.Id, typeof rate.RateValue === 'number' ? rate.RateValue : Number(rate.RateValue ?? 0));
  }
  const codes: CompanyTaxCode[] = [];
  for await (const page of qbo.queryAll('TaxCode')) {
    for (const code of page.records) {
      // A query leaves inactive codes out unless asked; checked again since a line cannot carry one.
      if (code.Active === false) continue;
      const sales = rateIdsOf(code.SalesTaxRateList);
      if (sales.length === 0 && rateIdsOf(code.PurchaseTaxRateList).length > 0) continue;
      const ratePercent = Math.round(sales.reduce((sum, id) => sum + (percentOf.get(id) ?? 0), 0) * 1000) / 1000;
      codes.push({ id: code.Id, name: typeof code.Name === 'string' ? code.Name : code.Id, description: typeof code.Description === 'string' && code.Description !== '' ? code.Description : null, rateIds: sales, ratePercent });
    }
  }
  return codes;
}
