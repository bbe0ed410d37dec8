/**
 * The convergence rules for one mapped field (README, "Convergence"). Pure: the values the field had
 * on each side at the last sync, its values now, and who wins a conflict → the value each side must
 * end with. A value of `null` is empty; clearing a field is a change like any other.
 */
import type { MappedValue, Side } from '../../types.ts';

/** A field's values on both sides now and, when the pair was synced before, at the last sync. */
export interface FieldState {
  hubspot: MappedValue;
  qbo: MappedValue;
  /** null: the pair has never been synced (first link or create). */
  previous: { hubspot: MappedValue; qbo: MappedValue } | null;
}

export interface FieldEnd {
  hubspot: MappedValue;
  qbo: MappedValue;
  /** Changed on both sides since the last sync, to different values. */
  conflict: boolean;
}

/**
 * A field that flows both ways:
 * - equal on both sides → nothing to do;
 * - first link → the non-empty value (both non-empty: the winner's), so nothing non-empty is erased;
 * - changed on one side only since the last sync → that side's value, a clear included;
 * - changed on both → the winner's value, except that an empty winner value never erases the other's;
 * - changed on neither (a difference the last sync left, say a value the other side shortened) → kept
 *   as is: rewriting it would never settle.
 */
export function twoWayFieldEnd(state: FieldState, winner: Side): FieldEnd {
  const { hubspot: h, qbo: q, previous } = state;
  if (h === q) return { hubspot: h, qbo: q, conflict: false };
  const winnerValue = winner === 'hubspot' ? h : q;
  const otherValue = winner === 'hubspot' ? q : h;
  const both = (value: MappedValue, conflict = false): FieldEnd => ({ hubspot: value, qbo: value, conflict });
  if (!previous) {
    if (h === null) return both(q);
    if (q === null) return both(h);
    return both(winnerValue, true);
  }
  const changedInHubSpot = h !== previous.hubspot;
  const changedInQbo = q !== previous.qbo;
  if (changedInHubSpot && !changedInQbo) return both(h);
  if (changedInQbo && !changedInHubSpot) return both(q);
  if (changedInHubSpot && changedInQbo) return both(winnerValue !== null ? winnerValue : otherValue, true);
  return { hubspot: h, qbo: q, conflict: false };
}

/**
 * A field one side owns (a one-way sync, or a mapping that flows one way): the other side takes the
 * owner's value when the owner's value changed (a clear included) or the other side's copy was edited;
 * an owner value that is empty and was empty at the last sync (or at first link) never erases.
 */
export function ownedFieldEnd(state: FieldState, owner: Side): FieldEnd {
  const ownerValue = owner === 'hubspot' ? state.hubspot : state.qbo;
  const targetValue = owner === 'hubspot' ? state.qbo : state.hubspot;
  const end = (target: MappedValue): FieldEnd => (owner === 'hubspot' ? { hubspot: ownerValue, qbo: target, conflict: false } : { hubspot: target, qbo: ownerValue, conflict: false });
  if (ownerValue === targetValue) return end(targetValue);
  const previous = state.previous;
  if (!previous) return end(ownerValue !== null ? ownerValue : targetValue);
  const previousOwner = owner === 'hubspot' ? previous.hubspot : previous.qbo;
  const previousTarget = owner === 'hubspot' ? previous.qbo : previous.hubspot;
  const ownerChanged = ownerValue !== previousOwner;
  const targetChanged = targetValue !== previousTarget;
  if (!ownerChanged && !targetChanged) return end(targetValue);
  if (ownerValue === null && !ownerChanged) return end(targetValue);
  return end(ownerValue);
}
