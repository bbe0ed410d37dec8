/**
 * Whether a record passes a definition's filter groups (OR of ANDs; no groups = everything passes), and
 * when it does not, which rule excluded it: the first failing criterion of each group, in words.
 *
 * Criteria on associated records (`invoice:<property>`, R9) are met by one associated record that meets
 * every such criterion of its relation in the group; a record with no associated record meeting them is
 * excluded, the rule naming all of them together ("no associated invoice where …").
 */
import { relatedPropertyOf, type RelatedRelation } from '@quickbooks-sync/contract/definitions';
import type { FilterCriterion, FilterGroup, MappedValue } from '../types.ts';
import type { FieldCatalogue } from '../mappings/field-catalogue.ts';
import { describeCriterion } from './describe-criterion.ts';
import { criterionHolds } from './evaluate-criterion.ts';

export interface FilterFailure {
  group: number;
  criterion: number;
  text: string;
}

export type FilterResult = { included: true } | { included: false; rule: string; failures: FilterFailure[] };

export type ValueReader = (property: string) => MappedValue | undefined;
/** The record's associated records of a relation, each as a reader of its properties (by the associated record's property names). */
export type RelatedReader = (relation: RelatedRelation) => readonly ValueReader[];

const NO_RELATED: RelatedReader = () => [];

/** The relations a set of filter groups reads (the adapter loads those associated records before filtering). */
export function relationsOf(groups: readonly FilterGroup[]): RelatedRelation[] {
  const out = new Set<RelatedRelation>();
  for (const group of groups) for (const c of group.criteria) {
    const related = relatedPropertyOf(c.property);
    if (related) out.add(related.relation);
  }
  return [...out];
}

export function matchesFilters(groups: readonly FilterGroup[], readValue: ValueReader, catalogue: FieldCatalogue = {}, readRelated: RelatedReader = NO_RELATED): FilterResult {
  if (groups.length === 0) return { included: true };
  const failures: FilterFailure[] = [];
  for (const [g, group] of groups.entries()) {
    const failure = groupFailure(group, readValue, catalogue, readRelated);
    if (!failure) return { included: true };
    failures.push({ group: g, ...failure });
  }
  return { included: false, rule: ruleText(failures), failures };
}

function groupFailure(group: FilterGroup, readValue: ValueReader, catalogue: FieldCatalogue, readRelated: RelatedReader): { criterion: number; text: string } | undefined {
  const byRelation = new Map<RelatedRelation, Array<{ index: number; criterion: FilterCriterion; property: string }>>();
  for (const [index, criterion] of group.criteria.entries()) {
    const related = relatedPropertyOf(criterion.property);
    if (related) {
      byRelation.set(related.relation, [...(byRelation.get(related.relation) ?? []), { index, criterion, property: related.property }]);
      continue;
    }
    if (!criterionHolds(criterion, readValue(criterion.property), catalogue[criterion.property]?.kind)) return { criterion: index, text: describeCriterion(criterion, catalogue) };
  }
  for (const [relation, criteria] of byRelation) {
    const met = readRelated(relation).some((read) => criteria.every(({ criterion, property }) => criterionHolds(criterion, read(property), catalogue[criterion.property]?.kind)));
    if (met) continue;
    const words = criteria.map(({ criterion }) => describeCriterion(criterion, catalogue)).join(', ');
    return { criterion: criteria[0]!.index, text: `an associated ${relation} where ${words}` };
  }
  return undefined;
}

function ruleText(failures: readonly FilterFailure[]): string {
  if (failures.length === 1) return `"${failures[0]?.text}" not met`;
  return failures.map((f) => `"${f.text}" not met (filter group ${f.group + 1})`).join('; ');
}
