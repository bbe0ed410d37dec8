/** Account (chart of accounts): Name unique, never deleted. Enough for items' income accounts. */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { checkName, pick, stamp } from './common.ts';
import { bool, envelopeFields, readOnly, refSchema, str } from './schema-kit.ts';

const CLASSIFICATION: Record<string, string> = {
  Income: 'Revenue',
  'Other Income': 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
};

export const accountSchema = z.strictObject({
  ...envelopeFields,
  Name: str.optional(),
  AcctNum: str.optional(),
  Description: str.optional(),
  Active: bool.optional(),
  AccountType: str.optional(),
  AccountSubType: str.optional(),
  SubAccount: bool.optional(),
  ParentRef: refSchema.optional(),
  CurrencyRef: refSchema.optional(),
  Classification: readOnly,
  FullyQualifiedName: readOnly,
  CurrentBalance: readOnly,
  CurrentBalanceWithSubAccounts: readOnly,
});

export function buildAccount(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const name = typeof input.Name === 'string' ? input.Name.trim() : '';
  if (name === '') throw faults.requiredParam('Name');
  checkName(name, 'Name');
  const holder = company.idByName('Account', name);
  if (holder !== undefined && holder !== existing?.Id) throw faults.duplicateName('account');
  const type = typeof input.AccountType === 'string' ? input.AccountType : undefined;
  if (!type) throw faults.requiredParam('AccountType');
  const classification = CLASSIFICATION[type];
  if (!classification) throw faults.invalidProperty(`AccountType "${type}" is not a valid AccountTypeEnum value`);
  const currency = company.settings.homeCurrency;
  return {
    ...stamp(company, 'Account', existing),
    ...pick(input, ['AcctNum', 'Description', 'AccountSubType', 'ParentRef']),
    Name: name,
    SubAccount: input.SubAccount === true,
    FullyQualifiedName: name,
    Active: input.Active !== false,
    Classification: classification,
    AccountType: type,
    CurrentBalance: (existing?.CurrentBalance) ?? 0,
    CurrentBalanceWithSubAccounts: (existing?.CurrentBalanceWithSubAccounts) ?? 0,
    CurrencyRef: { value: currency, name: currency },
  };
}
