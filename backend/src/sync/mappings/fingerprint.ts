/** A stable fingerprint of mapped values: echo suppression compares it with what we last wrote. */
import { createHash } from 'node:crypto';
import type { MappedValues } from '../types.ts';

/** Canonical JSON (keys sorted) so the same values give the same hash whatever order they were read in. */
export function canonicalJson(values: MappedValues): string {
  const sorted = Object.keys(values)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(values[key] ?? null)}`);
  return `{${sorted.join(',')}}`;
}

export function fingerprint(values: MappedValues): string {
  return createHash('sha256').update(canonicalJson(values), 'utf8').digest('hex');
}
