/**
 * The benchmark-only limits multiplier: emulators and our budgets scale together, the defaults stay the
 * vendors' real limits, and production refuses anything but 1.
 */
import { describe, expect, it } from 'vitest';
import { Throttle } from '../../backend/sandbox/qbo/api/limits.ts';
import { HubSpotSandboxState } from '../../backend/sandbox/hubspot/state/sandbox-state.ts';
import { RATE_BUDGETS, scaledRateBudgets } from '../../backend/src/vendors/rate-budget.ts';
import { parseEnv } from '../../backend/src/env.ts';

/** How many requests one realm+app gets through in one instant (no time passes). */
function admittedAtOnce(throttle: Throttle, tries: number): number {
  let admitted = 0;
  for (let i = 0; i < tries; i++) {
    const release = throttle.admit('realm-1', 'app-1', false);
    if (release) {
      admitted++;
      release();
    }
  }
  return admitted;
}

describe('limits multiplier', () => {
  it('QBO: 10 requests per second by default, ten times that under ×10', () => {
    expect(admittedAtOnce(new Throttle(() => 1_000), 50)).toBe(10);
    expect(admittedAtOnce(new Throttle(() => 1_000, 10), 150)).toBe(100);
    expect(new Throttle(() => 0, 10).limits('r')).toMatchObject({ requestsPerMinute: 5_000, concurrent: 100, batchPerMinute: 400, realmBatchPerMinute: 1_200, requestsPerSecond: 100 });
  });

  it('HubSpot: new accounts get the real limits unless the state is scaled', () => {
    const state = new HubSpotSandboxState(1800);
    expect(state.createAccount(1).limits).toEqual({ tenSecondly: 110, searchPerSecond: 5 });
    state.limitsMultiplier = 10;
    expect(state.createAccount(2).limits).toEqual({ tenSecondly: 1_100, searchPerSecond: 50 });
  });

  it('our budgets scale their limits, never their windows or back-offs', () => {
    expect(scaledRateBudgets('quickbooks', 1)).toBe(RATE_BUDGETS.quickbooks);
    const scaled = scaledRateBudgets('hubspot', 10);
    expect(scaled.general).toEqual({ ...RATE_BUDGETS.hubspot.general, limit: 90 });
    expect(scaled.search).toEqual({ ...RATE_BUDGETS.hubspot.search, limit: 10 });
  });

  it('is 1 unless set, and refused in production', () => {
    expect(parseEnv({}).VENDOR_LIMITS_MULTIPLIER).toBe(1);
    expect(parseEnv({ VENDOR_LIMITS_MULTIPLIER: '10' }).VENDOR_LIMITS_MULTIPLIER).toBe(10);
    expect(() => parseEnv({ NODE_ENV: 'production', TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), VENDOR_LIMITS_MULTIPLIER: '10' })).toThrowError(/VENDOR_LIMITS_MULTIPLIER: is for benchmarks/);
    expect(() => parseEnv({ VENDOR_LIMITS_MULTIPLIER: '0.5' })).toThrowError(/VENDOR_LIMITS_MULTIPLIER/);
  });
});
