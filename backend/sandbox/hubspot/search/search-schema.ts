/** The search request body and HubSpot's documented limits on it. */
import { z } from 'zod';
import { validationError } from '../http/errors.ts';

export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type Operator = (typeof OPERATORS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: scalar.optional(),
  highValue: scalar.optional(),
  values: z.array(scalar).optional(),
});
export type Filter = z.output<typeof filterSchema>;

const sortSchema = z.union([
  z.string().min(1).transform((s) => (s.startsWith('-') ? { propertyName: s.slice(1), direction: 'DESCENDING' as const } : { propertyName: s, direction: 'ASCENDING' as const })),
  z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }),
]);

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
  query: z.string().optional(),
});
export type SearchRequest = z.output<typeof searchRequestSchema>;

export const SEARCH_LIMITS = { maxPageSize: 200, maxTotalResults: 10_000, maxFilterGroups: 5, maxFiltersPerGroup: 6, maxTotalFilters: 18, maxQueryLength: 3000, maxSorts: 1 };

/** Enforces the limits from the reference (page 200, 10k total, 5 groups × 6 filters, 18 total, one sort). */
export function checkSearchLimits(req: SearchRequest): number {
  const L = SEARCH_LIMITS;
  if (req.limit < 1 || req.limit > L.maxPageSize) throw validationError(`limit must be between 1 and ${L.maxPageSize}; got ${req.limit}`);
  const groups = req.filterGroups;
  if (groups.length > L.maxFilterGroups) throw validationError(`Too many filter groups: ${groups.length}. The maximum number of filterGroups is ${L.maxFilterGroups}.`);
  for (const group of groups) {
    if (group.filters.length > L.maxFiltersPerGroup) throw validationError(`Too many filters in a filter group: ${group.filters.length}. The maximum number of filters per filterGroup is ${L.maxFiltersPerGroup}.`);
  }
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (total > L.maxTotalFilters) throw validationError(`Too many filters: ${total}. The maximum number of filters across all filterGroups is ${L.maxTotalFilters}.`);
  if (req.sorts.length > L.maxSorts) throw validationError(`Too many sorts: ${req.sorts.length}. Only one sort is supported.`);
  if ((req.query?.length ?? 0) > L.maxQueryLength) throw validationError(`query is too long; the maximum length is ${L.maxQueryLength} characters.`);
  const offset = req.after === undefined || req.after === '' ? 0 : Number(req.after);
  if (!Number.isInteger(offset) || offset < 0) throw validationError(`Invalid after: ${req.after}`);
  if (offset >= L.maxTotalResults) {
    throw validationError(`The maximum number of results that can be paged through for a search is ${L.maxTotalResults}. Narrow the search with filters.`, {
      context: { after: [String(offset)], maxResults: [String(L.maxTotalResults)] },
    });
  }
  return offset;
}
