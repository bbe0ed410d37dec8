/** A filter criterion in words, e.g. `create date is after 2026-11-24`, to name the rule that excluded a record. */
import type { FieldKind, FilterCriterion, FilterOperator } from '../types.ts';
import type { FieldCatalogue } from '../mappings/field-catalogue.ts';
import { instantOf } from '../mappings/normalise-value.ts';

const DATE_KINDS: readonly FieldKind[] = ['date', 'datetime'];

const WORDS: Record<FilterOperator, [plain: string, dates: string]> = {
  EQ: ['is', 'is on'],
  NEQ: ['is not', 'is not on'],
  LT: ['is less than', 'is before'],
  LTE: ['is at most', 'is on or before'],
  GT: ['is greater than', 'is after'],
  GTE: ['is at least', 'is on or after'],
  HAS_PROPERTY: ['is known', 'is known'],
  NOT_HAS_PROPERTY: ['is unknown', 'is unknown'],
  CONTAINS: ['contains', 'contains'],
  IN: ['is any of', 'is any of'],
  NOT_IN: ['is none of', 'is none of'],
};

/** "Create date" → "create date", but a first word with more capitals ("QuickBooks", "ZIP") keeps them. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]*(?![A-Za-z])/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

function valueText(value: string | number | boolean, isDate: boolean): string {
  if (!isDate) return String(value);
  const at = instantOf(value);
  if (!at) return String(value);
  const iso = at.toISOString();
  // Midnight UTC is a calendar day (HubSpot date properties, R9's setup date); otherwise show the time.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function describeCriterion(criterion: FilterCriterion, catalogue: FieldCatalogue = {}): string {
  const field = catalogue[criterion.property];
  const isDate = field !== undefined && DATE_KINDS.includes(field.kind);
  const label = field ? lowerFirst(field.label) : criterion.property;
  const verb = WORDS[criterion.operator][isDate ? 1 : 0];
  if (criterion.operator === 'HAS_PROPERTY' || criterion.operator === 'NOT_HAS_PROPERTY') return `${label} ${verb}`;
  if (criterion.operator === 'IN' || criterion.operator === 'NOT_IN') {
    return `${label} ${verb} ${(criterion.values ?? []).map((v) => valueText(v, isDate)).join(', ')}`;
  }
  return `${label} ${verb} ${criterion.value === undefined ? '(no value)' : valueText(criterion.value, isDate)}`;
}
