/**
 * Vendor (IntuitNamesTypes.xsd `Vendor`): a name-list entity — never deleted, Active=false instead;
 * DisplayName shares the Customer/Vendor/Employee namespace (./party-name.ts); CurrencyRef fixed once set.
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { pick, stamp } from './common.ts';
import { partyDisplayName } from './party-name.ts';
import { nameListPartyFields, addressSchema, bool, emailSchema, envelopeFields, phoneSchema, readOnly, refSchema, str, webSchema } from './schema-kit.ts';

export const vendorSchema = z.strictObject({
  ...envelopeFields,
  ...nameListPartyFields,
  CompanyName: str.optional(),
  PrintOnCheckName: str.optional(),
  PrimaryEmailAddr: emailSchema.optional(),
  PrimaryPhone: phoneSchema.optional(),
  Mobile: phoneSchema.optional(),
  Fax: phoneSchema.optional(),
  WebAddr: webSchema.optional(),
  BillAddr: addressSchema.optional(),
  AcctNum: str.optional(),
  TaxIdentifier: str.optional(),
  Vendor1099: bool.optional(),
  TermRef: refSchema.optional(),
  CurrencyRef: refSchema.optional(),
  Active: bool.optional(),
  Balance: readOnly,
  V4IDPseudonym: readOnly,
});

const WRITABLE = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName', 'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile',
  'Fax', 'WebAddr', 'BillAddr', 'AcctNum', 'TaxIdentifier', 'TermRef',
] as const;

export function buildVendor(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const displayName = partyDisplayName(company, 'Vendor', input, existing);
  const home = company.settings.homeCurrency;
  const currency = (input.CurrencyRef as { value: string } | undefined)?.value ?? (existing?.CurrencyRef as { value: string } | undefined)?.value ?? home;
  const previous = (existing?.CurrencyRef as { value: string } | undefined)?.value;
  if (previous !== undefined && previous !== currency) throw faults.businessValidation('You cannot change the currency of a vendor once it has been set.');
  if (currency !== home && !company.settings.multiCurrency) throw faults.businessValidation(`Multicurrency is off; vendor currency must be ${home}.`);
  const term = input.TermRef as { value: string } | undefined;
  if (term && !company.visible('Term', term.value)) throw faults.invalidReference(`TermRef=${term.value}`);
  return {
    ...stamp(company, 'Vendor', existing),
    ...pick(input, WRITABLE),
    DisplayName: displayName,
    PrintOnCheckName: typeof input.PrintOnCheckName === 'string' ? input.PrintOnCheckName : displayName,
    Active: input.Active !== false,
    Vendor1099: input.Vendor1099 === true,
    Balance: existing?.Balance ?? 0,
    CurrencyRef: { value: currency, name: currency },
  };
}
