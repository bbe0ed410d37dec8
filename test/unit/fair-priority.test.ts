import { describe, expect, it } from 'vitest';
import { FairPriority } from '../../backend/src/jobs/fair-priority.ts';

describe('FairPriority', () => {
  it('lowers the priority of an account that queues many jobs, not of another account', () => {
    let now = 0;
    const fair = new FairPriority(() => now);
    const flood = Array.from({ length: 1000 }, () => fair.next(1));
    expect(flood.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(flood[7]).toBe(-1);
    expect(flood[999]).toBe(-7);
    // Monotone: later jobs of the flood never outrank earlier ones.
    expect(flood.every((p, i) => i === 0 || p <= flood[i - 1]!)).toBe(true);
    // Another account's edit during the flood runs before the flood's remaining jobs.
    expect(fair.next(2)).toBe(0);
    // A minute later the flooding account starts afresh.
    now += 60_000;
    expect(fair.next(1)).toBe(0);
  });
});
