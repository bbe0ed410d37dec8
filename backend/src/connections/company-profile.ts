/** What setup needs to know about the connected company, read once at connect (R22, R26). */
import type { QboCompanyInfo } from '../vendors/quickbooks/client.ts';

export interface CompanyProfile {
  companyName: string | null;
  country: string | null;
  homeCurrency: string | null;
  preferences: Record<string, unknown>;
}

export function companyProfileFrom(info: QboCompanyInfo, preferences: Record<string, unknown>): CompanyProfile {
  const currencyPrefs = preferences.CurrencyPrefs as { HomeCurrency?: { value?: string } } | undefined;
  return {
    companyName: info.CompanyName ?? null,
    country: info.Country ?? info.CompanyAddr?.Country ?? info.LegalAddr?.Country ?? null,
    homeCurrency: currencyPrefs?.HomeCurrency?.value ?? null,
    preferences,
  };
}
