/**
 * A mapped value as QuickBooks takes it in a request body: numbers and amounts as numbers, flags as
 * booleans, the rest as text. On update, only text can be emptied ('' clears it); QuickBooks has no
 * "empty" number or flag, so those are left out instead.
 */
import type { FieldKind, MappedValue } from '../types.ts';

const TEXT_KINDS: readonly FieldKind[] = ['string', 'email', 'phone', 'enumeration'];

export function clearableInQbo(kind: FieldKind): boolean {
  return TEXT_KINDS.includes(kind);
}

export function qboScalar(value: Exclude<MappedValue, null>, kind: FieldKind): string | number | boolean {
  switch (kind) {
    case 'number':
    case 'currency':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 'true';
    default:
      return String(value);
  }
}
