/**
 * Which kinds of value a field may receive from which kinds of field. A mapping is checked per direction
 * it writes: the target's kind must accept the source's kind, otherwise the write would fail (or silently
 * mangle data) on every record, so we refuse the mapping up front instead.
 */
import type { FieldKind } from '../types.ts';

/** target kind → source kinds it accepts. Text takes any textual value; nothing takes text except text/phone. */
const ACCEPTS: Readonly<Record<FieldKind, readonly FieldKind[]>> = {
  string: ['string', 'email', 'phone', 'enumeration'],
  email: ['email'],
  // QBO phone fields are FreeFormNumber (any text) and HubSpot phone properties accept any text too.
  phone: ['phone', 'string'],
  number: ['number', 'currency'],
  currency: ['currency', 'number'],
  boolean: ['boolean'],
  // A date-and-time written to a date keeps its calendar day; a date written to a date-and-time is midnight UTC.
  date: ['date', 'datetime'],
  datetime: ['datetime', 'date'],
  // HubSpot refuses values that are not one of the property's options; free text would fail per record.
  enumeration: ['enumeration'],
};

export function acceptsKind(target: FieldKind, source: FieldKind): boolean {
  return ACCEPTS[target].includes(source);
}

/** How each kind is named in messages meant for a HubSpot admin. */
export const KIND_WORDS: Readonly<Record<FieldKind, string>> = {
  string: 'text',
  email: 'an email address',
  phone: 'a phone number',
  number: 'a number',
  currency: 'an amount of money',
  boolean: 'yes/no',
  date: 'a date',
  datetime: 'a date and time',
  enumeration: 'one of a fixed list of options',
};

/**
 * The kind both sides of a mapping are normalised to, so the same information compares equal: the more
 * specific of the two (an email in a text property still compares case-insensitively; a date-and-time
 * compared with a date compares by day).
 */
export function comparisonKind(a: FieldKind, b: FieldKind): FieldKind {
  if (a === b) return a;
  const pair = [a, b];
  if (pair.includes('email')) return 'email';
  if (pair.includes('date')) return 'date';
  if (pair.includes('currency')) return 'currency';
  if (pair.includes('number')) return 'number';
  return 'string';
}

/** HubSpot's property definition (type + fieldType from the properties API) as one of our kinds. */
export function fieldKindOfHubSpotProperty(property: { type: string; fieldType?: string }): FieldKind {
  switch (property.type) {
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'phone_number':
      return 'phone';
    case 'enumeration':
      // Single checkboxes are enumerations with options true/false in HubSpot.
      return property.fieldType === 'booleancheckbox' ? 'boolean' : 'enumeration';
    default:
      return property.fieldType === 'phonenumber' ? 'phone' : 'string';
  }
}
