/**
 * Whether one filter criterion holds for a value: dates compare as instants, numbers numerically,
 * text case-insensitively. A missing value satisfies only "is unknown", "is not" and "is none of".
 */
import type { FieldKind, FilterCriterion, MappedValue } from '../types.ts';
import { instantOf } from '../mappings/normalise-value.ts';

const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

export function isMissing(value: MappedValue | undefined): value is null | undefined {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The kind to compare with: the catalogue's, else guessed from the record's value. */
export function effectiveKind(kind: FieldKind | undefined, value: MappedValue): FieldKind {
  if (kind) return kind;
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'string' && LOOKS_LIKE_DATE.test(value) ? 'datetime' : 'string';
}

/** Negative, zero or positive like a sort comparator; undefined when the two cannot be compared. */
export function compareValues(actual: MappedValue, expected: string | number | boolean, kind: FieldKind): number | undefined {
  switch (kind) {
    case 'date':
    case 'datetime': {
      const a = instantOf(actual);
      const b = instantOf(expected);
      return a && b ? a.getTime() - b.getTime() : undefined;
    }
    case 'number':
    case 'currency': {
      const a = Number(actual);
      const b = Number(expected);
      return Number.isFinite(a) && Number.isFinite(b) ? a - b : undefined;
    }
    case 'boolean':
      return String(actual).toLowerCase() === String(expected).toLowerCase() ? 0 : 1;
    default: {
      const a = String(actual).trim().toLowerCase();
      const b = String(expected).trim().toLowerCase();
      return a === b ? 0 : a < b ? -1 : 1;
    }
  }
}

export function criterionHolds(criterion: FilterCriterion, actual: MappedValue | undefined, kind: FieldKind | undefined): boolean {
  const { operator } = criterion;
  if (operator === 'HAS_PROPERTY') return !isMissing(actual);
  if (operator === 'NOT_HAS_PROPERTY') return isMissing(actual);
  if (isMissing(actual)) return operator === 'NEQ' || operator === 'NOT_IN';
  const k = effectiveKind(kind, actual);
  const cmp = (expected: string | number | boolean | undefined) => (expected === undefined ? undefined : compareValues(actual, expected, k));
  const inList = () => (criterion.values ?? []).some((v) => cmp(v) === 0);
  const c = cmp(criterion.value);
  switch (operator) {
    case 'EQ':
      return c === 0;
    case 'NEQ':
      return c !== 0;
    case 'LT':
      return c !== undefined && c < 0;
    case 'LTE':
      return c !== undefined && c <= 0;
    case 'GT':
      return c !== undefined && c > 0;
    case 'GTE':
      return c !== undefined && c >= 0;
    case 'CONTAINS':
      return criterion.value !== undefined && String(actual).toLowerCase().includes(String(criterion.value).trim().toLowerCase());
    case 'IN':
      return inList();
    case 'NOT_IN':
      return !inList();
  }
}
