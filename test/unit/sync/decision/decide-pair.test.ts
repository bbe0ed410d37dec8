/** The whole-record decision: which side is written with what, for each direction and winner. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidePair, type PairInput } from '../../../../backend/src/sync/engine/decision/decide-pair.ts';
import type { FieldMapping, MappedValue, MappedValues } from '../../../../backend/src/sync/types.ts';

const both = (id: string): FieldMapping => ({ id, kind: 'default', enabled: true, hubspotProperty: id, qboField: id, direction: 'both' });
const mappings: FieldMapping[] = [both('email'), both('phone'), both('city'), both('company'), { id: 'display_name', kind: 'default', enabled: true, hubspotProperty: '@display', qboField: 'DisplayName', direction: 'to_qbo' }];

const input = (over: Partial<PairInput>): PairInput => ({ mappings, direction: 'two_way', winner: 'hubspot', createOnly: ['display_name'], previous: { hubspot: null, qbo: null }, current: { hubspot: undefined, qbo: undefined }, ...over });

describe('decidePair', () => {
  it('reproduction 1: the merge is written to both sides, so the pair agrees', () => {
    const synced: MappedValues = { email: 'r@x.test', phone: null, city: 'Oldtown', company: null };
    const d = decidePair(input({ winner: 'qbo', previous: { hubspot: synced, qbo: synced }, current: { hubspot: { ...synced, company: 'Acme Repro' }, qbo: { ...synced, city: 'Newtown' } } }));
    expect(d.hubspot).toMatchObject({ write: true, values: { email: 'r@x.test', phone: null, city: 'Newtown', company: 'Acme Repro' } });
    expect(d.qbo).toMatchObject({ write: true, values: { email: 'r@x.test', phone: null, city: 'Newtown', company: 'Acme Repro' } });
    expect(d.conflicts).toEqual([]);
  });
  it('reproduction 2: at first link the phone of one side reaches the other, whichever wins', () => {
    for (const winner of ['hubspot', 'qbo'] as const) {
      const d = decidePair(input({ winner, current: { hubspot: { email: 'p@x.test', phone: null, city: null, company: null }, qbo: { email: 'p@x.test', phone: '555-0100', city: null, company: null } } }));
      expect(d.hubspot.values.phone).toBe('555-0100');
      expect(d.hubspot.write).toBe(true);
      expect(d.qbo.write).toBe(false);
    }
  });
  it('a create takes create-only values; an existing record never gets them', () => {
    const h = { email: 'n@x.test', phone: null, city: 'Rome', company: null, display_name: 'Acme' };
    const created = decidePair(input({ current: { hubspot: h, qbo: undefined } }));
    expect(created.qbo).toMatchObject({ create: true, write: true, values: { email: 'n@x.test', city: 'Rome', display_name: 'Acme' } });
    const existing = decidePair(input({ current: { hubspot: h, qbo: { email: 'n@x.test', phone: null, city: 'Rome', company: null } } }));
    expect(existing.qbo.values).not.toHaveProperty('display_name');
    expect(existing.qbo.write).toBe(false);
  });
  it('one-way HubSpot → QuickBooks: HubSpot owns every field, nothing is written to HubSpot', () => {
    const prev = { email: 'o@x.test', phone: '1', city: 'A', company: null };
    const d = decidePair(input({ direction: 'hubspot_to_qbo', previous: { hubspot: prev, qbo: prev }, current: { hubspot: { ...prev, city: null }, qbo: { ...prev, phone: '2' } } }));
    expect(d.hubspot.write).toBe(false);
    expect(d.qbo.values).toMatchObject({ city: null, phone: '1' });
  });
  it('a disabled mapping is never written', () => {
    const off = mappings.map((m) => (m.id === 'phone' ? { ...m, enabled: false } : m));
    const d = decidePair(input({ mappings: off, current: { hubspot: { email: 'e', phone: '1', city: null, company: null }, qbo: { email: 'e', phone: null, city: null, company: null } } }));
    expect(d.qbo.values).not.toHaveProperty('phone');
    expect(d.qbo.write).toBe(false);
  });

  const fieldValue = fc.oneof(fc.constant<MappedValue>(null), fc.constantFrom<MappedValue>('x', 'y'));
  const record = fc.record({ email: fc.constant<MappedValue>('e@x.test'), phone: fieldValue, city: fieldValue, company: fieldValue });
  it('property (two-way): after writing the decision, the pair agrees on every field a side changed, and a second decision writes nothing', () => {
    fc.assert(
      fc.property(fc.option(record, { nil: null }), record, record, fc.constantFrom('hubspot' as const, 'qbo' as const), (previous, h, q, winner) => {
        const first = decidePair(input({ winner, previous: { hubspot: previous, qbo: previous }, current: { hubspot: h, qbo: q } }));
        const hubspotAfter = { ...h, ...first.hubspot.values };
        const qboAfter = { ...q, ...first.qbo.values };
        for (const id of ['phone', 'city', 'company'] as const) {
          const changed = !previous || h[id] !== previous[id] || q[id] !== previous[id];
          if (changed) expect(hubspotAfter[id]).toBe(qboAfter[id]);
        }
        const second = decidePair(input({ winner, previous: { hubspot: hubspotAfter, qbo: qboAfter }, current: { hubspot: hubspotAfter, qbo: qboAfter } }));
        expect(second.hubspot.write || second.qbo.write).toBe(false);
      }),
    );
  });
});
