/**
 * Our budgets count in fixed windows, the vendors in rolling ones: a rolling window of length W overlaps
 * at most ⌈W / w⌉ + 1 of our windows of length w, so that many times our limit is the most a vendor can
 * ever see from us. Each budget must stay within the vendor limit it serves (reference docs in
 * backend/src/vendors/rate-budget.ts).
 */
import { describe, expect, it } from 'vitest';
import { RATE_BUDGETS, type RateBudgetSpec } from '../../../backend/src/vendors/rate-budget.ts';

const mostInRollingWindow = (spec: Pick<RateBudgetSpec, 'limit' | 'windowMs'>, vendorWindowMs: number) => spec.limit * (Math.ceil(vendorWindowMs / spec.windowMs) + 1);

describe('rate budgets stay under the vendors’ rolling limits', () => {
  it.each([
    ['HubSpot: 110 per rolling 10 s', RATE_BUDGETS.hubspot.general, 10_000, 110],
    ['HubSpot search: 5 per second', RATE_BUDGETS.hubspot.search, 1_000, 5],
    ['QuickBooks: 10 per sliding second (realm and app)', RATE_BUDGETS.quickbooks.general, 1_000, 10],
    ['QuickBooks: 500 per rolling minute (realm)', RATE_BUDGETS.quickbooks.general, 60_000, 500],
    ['QuickBooks: 40 batches per rolling minute (realm and app)', RATE_BUDGETS.quickbooks.batch, 60_000, 40],
  ])('%s', (_what, spec, vendorWindowMs, vendorLimit) => {
    expect(mostInRollingWindow(spec, vendorWindowMs)).toBeLessThanOrEqual(vendorLimit);
  });

  it('QuickBooks batches use at least 95% of the 40 a minute in steady state (a batch-bound first sync is paced by this)', () => {
    const perMinute = (RATE_BUDGETS.quickbooks.batch.limit * 60_000) / RATE_BUDGETS.quickbooks.batch.windowMs;
    expect(perMinute).toBeGreaterThanOrEqual(0.9 * 40);
  });
});
