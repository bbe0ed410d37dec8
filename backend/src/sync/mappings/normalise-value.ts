/**
 * One value, normalised for its kind, so that the same information read from HubSpot (strings) and from
 * QuickBooks (JSON types) compares equal: fingerprints and conflict checks rely on it.
 */
import type { FieldKind, MappedValue } from '../types.ts';

const EPOCH_MS = /^-?\d{10,}$/; // HubSpot's legacy date format: milliseconds since the epoch, as a string
const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

export function normaliseValue(raw: unknown, kind: FieldKind): MappedValue {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case 'string':
    case 'phone':
    case 'enumeration':
      return text(raw);
    case 'email':
      return text(raw)?.toLowerCase() ?? null;
    case 'number':
      return numberOf(raw);
    case 'currency': {
      // Cents only: QBO stores amounts to 2 places, so float noise must not look like a change.
      const n = numberOf(raw);
      return n === null ? null : Math.round(n * 100) / 100;
    }
    case 'boolean':
      return booleanOf(raw);
    case 'date':
      return dateOf(raw);
    case 'datetime':
      return instantOf(raw)?.toISOString() ?? null;
  }
}

/** Trimmed text; empty means "no value" on both sides (HubSpot returns '' for cleared properties). */
function text(raw: unknown): string | null {
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  return t === '' ? null : t;
}

function numberOf(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const t = text(raw);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function booleanOf(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  const t = text(raw)?.toLowerCase();
  if (t === 'true' || t === 'yes' || t === '1') return true;
  if (t === 'false' || t === 'no' || t === '0') return false;
  return null;
}

/** A point in time from an ISO string, epoch milliseconds (number or digits) or a Date. */
export function instantOf(raw: unknown): Date | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Date(raw) : null;
  const t = text(raw);
  if (t === null) return null;
  const ms = EPOCH_MS.test(t) ? Number(t) : Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * YYYY-MM-DD. A string that starts with a calendar day keeps that day as written (a QBO date with an
 * offset means that day in the company's time zone); epoch values take their UTC day, as HubSpot's
 * date properties are midnight UTC.
 */
function dateOf(raw: unknown): string | null {
  const t = text(raw);
  const day = t === null ? undefined : DATE_PREFIX.exec(t)?.[1];
  if (day !== undefined) return Number.isNaN(Date.parse(day)) ? null : day;
  return instantOf(raw)?.toISOString().slice(0, 10) ?? null;
}
