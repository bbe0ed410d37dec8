/** The convergence rules of one field (README "Convergence"), example by example and as properties. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ownedFieldEnd, twoWayFieldEnd, type FieldState } from '../../../../backend/src/sync/engine/decision/field-rules.ts';
import type { MappedValue, Side } from '../../../../backend/src/sync/types.ts';

const state = (hubspot: MappedValue, qbo: MappedValue, previous: [MappedValue, MappedValue] | null): FieldState => ({ hubspot, qbo, previous: previous ? { hubspot: previous[0], qbo: previous[1] } : null });
const value = fc.oneof(fc.constant(null), fc.constantFrom('a', 'b', 'c'));
const winner = fc.constantFrom<Side>('hubspot', 'qbo');

describe('two-way field', () => {
  it('changed on one side only: that side, a clear included', () => {
    expect(twoWayFieldEnd(state('new', 'old', ['old', 'old']), 'qbo')).toEqual({ hubspot: 'new', qbo: 'new', conflict: false });
    expect(twoWayFieldEnd(state(null, 'old', ['old', 'old']), 'qbo')).toEqual({ hubspot: null, qbo: null, conflict: false });
    expect(twoWayFieldEnd(state('old', '555', ['old', 'old']), 'hubspot')).toEqual({ hubspot: '555', qbo: '555', conflict: false });
  });
  it('issue 12 reproduction 1: company set in HubSpot, city set in QuickBooks at once — both reach both sides', () => {
    // company: HubSpot set it, QuickBooks did not touch it
    expect(twoWayFieldEnd(state('Acme Repro', null, [null, null]), 'qbo')).toMatchObject({ hubspot: 'Acme Repro', qbo: 'Acme Repro' });
    // city: QuickBooks changed it, HubSpot did not
    expect(twoWayFieldEnd(state('Oldtown', 'Newtown', ['Oldtown', 'Oldtown']), 'qbo')).toMatchObject({ hubspot: 'Newtown', qbo: 'Newtown' });
  });
  it('changed on both sides: the winner, but an empty winner never erases', () => {
    expect(twoWayFieldEnd(state('h', 'q', ['o', 'o']), 'hubspot')).toEqual({ hubspot: 'h', qbo: 'h', conflict: true });
    expect(twoWayFieldEnd(state('h', 'q', ['o', 'o']), 'qbo')).toEqual({ hubspot: 'q', qbo: 'q', conflict: true });
    // reproduction 1, mirror: HubSpot (winner) clears the phone while QuickBooks sets a new one
    expect(twoWayFieldEnd(state(null, '555-8968-94', ['555-1', '555-1']), 'hubspot')).toEqual({ hubspot: '555-8968-94', qbo: '555-8968-94', conflict: true });
  });
  it('first link: nothing non-empty is erased; both filled and different → the winner', () => {
    expect(twoWayFieldEnd(state(null, '555-0100', null), 'hubspot')).toMatchObject({ hubspot: '555-0100', qbo: '555-0100' });
    expect(twoWayFieldEnd(state('555-0100', null, null), 'qbo')).toMatchObject({ hubspot: '555-0100', qbo: '555-0100' });
    expect(twoWayFieldEnd(state('h', 'q', null), 'qbo')).toMatchObject({ hubspot: 'q', qbo: 'q' });
  });
  it('changed on neither side: a leftover difference is kept (rewriting it would never settle)', () => {
    expect(twoWayFieldEnd(state('long name', 'long', ['long name', 'long']), 'hubspot')).toEqual({ hubspot: 'long name', qbo: 'long', conflict: false });
  });

  it('property: whenever a side changed, the pair ends equal, and the end value is one the sides had', () => {
    fc.assert(
      fc.property(value, value, fc.option(fc.tuple(value, value), { nil: null }), winner, (h, q, previous, w) => {
        const end = twoWayFieldEnd(state(h, q, previous), w);
        const changed = !previous || h !== previous[0] || q !== previous[1];
        if (changed) expect(end.hubspot).toBe(end.qbo);
        expect([h, q]).toContain(end.hubspot);
        expect([h, q]).toContain(end.qbo);
      }),
    );
  });
  it('property: a non-empty value is never replaced by an empty one unless its own side was cleared', () => {
    fc.assert(
      fc.property(value, value, fc.option(fc.tuple(value, value), { nil: null }), winner, (h, q, previous, w) => {
        const end = twoWayFieldEnd(state(h, q, previous), w);
        const clearedInHubSpot = previous !== null && h === null && previous[0] !== null;
        const clearedInQbo = previous !== null && q === null && previous[1] !== null;
        if (end.hubspot === null && h !== null) expect(clearedInQbo).toBe(true);
        if (end.qbo === null && q !== null) expect(clearedInHubSpot).toBe(true);
      }),
    );
  });
  it('property: a change on one side only is never lost', () => {
    fc.assert(
      fc.property(value, value, value, winner, (old, h, q, w) => {
        fc.pre((h !== old) !== (q !== old));
        const end = twoWayFieldEnd(state(h, q, [old, old]), w);
        const changed = h !== old ? h : q;
        expect(end).toMatchObject({ hubspot: changed, qbo: changed });
      }),
    );
  });
  it('property: deciding again on the result changes nothing (the pass settles)', () => {
    fc.assert(
      fc.property(value, value, fc.option(fc.tuple(value, value), { nil: null }), winner, (h, q, previous, w) => {
        const first = twoWayFieldEnd(state(h, q, previous), w);
        const again = twoWayFieldEnd(state(first.hubspot, first.qbo, [first.hubspot, first.qbo]), w);
        expect({ hubspot: again.hubspot, qbo: again.qbo }).toEqual({ hubspot: first.hubspot, qbo: first.qbo });
      }),
    );
  });
});

describe('owned (one-way) field', () => {
  it("the owner's value reaches the other side; its clear too; an empty owner never erases at first link", () => {
    expect(ownedFieldEnd(state('h', 'q', ['o', 'q']), 'hubspot')).toMatchObject({ hubspot: 'h', qbo: 'h' });
    expect(ownedFieldEnd(state(null, 'q', ['h', 'q']), 'hubspot')).toMatchObject({ hubspot: null, qbo: null });
    expect(ownedFieldEnd(state(null, 'q', null), 'hubspot')).toMatchObject({ hubspot: null, qbo: 'q' });
    expect(ownedFieldEnd(state('h', 'edited', ['h', 'h']), 'hubspot')).toMatchObject({ qbo: 'h' });
    expect(ownedFieldEnd(state('h', 'q', null), 'qbo')).toMatchObject({ hubspot: 'q', qbo: 'q' });
  });
  it("property: the owner's side is never written, and a non-empty owner value always ends on both sides once anything changed", () => {
    fc.assert(
      fc.property(value, value, fc.option(fc.tuple(value, value), { nil: null }), winner, (h, q, previous, owner) => {
        const end = ownedFieldEnd(state(h, q, previous), owner);
        const ownerValue = owner === 'hubspot' ? h : q;
        expect(owner === 'hubspot' ? end.hubspot : end.qbo).toBe(ownerValue);
        const changed = !previous || h !== previous[0] || q !== previous[1];
        if (changed && ownerValue !== null) expect(owner === 'hubspot' ? end.qbo : end.hubspot).toBe(ownerValue);
      }),
    );
  });
});
