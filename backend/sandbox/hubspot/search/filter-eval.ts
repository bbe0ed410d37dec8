/**
 * Evaluates search filters against a record's property values, comparing as HubSpot does: numbers
 * numerically, dates/datetimes as instants (epoch ms or ISO accepted in filters), strings case-insensitively.
 */
import { validationError } from '../http/errors.ts';
import type { PropertyDefinition } from '../properties/property-types.ts';
import type { Filter } from './search-schema.ts';

type Kind = 'number' | 'time' | 'string';

function kindOf(def: PropertyDefinition): Kind {
  if (def.type === 'number') return 'number';
  if (def.type === 'date' || def.type === 'datetime') return 'time';
  return 'string';
}

function toTime(raw: string): number {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
}

function coerce(kind: Kind, raw: string): number | string {
  if (kind === 'number') return Number(raw);
  if (kind === 'time') return toTime(raw);
  return raw.toLowerCase();
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function tokens(value: string): string[] {
  return value.toLowerCase().split(/[\s,;:()<>"'[\]{}|/\\]+/).filter((t) => t.length > 0);
}

function containsToken(value: string, token: string): boolean {
  const needle = token.toLowerCase();
  if (needle.includes('*')) {
    const re = new RegExp(`^${needle.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  return tokens(value).includes(needle) || value.toLowerCase() === needle;
}

/** A compiled filter: checks one record's properties. Throws 400 for a malformed filter up front. */
export function compileFilter(filter: Filter, def: PropertyDefinition): (props: ReadonlyMap<string, string>) => boolean {
  const kind = kindOf(def);
  const name = filter.propertyName;
  const need = (v: string | undefined, what: string): string => {
    if (v === undefined) throw validationError(`${filter.operator} filter on ${name} requires a ${what}`);
    return v;
  };
  const value = (props: ReadonlyMap<string, string>): number | string | undefined => {
    const raw = props.get(name);
    if (raw === undefined || raw === '') return undefined;
    return coerce(kind, raw);
  };
  const isSet = (props: ReadonlyMap<string, string>): boolean => value(props) !== undefined;
  const equalsAny = (v: number | string | undefined, targets: (number | string)[]): boolean => {
    if (v === undefined) return false;
    if (def.fieldType === 'checkbox' && typeof v === 'string') return v.split(';').some((part) => targets.includes(part));
    return targets.some((t) => compare(v, t) === 0);
  };
  switch (filter.operator) {
    case 'HAS_PROPERTY': return isSet;
    case 'NOT_HAS_PROPERTY': return (p) => !isSet(p);
    case 'EQ': { const t = coerce(kind, need(filter.value, 'value')); return (p) => equalsAny(value(p), [t]); }
    case 'NEQ': { const t = coerce(kind, need(filter.value, 'value')); return (p) => !equalsAny(value(p), [t]); }
    case 'IN': case 'NOT_IN': {
      const values = filter.values;
      if (!values || values.length === 0) throw validationError(`${filter.operator} filter on ${name} requires values`);
      const targets = values.map((v) => coerce(kind, v));
      return filter.operator === 'IN' ? (p) => equalsAny(value(p), targets) : (p) => !equalsAny(value(p), targets);
    }
    case 'LT': case 'LTE': case 'GT': case 'GTE': {
      const t = coerce(kind, need(filter.value, 'value'));
      const op = filter.operator;
      return (p) => {
        const v = value(p);
        if (v === undefined) return false;
        const c = compare(v, t);
        return op === 'LT' ? c < 0 : op === 'LTE' ? c <= 0 : op === 'GT' ? c > 0 : c >= 0;
      };
    }
    case 'BETWEEN': {
      const low = coerce(kind, need(filter.value, 'value'));
      const high = coerce(kind, need(filter.highValue, 'highValue'));
      return (p) => {
        const v = value(p);
        return v !== undefined && compare(v, low) >= 0 && compare(v, high) <= 0;
      };
    }
    case 'CONTAINS_TOKEN': case 'NOT_CONTAINS_TOKEN': {
      const token = need(filter.value, 'value');
      const positive = filter.operator === 'CONTAINS_TOKEN';
      return (p) => {
        const raw = p.get(name);
        const hit = raw !== undefined && containsToken(raw, token);
        return positive ? hit : !hit;
      };
    }
  }
}

/** Sort comparator on one property; records without a value sort last in both directions. */
export function sortComparator(def: PropertyDefinition, descending: boolean): (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) => number {
  const kind = kindOf(def);
  return (a, b) => {
    const ra = a.get(def.name);
    const rb = b.get(def.name);
    if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
    const c = compare(coerce(kind, ra), coerce(kind, rb));
    return descending ? -c : c;
  };
}

export function queryMatcher(query: string, properties: readonly string[]): (props: ReadonlyMap<string, string>) => boolean {
  const needles = tokens(query);
  return (props) => {
    const hay = properties.flatMap((p) => tokens(props.get(p) ?? ''));
    return needles.every((n) => hay.some((h) => h.startsWith(n)));
  };
}
