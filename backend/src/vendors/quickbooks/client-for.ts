/**
 * The QBO client for an account: tokens from the token manager, and the account's shared rate budget
 * on every call (all workers of all machines pace together).
 */
import type { AppContext } from '../../jobs/context.ts';
import { qboAccessToken } from '../../connections/qbo-tokens.ts';
import { scaledRateBudgets } from '../rate-budget.ts';
import { createQboClient, type QboClient, type QboClientOptions, type QboRateBudgetOptions } from './client.ts';

export interface QboSyncClientOptions extends Pick<QboClientOptions, 'maxAttempts' | 'maxThrottles' | 'backoffMs' | 'timeoutMs'> {
  budgets?: QboRateBudgetOptions['budgets'];
  maxBudgetWaitMs?: number;
}

export async function qboSyncClientFor(ctx: AppContext, portalId: number, options: QboSyncClientOptions = {}): Promise<QboClient> {
  const { realmId } = await qboAccessToken(ctx, portalId);
  const { budgets, maxBudgetWaitMs, ...rest } = options;
  return createQboClient({
    ...rest,
    apiBaseUrl: ctx.env.QBO_API_BASE_URL,
    realmId,
    accessToken: async (o) => (await qboAccessToken(ctx, portalId, o)).accessToken,
    logger: ctx.logger,
    rateBudget: { db: ctx.db, portalId, budgets: budgets ?? scaledRateBudgets('quickbooks', ctx.env.VENDOR_LIMITS_MULTIPLIER), ...(maxBudgetWaitMs !== undefined ? { maxWaitMs: maxBudgetWaitMs } : {}) },
  });
}
