/**
 * Whether a record passes a definition's filter groups (OR of ANDs; no groups = everything passes), and
 * when it does not, which rule excluded it: the first failing criterion of each group, in words.
 */
import type { FilterGroup, MappedValue } from '../types.ts';
import type { FieldCatalogue } from '../mappings/field-catalogue.ts';
import { describeCriterion } from './describe-criterion.ts';
import { criterionHolds } from './evaluate-criterion.ts';

export interface FilterFailure {
  group: number;
  criterion: number;
  text: string;
}

export type FilterResult = { included: true } | { included: false; rule: string; failures: FilterFailure[] };

export function matchesFilters(
  groups: readonly FilterGroup[],
  readValue: (property: string) => MappedValue | undefined,
  catalogue: FieldCatalogue = {},
): FilterResult {
  if (groups.length === 0) return { included: true };
  const failures: FilterFailure[] = [];
  for (const [g, group] of groups.entries()) {
    const index = group.criteria.findIndex((c) => !criterionHolds(c, readValue(c.property), catalogue[c.property]?.kind));
    const failed = group.criteria[index];
    if (!failed) return { included: true };
    failures.push({ group: g, criterion: index, text: describeCriterion(failed, catalogue) });
  }
  return { included: false, rule: ruleText(failures), failures };
}

function ruleText(failures: readonly FilterFailure[]): string {
  if (failures.length === 1) return `"${failures[0]?.text}" not met`;
  return failures.map((f) => `"${f.text}" not met (filter group ${f.group + 1})`).join('; ');
}
