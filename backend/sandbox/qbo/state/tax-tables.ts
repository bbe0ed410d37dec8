/**
 * The tax codes and rates a fresh non-US company starts with (the "global tax model": a TaxCode per
 * sales line, each code naming the TaxRate(s) it charges through `SalesTaxRateList`). Shapes follow the
 * QBO entities (TaxCode: Name, Description, Active, Taxable, TaxGroup, SalesTaxRateList.TaxRateDetail[
 * {TaxRateRef, TaxTypeApplicable, TaxOrder}], PurchaseTaxRateList; TaxRate: Name, Description, Active,
 * RateValue, AgencyRef, SpecialTaxType, DisplayType, EffectiveTaxRate), names as the UK, Canadian (Ontario)
 * and Australian editions show them. US companies get TAX/NON only (automated sales tax).
 */
import type { Company } from './company.ts';
import type { QboEntity } from './types.ts';

interface RateSpec {
  key: string;
  name: string;
  description: string;
  percent: number;
  agency: string;
}

interface CodeSpec {
  name: string;
  description: string;
  /** Keys of the rates the code charges on sales; none: a code outside the tax (no tax line). */
  rates: string[];
}

interface CountryTaxes {
  rates: RateSpec[];
  codes: CodeSpec[];
}

const GB: CountryTaxes = {
  rates: [
    { key: 'S', name: '20.0% S', description: 'Standard rate sales', percent: 20, agency: 'HMRC' },
    { key: 'R', name: '5.0% R', description: 'Reduced rate sales', percent: 5, agency: 'HMRC' },
    { key: 'Z', name: '0.0% Z', description: 'Zero-rated sales', percent: 0, agency: 'HMRC' },
    { key: 'E', name: 'Exempt', description: 'Exempt sales', percent: 0, agency: 'HMRC' },
  ],
  codes: [
    { name: '20.0% S', description: 'Standard rate (20%)', rates: ['S'] },
    { name: '5.0% R', description: 'Reduced rate (5%)', rates: ['R'] },
    { name: '0.0% Z', description: 'Zero-rated', rates: ['Z'] },
    { name: 'Exempt', description: 'Exempt from VAT', rates: ['E'] },
    { name: 'No VAT', description: 'Outside the scope of VAT', rates: [] },
  ],
};

const CA: CountryTaxes = {
  rates: [
    { key: 'HST', name: 'HST ON', description: 'Harmonized sales tax, Ontario', percent: 13, agency: 'Canada Revenue Agency' },
    { key: 'GST', name: 'GST', description: 'Goods and services tax', percent: 5, agency: 'Canada Revenue Agency' },
    { key: 'ZR', name: 'Zero-rated', description: 'Zero-rated supplies', percent: 0, agency: 'Canada Revenue Agency' },
  ],
  codes: [
    { name: 'HST ON', description: 'HST Ontario (13%)', rates: ['HST'] },
    { name: 'GST', description: 'GST only (5%)', rates: ['GST'] },
    { name: 'Zero-rated', description: 'Zero-rated (0%)', rates: ['ZR'] },
    { name: 'Exempt', description: 'Exempt supplies', rates: [] },
  ],
};

const AU: CountryTaxes = {
  rates: [
    { key: 'GST', name: 'GST (sales)', description: 'GST on sales', percent: 10, agency: 'Australian Taxation Office' },
    { key: 'FRE', name: 'GST free (sales)', description: 'GST-free sales', percent: 0, agency: 'Australian Taxation Office' },
  ],
  codes: [
    { name: 'GST', description: 'GST (10%)', rates: ['GST'] },
    { name: 'GST free', description: 'GST-free (0%)', rates: ['FRE'] },
    { name: 'Out of scope', description: 'Not reportable for GST', rates: [] },
  ],
};

/** Any other country: one standard VAT rate and a zero rate (the UK layout, generic names). */
const OTHER: CountryTaxes = {
  rates: [
    { key: 'S', name: 'Standard', description: 'Standard rate', percent: 20, agency: 'Tax agency' },
    { key: 'Z', name: 'Zero', description: 'Zero rate', percent: 0, agency: 'Tax agency' },
  ],
  codes: [
    { name: 'Standard', description: 'Standard rate', rates: ['S'] },
    { name: 'Zero-rated', description: 'Zero rate', rates: ['Z'] },
    { name: 'Exempt', description: 'Exempt', rates: [] },
  ],
};

const TABLES: Record<string, CountryTaxes> = { GB, CA, AU };

/** The tax QBO names in its "a line has no tax code" error (6000): GST/HST in Canada, GST in Australia, else VAT. */
export function taxNameOf(country: string): string {
  if (country === 'CA') return 'GST/HST';
  if (country === 'AU' || country === 'NZ' || country === 'IN') return 'GST';
  return 'VAT';
}

function base(company: Company, id: string): QboEntity {
  const now = company.now();
  return { Id: id, SyncToken: '0', MetaData: { CreateTime: now, LastUpdatedTime: now }, domain: 'QBO', sparse: false };
}

export function seedUsTaxCodes(company: Company): void {
  for (const [name, description] of [['TAX', 'Taxable'], ['NON', 'Non-taxable']] as const) {
    company.put('TaxCode', { ...base(company, name), Name: name, Description: description, Active: true, Taxable: name !== 'NON', TaxGroup: false });
  }
}

export function seedGlobalTaxCodes(company: Company): void {
  const table = TABLES[company.settings.country] ?? OTHER;
  const rateIds = new Map<string, { id: string; name: string }>();
  for (const rate of table.rates) {
    const id = company.allocateId('TaxRate');
    rateIds.set(rate.key, { id, name: rate.name });
    company.put('TaxRate', {
      ...base(company, id),
      Name: rate.name,
      Description: rate.description,
      Active: true,
      RateValue: rate.percent,
      AgencyRef: { value: '1', name: rate.agency },
      SpecialTaxType: rate.percent === 0 ? 'ZERO_RATE' : 'NONE',
      DisplayType: 'ReadOnly',
      EffectiveTaxRate: [{ RateValue: rate.percent, EffectiveDate: '2024-01-01T00:00:00Z' }],
    });
  }
  for (const code of table.codes) {
    const id = company.allocateId('TaxCode');
    const details = code.rates.map((key, order) => {
      const rate = rateIds.get(key)!;
      return { TaxRateRef: { value: rate.id, name: rate.name }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: order };
    });
    company.put('TaxCode', {
      ...base(company, id),
      Name: code.name,
      Description: code.description,
      Active: true,
      Hidden: false,
      Taxable: code.rates.length > 0,
      TaxGroup: true,
      SalesTaxRateList: { TaxRateDetail: details },
      PurchaseTaxRateList: { TaxRateDetail: [] },
      TaxCodeConfigType: 'SYSTEM_GENERATED',
    });
  }
}
