import { describe, expect, it } from 'vitest';
import { changedFields, mergeForConflict } from '../../../backend/src/sync/mappings/merge.ts';
import { canonicalJson, fingerprint } from '../../../backend/src/sync/mappings/fingerprint.ts';

describe('mergeForConflict', () => {
  it('takes the winner\'s values but never lets an empty winner value erase the other side', () => {
    const hubspot = { email: 'sean@acme.com', phone: null, firstname: 'Seán', city: null };
    const qbo = { email: 'sean@old.com', phone: '+1 555 0100', firstname: 'Sean', zip: '02110' };
    expect(mergeForConflict(hubspot, qbo)).toEqual({ email: 'sean@acme.com', phone: '+1 555 0100', firstname: 'Seán', city: null, zip: '02110' });
  });

  it('keeps false and 0 from the winner: they are values, not empties', () => {
    expect(mergeForConflict({ active: false, balance: 0 }, { active: true, balance: 12 })).toEqual({ active: false, balance: 0 });
  });
});

describe('changedFields', () => {
  it('lists what changed with before and after, a missing value counting as empty', () => {
    expect(changedFields({ email: 'a@x.com', phone: '1', city: null }, { email: 'a@x.com', phone: '2', zip: '02110' })).toEqual([
      { mappingId: 'phone', before: '1', after: '2' },
      { mappingId: 'zip', before: null, after: '02110' },
    ]);
    expect(changedFields({ a: 1 }, { a: '1' })).toEqual([{ mappingId: 'a', before: 1, after: '1' }]);
  });
});

describe('fingerprint', () => {
  it('does not depend on key order', () => {
    expect(fingerprint({ email: 'a@x.com', phone: null, n: 1 })).toBe(fingerprint({ n: 1, phone: null, email: 'a@x.com' }));
    expect(canonicalJson({ b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });

  it('changes with any value, type or key', () => {
    const base = fingerprint({ email: 'a@x.com', n: 1 });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint({ email: 'a@x.com', n: 2 })).not.toBe(base);
    expect(fingerprint({ email: 'a@x.com', n: '1' })).not.toBe(base);
    expect(fingerprint({ email: 'a@x.com', n: 1, extra: null })).not.toBe(base);
  });
});
