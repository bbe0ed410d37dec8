/**
 * Decide, then act: the values each side of a pair must end with, from the values at the last sync,
 * both sides' values now and the sync's definition. Pure, so every rule is a unit test (and a
 * property test); the executor (record-sync.ts) only writes what this returns and records it.
 */
import type { FieldMapping, MappedValue, MappedValues, Side, SyncDirection } from '../../types.ts';
import { changedFields, type FieldChange } from '../../mappings/merge.ts';
import { ownedFieldEnd, twoWayFieldEnd } from './field-rules.ts';

export interface PairInput {
  mappings: readonly FieldMapping[];
  direction: SyncDirection;
  winner: Side;
  /** Mapping ids written only when a record is created, never to an existing one (a customer's display name). */
  createOnly: readonly string[];
  /** The values stored at the last sync, per side; null when the pair was never synced. */
  previous: { hubspot: MappedValues | null; qbo: MappedValues | null };
  /** Each side's values now; undefined when that side has no record yet (it is to be created). */
  current: { hubspot: MappedValues | undefined; qbo: MappedValues | undefined };
}

export interface SideOutcome {
  /** The record does not exist: it is created with `values`. */
  create: boolean;
  /** Something must be written (a create, or a field whose end value differs from its value now). */
  write: boolean;
  /** The end value of every field this side takes, for the writer (a full set, so a writer can build its body). */
  values: MappedValues;
  changes: FieldChange[];
}

export interface PairDecision {
  hubspot: SideOutcome;
  qbo: SideOutcome;
  /** Mapping ids changed on both sides to different values since the last sync. */
  conflicts: string[];
}

/** Which way a mapping's values may flow under the definition's direction. */
export function flowsOf(mapping: FieldMapping, direction: SyncDirection): { toQbo: boolean; toHubSpot: boolean } {
  if (!mapping.enabled) return { toQbo: false, toHubSpot: false };
  return {
    toQbo: (mapping.direction === 'both' || mapping.direction === 'to_qbo') && direction !== 'qbo_to_hubspot',
    toHubSpot: (mapping.direction === 'both' || mapping.direction === 'to_hubspot') && direction !== 'hubspot_to_qbo',
  };
}

const valueOf = (values: MappedValues | null | undefined, id: string): MappedValue => values?.[id] ?? null;

export function decidePair(input: PairInput): PairDecision {
  const { current, previous } = input;
  const synced = previous.hubspot !== null && previous.qbo !== null && current.hubspot !== undefined && current.qbo !== undefined;
  const end: Record<Side, MappedValues> = { hubspot: {}, qbo: {} };
  const conflicts: string[] = [];
  for (const mapping of input.mappings) {
    const id = mapping.id;
    if (!(id in (current.hubspot ?? {})) && !(id in (current.qbo ?? {}))) continue;
    let { toQbo, toHubSpot } = flowsOf(mapping, input.direction);
    // Create-only fields are not written to a record that exists.
    if (input.createOnly.includes(id)) {
      if (current.qbo !== undefined) toQbo = false;
      if (current.hubspot !== undefined) toHubSpot = false;
    }
    if (!toQbo && !toHubSpot) continue;
    const state = {
      hubspot: valueOf(current.hubspot, id),
      qbo: valueOf(current.qbo, id),
      previous: synced ? { hubspot: valueOf(previous.hubspot, id), qbo: valueOf(previous.qbo, id) } : null,
    };
    const field = toQbo && toHubSpot ? twoWayFieldEnd(state, input.winner) : ownedFieldEnd(state, toQbo ? 'hubspot' : 'qbo');
    if (field.conflict) conflicts.push(id);
    if (toHubSpot) end.hubspot[id] = field.hubspot;
    if (toQbo) end.qbo[id] = field.qbo;
  }
  const outcome = (side: Side): SideOutcome => {
    const now = current[side];
    const values = end[side];
    if (now === undefined) {
      // The other side's record is created when the sync's direction goes that way, whatever the
      // mapped values (some adapters build a record from more than them: a payment from its invoice).
      const created = side === 'qbo' ? input.direction !== 'qbo_to_hubspot' : input.direction !== 'hubspot_to_qbo';
      return { create: created, write: created, values, changes: changedFields({}, values) };
    }
    const changes = changedFields(Object.fromEntries(Object.keys(values).map((id) => [id, valueOf(now, id)])), values);
    return { create: false, write: changes.length > 0, values, changes };
  };
  return { hubspot: outcome('hubspot'), qbo: outcome('qbo'), conflicts };
}
