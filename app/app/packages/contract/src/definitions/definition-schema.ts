/** The JSON body of a sync definition as the settings API accepts it (zod v4); semantic checks come after. */
import { z } from 'zod';
import type { FieldMapping, FilterGroup } from './vocabulary.ts';

const name = z.string().trim().min(1).max(200);

export const fieldMappingSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Use 1–64 letters, digits, "-" or "_" for a mapping id.'),
  kind: z.enum(['default', 'custom']),
  enabled: z.boolean(),
  hubspotProperty: name,
  qboField: name,
  direction: z.enum(['both', 'to_qbo', 'to_hubspot']),
});

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const filterCriterionSchema = z.strictObject({
  property: name,
  operator: z.enum(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS', 'IN', 'NOT_IN']),
  value: scalar.optional(),
  values: z.array(z.union([z.string().max(500), z.number()])).max(100).optional(),
});

// Caps (5 × 6) are checked by validateFilters with readable messages; these only bound the payload size.
export const filterGroupSchema = z.strictObject({ criteria: z.array(filterCriterionSchema).max(50) });

export const syncFiltersSchema = z.strictObject({
  toQbo: z.array(filterGroupSchema).max(50).default([]),
  toHubSpot: z.array(filterGroupSchema).max(50).default([]),
});

export const definitionInputSchema = z.strictObject({
  direction: z.enum(['hubspot_to_qbo', 'qbo_to_hubspot', 'two_way']),
  conflictWinner: z.enum(['hubspot', 'quickbooks']),
  fieldMappings: z.array(fieldMappingSchema).max(200),
  filters: syncFiltersSchema.default({ toQbo: [], toHubSpot: [] }),
  // Object-specific switches the engine reads (e.g. what to do with contacts without email); scalars only.
  options: z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).default({}),
});

export type DefinitionInput = z.infer<typeof definitionInputSchema>;

// Compile-time guarantee that what the API accepts is what the engine's vocabulary describes.
type Assignable<T extends U, U> = T;
export type _MappingFits = Assignable<z.infer<typeof fieldMappingSchema>, FieldMapping>;
export type _GroupFits = Assignable<z.infer<typeof filterGroupSchema>, FilterGroup>;
