import { describe, expect, it } from 'vitest';
import { backoffDelay, jitteredWait } from '../../../backend/src/vendors/backoff.ts';

const policy = { baseMs: 250, capMs: 10_000 };
const almostOne = () => 0.999_999;

describe('backoff with full jitter', () => {
  it('waits between 0 and base × 2^attempt', () => {
    for (const attempt of [1, 2, 3, 4]) {
      expect(backoffDelay(attempt, policy, () => 0)).toBe(0);
      const ceiling = 250 * 2 ** attempt;
      expect(backoffDelay(attempt, policy, almostOne)).toBeLessThan(ceiling);
      expect(backoffDelay(attempt, policy, almostOne)).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(backoffDelay(30, policy, almostOne)).toBeLessThan(10_000);
    expect(backoffDelay(30, policy, almostOne)).toBeGreaterThan(9_990);
  });

  it('spreads real random waits over the whole range (not a fixed delay)', () => {
    const waits = Array.from({ length: 200 }, () => backoffDelay(3, policy));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...waits)).toBeLessThan(2_000);
    expect(new Set(waits).size).toBeGreaterThan(50);
    expect(Math.min(...waits)).toBeLessThan(500);
    expect(Math.max(...waits)).toBeGreaterThan(1_500);
  });

  it('adds at most 10 % (≥ 5 ms, ≤ 1 s) to a wait the vendor asked for, never less than asked', () => {
    expect(jitteredWait(10_000, () => 0)).toBe(10_000);
    expect(jitteredWait(10_000, almostOne)).toBe(11_000);
    expect(jitteredWait(60_000, almostOne)).toBe(61_000);
    expect(jitteredWait(20, almostOne)).toBe(25);
    expect(jitteredWait(1_000, () => 0.5)).toBe(1_050);
  });
});
