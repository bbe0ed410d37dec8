/**
 * DisplayName of the "parties" — Customer, Vendor, Employee: "Must be unique across all Customer, Vendor,
 * and Employee objects" (reference §1.1), case-insensitively, inactive records included; generated from
 * Title/Given/Middle/Family/Suffix when absent; no colon.
 */
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity } from '../state/types.ts';
import { checkName } from './common.ts';

export const PARTY_ENTITIES = ['Customer', 'Vendor', 'Employee'] as const;
export type PartyEntity = (typeof PARTY_ENTITIES)[number];

/** The one noun QBO's 6240 Detail uses for all three (reference §1.1). */
const PARTY_NOUN = 'customer, vendor or employee';
const MAX_NAME = 500;

function generatedDisplayName(input: Record<string, unknown>): string | undefined {
  const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix']
    .map((f) => input[f])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** The DisplayName a write ends with, after the shared uniqueness rule. */
export function partyDisplayName(company: Company, entity: PartyEntity, input: Record<string, unknown>, existing?: QboEntity): string {
  const given = typeof input.DisplayName === 'string' ? input.DisplayName : undefined;
  const displayName = (given ?? generatedDisplayName(input))?.trim();
  if (displayName === undefined || displayName === '') throw faults.requiredParam('DisplayName');
  checkName(displayName, 'DisplayName');
  if (displayName.length > MAX_NAME) throw faults.businessValidation(`DisplayName exceeds ${MAX_NAME} characters.`);
  const holder = partyNameHolder(company, displayName);
  if (holder && !(holder.entity === entity && holder.id === existing?.Id)) throw faults.duplicateName(PARTY_NOUN);
  return displayName;
}

/** Which customer, vendor or employee holds this DisplayName (case-insensitive), if any. */
export function partyNameHolder(company: Company, name: string): { entity: PartyEntity; id: string } | undefined {
  for (const entity of PARTY_ENTITIES) {
    const id = company.idByName(entity, name);
    if (id !== undefined) return { entity, id };
  }
  return undefined;
}
