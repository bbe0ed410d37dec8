/**
 * Building blocks for the request-body schemas. QBO (a Jackson back end) rejects unknown properties
 * with 2010 and coerces numeric strings, so the schemas are strict objects with lenient numbers.
 */
import { z } from 'zod';
import { faults, type QboFault } from '../core/fault.ts';

export const num = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
export const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
export const str = z.string();
export const idString = z.union([z.string(), z.number().transform(String)]);

export const refSchema = z.strictObject({ value: idString, name: z.string().optional(), type: z.string().optional() });

export const addressSchema = z.strictObject({
  Id: idString.optional(),
  Line1: str.optional(),
  Line2: str.optional(),
  Line3: str.optional(),
  Line4: str.optional(),
  Line5: str.optional(),
  City: str.optional(),
  Country: str.optional(),
  CountryCode: str.optional(),
  CountrySubDivisionCode: str.optional(),
  PostalCode: str.optional(),
  Lat: str.optional(),
  Long: str.optional(),
});

export const emailSchema = z.strictObject({ Address: str.optional() });
export const phoneSchema = z.strictObject({ FreeFormNumber: str.optional() });
export const webSchema = z.strictObject({ URI: str.optional() });

export const customFieldSchema = z.strictObject({
  DefinitionId: idString,
  Name: str.optional(),
  Type: str.optional(),
  StringValue: str.optional(),
});

/** Fields every entity echoes back and therefore must accept (and ignore) on input. */
export const envelopeFields = {
  Id: idString.optional(),
  SyncToken: idString.optional(),
  sparse: bool.optional(),
  domain: z.unknown().optional(),
  status: z.unknown().optional(),
  MetaData: z.unknown().optional(),
};

/** Read-only output field: accepted on input (clients echo full objects back) but ignored. */
export const readOnly = z.unknown().optional();

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, entity: string): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw faults.invalidProperty(`Request body for ${entity} must be a JSON object`);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw toFault(result.error, entity);
}

function toFault(error: z.ZodError, entity: string): QboFault {
  const issue = error.issues[0];
  if (!issue) return faults.invalidProperty(`invalid ${entity}`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '?';
    return faults.invalidProperty(`Unrecognized field "${key}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable`);
  }
  const path = issue.path.map(String).join('.');
  return faults.invalidProperty(`${path || entity}: ${issue.message}`);
}

/** The name fields Customer, Vendor and Employee share (one DisplayName namespace across the three, 6240). */
export const nameListPartyFields = {
  Title: str.optional(),
  GivenName: str.optional(),
  MiddleName: str.optional(),
  FamilyName: str.optional(),
  Suffix: str.optional(),
  DisplayName: str.optional(),
};
