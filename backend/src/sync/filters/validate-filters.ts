/**
 * Problems with filter groups before they are saved: unknown properties, operators that make no sense for
 * the property, values of the wrong kind, and HubSpot's own caps (5 groups × 6 criteria).
 */
import type { FieldKind, FilterCriterion, FilterGroup } from '../types.ts';
import type { FieldCatalogue, FieldInfo } from '../mappings/field-catalogue.ts';
import { KIND_WORDS } from '../mappings/field-kinds.ts';
import { instantOf } from '../mappings/normalise-value.ts';

export const MAX_FILTER_GROUPS = 5;
export const MAX_CRITERIA_PER_GROUP = 6;

export interface FilterProblem {
  path: Array<string | number>;
  message: string;
}

const RANGE_KINDS: readonly FieldKind[] = ['number', 'currency', 'date', 'datetime'];
const TEXT_KINDS: readonly FieldKind[] = ['string', 'email', 'phone', 'enumeration'];

export function validateFilters(groups: readonly FilterGroup[], catalogue: FieldCatalogue): FilterProblem[] {
  const problems: FilterProblem[] = [];
  if (groups.length > MAX_FILTER_GROUPS) {
    problems.push({ path: [], message: `Use at most ${MAX_FILTER_GROUPS} filter groups (there are ${groups.length}).` });
  }
  groups.forEach((group, g) => {
    if (group.criteria.length === 0) {
      problems.push({ path: [g, 'criteria'], message: `Filter group ${g + 1} has no criteria, so it would let every record through; add a criterion or remove the group.` });
    }
    if (group.criteria.length > MAX_CRITERIA_PER_GROUP) {
      problems.push({ path: [g, 'criteria'], message: `Filter group ${g + 1} has ${group.criteria.length} criteria; use at most ${MAX_CRITERIA_PER_GROUP}.` });
    }
    group.criteria.forEach((criterion, c) => {
      const message = criterionProblem(criterion, catalogue[criterion.property]);
      if (message) problems.push({ path: [g, 'criteria', c], message });
    });
  });
  return problems;
}

function criterionProblem(criterion: FilterCriterion, field: FieldInfo | undefined): string | undefined {
  const { operator, property } = criterion;
  if (!field) return `There is no property "${property}" to filter on; pick one from the list.`;
  const name = `"${field.label}"`;
  // Computed by the sync from several records (e.g. the R14 display name): no single value to filter on.
  if (property.startsWith('@')) return `${name} is worked out by the sync and cannot be used in a filter.`;
  if (operator === 'HAS_PROPERTY' || operator === 'NOT_HAS_PROPERTY') return undefined;
  if (['LT', 'LTE', 'GT', 'GTE'].includes(operator) && !RANGE_KINDS.includes(field.kind)) {
    return `${name} holds ${KIND_WORDS[field.kind]}, which cannot be compared as greater or smaller; use "is", "is not" or "is any of".`;
  }
  if (operator === 'CONTAINS' && !TEXT_KINDS.includes(field.kind)) return `${name} holds ${KIND_WORDS[field.kind]}; "contains" only works on text.`;
  if (operator === 'IN' || operator === 'NOT_IN') {
    const values = criterion.values ?? [];
    if (values.length === 0) return `Give at least one value for ${name}.`;
    const bad = values.find((v) => !fitsKind(v, field.kind));
    return bad === undefined ? undefined : wrongKind(name, field.kind, bad);
  }
  if (criterion.value === undefined || criterion.value === '') return `Give a value for ${name}.`;
  return fitsKind(criterion.value, field.kind) ? undefined : wrongKind(name, field.kind, criterion.value);
}

function wrongKind(name: string, kind: FieldKind, value: string | number | boolean): string {
  return `${name} holds ${KIND_WORDS[kind]}, and ${JSON.stringify(value)} is not one.`;
}

function fitsKind(value: string | number | boolean, kind: FieldKind): boolean {
  switch (kind) {
    case 'number':
    case 'currency':
      return typeof value === 'number' ? Number.isFinite(value) : value.toString().trim() !== '' && Number.isFinite(Number(value));
    case 'date':
    case 'datetime':
      return typeof value !== 'boolean' && instantOf(value) !== null;
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    default:
      return typeof value !== 'boolean';
  }
}
