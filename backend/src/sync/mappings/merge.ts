/** Conflict resolution on mapped values, and the before/after list the activity log shows. */
import type { MappedValue, MappedValues } from '../types.ts';

/**
 * The winner's values, except that an empty winner value never erases the other side's value: a field
 * nobody filled in on the winning side is not a decision to clear it on the other (R6, issue 5).
 */
export function mergeForConflict(winner: MappedValues, other: MappedValues): MappedValues {
  const merged: MappedValues = { ...other };
  for (const [id, value] of Object.entries(winner)) {
    if (value !== null) merged[id] = value;
    else if (!(id in merged)) merged[id] = null;
  }
  return merged;
}

export interface FieldChange {
  mappingId: string;
  before: MappedValue;
  after: MappedValue;
}

/** Mappings whose value differs between two snapshots (a missing value counts as empty), sorted by id. */
export function changedFields(before: MappedValues, after: MappedValues): FieldChange[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FieldChange[] = [];
  for (const mappingId of ids) {
    const b = before[mappingId] ?? null;
    const a = after[mappingId] ?? null;
    if (b !== a) changes.push({ mappingId, before: b, after: a });
  }
  return changes;
}
