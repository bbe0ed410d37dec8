/**
 * Employee (IntuitNamesTypes.xsd `Employee`): a name-list entity — never deleted, Active=false instead;
 * DisplayName shares the Customer/Vendor/Employee namespace (./party-name.ts).
 */
import { z } from 'zod';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { pick, stamp } from './common.ts';
import { partyDisplayName } from './party-name.ts';
import { nameListPartyFields, addressSchema, bool, emailSchema, envelopeFields, num, phoneSchema, readOnly, str } from './schema-kit.ts';

const date = z.iso.date();

export const employeeSchema = z.strictObject({
  ...envelopeFields,
  ...nameListPartyFields,
  PrintOnCheckName: str.optional(),
  PrimaryEmailAddr: emailSchema.optional(),
  PrimaryPhone: phoneSchema.optional(),
  Mobile: phoneSchema.optional(),
  PrimaryAddr: addressSchema.optional(),
  EmployeeNumber: str.optional(),
  SSN: str.optional(),
  Gender: z.enum(['Male', 'Female']).optional(),
  HiredDate: date.optional(),
  ReleasedDate: date.optional(),
  BirthDate: date.optional(),
  BillableTime: bool.optional(),
  BillRate: num.optional(),
  Active: bool.optional(),
  V4IDPseudonym: readOnly,
});

const WRITABLE = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'PrimaryEmailAddr', 'PrimaryPhone', 'Mobile', 'PrimaryAddr',
  'EmployeeNumber', 'SSN', 'Gender', 'HiredDate', 'ReleasedDate', 'BirthDate', 'BillRate',
] as const;

export function buildEmployee(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const displayName = partyDisplayName(company, 'Employee', input, existing);
  return {
    ...stamp(company, 'Employee', existing),
    ...pick(input, WRITABLE),
    DisplayName: displayName,
    PrintOnCheckName: typeof input.PrintOnCheckName === 'string' ? input.PrintOnCheckName : displayName,
    Active: input.Active !== false,
    BillableTime: input.BillableTime === true,
  };
}
