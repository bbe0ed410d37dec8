/**
 * Customer: DisplayName unique across customers, vendors and employees (./party-name.ts), generated
 * from the name parts when absent, CurrencyRef fixed once set, never deleted (Active=false instead).
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { pick, stamp } from './common.ts';
import { partyDisplayName } from './party-name.ts';
import { nameListPartyFields, addressSchema, bool, emailSchema, envelopeFields, phoneSchema, readOnly, refSchema, str, webSchema } from './schema-kit.ts';

export const customerSchema = z.strictObject({
  ...envelopeFields,
  ...nameListPartyFields,
  CompanyName: str.optional(),
  PrintOnCheckName: str.optional(),
  PrimaryEmailAddr: emailSchema.optional(),
  PrimaryPhone: phoneSchema.optional(),
  AlternatePhone: phoneSchema.optional(),
  Mobile: phoneSchema.optional(),
  Fax: phoneSchema.optional(),
  WebAddr: webSchema.optional(),
  BillAddr: addressSchema.optional(),
  ShipAddr: addressSchema.optional(),
  Notes: str.optional(),
  Active: bool.optional(),
  Taxable: bool.optional(),
  Job: bool.optional(),
  BillWithParent: bool.optional(),
  ParentRef: refSchema.optional(),
  CurrencyRef: refSchema.optional(),
  SalesTermRef: refSchema.optional(),
  PaymentMethodRef: refSchema.optional(),
  DefaultTaxCodeRef: refSchema.optional(),
  PreferredDeliveryMethod: z.enum(['Print', 'Email', 'None']).optional(),
  ResaleNum: str.optional(),
  PrimaryTaxIdentifier: str.optional(),
  BusinessNumber: str.optional(),
  Balance: readOnly,
  BalanceWithJobs: readOnly,
  FullyQualifiedName: readOnly,
  Level: readOnly,
  IsProject: readOnly,
  V4IDPseudonym: readOnly,
  ClientEntityId: readOnly,
  CustomField: readOnly,
});

const WRITABLE = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'CompanyName', 'PrimaryEmailAddr', 'PrimaryPhone',
  'AlternatePhone', 'Mobile', 'Fax', 'WebAddr', 'BillAddr', 'ShipAddr', 'Notes', 'ResaleNum', 'PrimaryTaxIdentifier',
  'BusinessNumber', 'SalesTermRef', 'PaymentMethodRef', 'DefaultTaxCodeRef', 'ParentRef',
] as const;

export function buildCustomer(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const displayName = partyDisplayName(company, 'Customer', input, existing);

  const home = company.settings.homeCurrency;
  const currency = (input.CurrencyRef as { value: string } | undefined)?.value ?? (existing?.CurrencyRef as { value: string } | undefined)?.value ?? home;
  const previousCurrency = (existing?.CurrencyRef as { value: string } | undefined)?.value;
  if (previousCurrency !== undefined && previousCurrency !== currency) {
    throw faults.businessValidation('You cannot change the currency of a customer once it has been set.');
  }
  if (currency !== home && !company.settings.multiCurrency) {
    throw faults.businessValidation(`Multicurrency is off; customer currency must be ${home}.`);
  }
  const parent = input.ParentRef as { value: string } | undefined;
  if (parent && !company.visible('Customer', parent.value)) throw faults.invalidReference(`ParentRef=${parent.value}`);

  const us = company.settings.country === 'US';
  return {
    ...stamp(company, 'Customer', existing),
    ...pick(input, WRITABLE),
    DisplayName: displayName,
    PrintOnCheckName: typeof input.PrintOnCheckName === 'string' ? input.PrintOnCheckName : displayName,
    FullyQualifiedName: displayName,
    Active: input.Active !== false,
    // US customers are taxable unless marked exempt (QBO's "This customer is tax exempt" is off by default).
    ...(us ? { Taxable: input.Taxable !== false } : {}),
    Job: input.Job === true,
    BillWithParent: input.BillWithParent === true,
    Balance: (existing?.Balance) ?? 0,
    BalanceWithJobs: (existing?.BalanceWithJobs) ?? 0,
    CurrencyRef: { value: currency, name: currency },
    PreferredDeliveryMethod: typeof input.PreferredDeliveryMethod === 'string' ? input.PreferredDeliveryMethod : 'Print',
    IsProject: false,
  };
}

/** Open invoice balances roll up into the customer's read-only Balance (not a SyncToken change). */
export function adjustCustomerBalance(company: Company, customerId: string, delta: number): void {
  const customer = company.get('Customer', customerId);
  if (!customer || delta === 0) return;
  const next = Math.round(((customer.Balance as number) + delta) * 100) / 100;
  customer.Balance = next;
  customer.BalanceWithJobs = next;
}
