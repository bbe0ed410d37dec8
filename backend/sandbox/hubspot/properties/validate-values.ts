/**
 * Validates and normalises property values on write, with HubSpot's error codes. HubSpot stores every
 * value as a string; datetimes are returned as ISO-8601, dates as YYYY-MM-DD and must be midnight UTC.
 */
import type { PropertyDefinition } from './property-types.ts';

export interface PropertyValueError {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

export type PropertyInput = Record<string, string | number | boolean | null | undefined>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function parseTime(raw: string): number | undefined {
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** Returns [normalised value or null (= clear)], or an error code + message. */
function normaliseOne(def: PropertyDefinition, raw: string): { value: string | null } | { error: string; message: string } {
  if (raw === '') return { value: null };
  switch (def.type) {
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return { error: 'INVALID_FLOAT', message: `${JSON.stringify(raw)} was not a valid number.` };
      return { value: raw.trim() };
    }
    case 'bool': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false') return { error: 'INVALID_BOOLEAN', message: `${JSON.stringify(raw)} is not a valid boolean value.` };
      return { value: lower };
    }
    case 'datetime': {
      const t = parseTime(raw);
      if (t === undefined) return { error: 'INVALID_DATE', message: `${JSON.stringify(raw)} was not a valid long.` };
      return { value: new Date(t).toISOString() };
    }
    case 'date': {
      const t = parseTime(raw);
      if (t === undefined) return { error: 'INVALID_DATE', message: `${JSON.stringify(raw)} was not a valid date.` };
      const d = new Date(t);
      if (t % 86_400_000 !== 0) {
        return { error: 'INVALID_DATE', message: `${raw} is at ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}.${d.getUTCMilliseconds()} UTC, not midnight!` };
      }
      return { value: d.toISOString().slice(0, 10) };
    }
    case 'enumeration': {
      if (def.externalOptions) return { value: raw };
      const allowed = def.options.map((o) => o.value);
      const values = def.fieldType === 'checkbox' ? raw.split(';') : [raw];
      const bad = values.find((v) => !allowed.includes(v));
      if (bad !== undefined) {
        return { error: 'INVALID_OPTION', message: `${bad} was not one of the allowed options: [${allowed.join(', ')}]` };
      }
      return { value: raw };
    }
    case 'string':
    case 'phone_number':
      if (raw.length > 65_536) return { error: 'INVALID_STRING_LENGTH', message: 'value is too long (max 65536 characters)' };
      return { value: raw };
  }
}

export interface NormaliseResult {
  values: Map<string, string | null>;
  errors: PropertyValueError[];
}

export function normaliseProperties(
  input: PropertyInput,
  defs: ReadonlyMap<string, PropertyDefinition>,
  portalId: number,
  opts: { objectType: string; allowReadOnly?: boolean },
): NormaliseResult {
  const values = new Map<string, string | null>();
  const errors: PropertyValueError[] = [];
  const fail = (name: string, error: string, message: string): void => {
    errors.push({ isValid: false, message, error, name, localizedErrorMessage: message, portalId });
  };
  for (const [name, rawValue] of Object.entries(input)) {
    if (rawValue === undefined) continue;
    const def = defs.get(name);
    if (!def || def.archived) {
      fail(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
      continue;
    }
    if (def.readOnlyValue && !opts.allowReadOnly) {
      fail(name, 'READ_ONLY_VALUE', `${name} is a read only property; its value cannot be set.`);
      continue;
    }
    if (rawValue === null) {
      values.set(name, null);
      continue;
    }
    const result = normaliseOne(def, String(rawValue));
    if ('error' in result) {
      fail(name, result.error, result.message);
      continue;
    }
    if (opts.objectType === 'contacts' && name === 'email' && result.value !== null && !EMAIL.test(result.value)) {
      fail(name, 'INVALID_EMAIL', `Email address ${result.value} is invalid`);
      continue;
    }
    values.set(name, name === 'email' && result.value !== null ? result.value.toLowerCase() : result.value);
  }
  return { values, errors };
}

/** HubSpot's message for property validation failures embeds the error list as JSON. */
export function propertyErrorMessage(errors: readonly PropertyValueError[]): string {
  return `Property values were not valid: ${JSON.stringify(errors)}`;
}
