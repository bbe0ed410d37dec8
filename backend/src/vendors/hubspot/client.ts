/**
 * The HubSpot API as the sync engine uses it, for one account. Built on the official
 * `@hubspot/api-client` 13; every call goes through createHubSpotCall (shared rate budget, token
 * refresh on 401, 429 / 5xx handling, errors normalised to HubSpotApiError).
 */
import type { AppContext } from '../../jobs/context.ts';
import { hubspotAccessToken } from '../../connections/hubspot-tokens.ts';
import { createHubSpotCall, type HubSpotCallOptions } from './call.ts';
import { scaledRateBudgets } from '../rate-budget.ts';
import { associationReads } from './associations.ts';
import { associationWrites } from './association-writes.ts';
import { propertyAdmin } from './properties.ts';
import { recordReads } from './records.ts';
import { recordWrites } from './writes.ts';

export type HubSpotClientOptions = Omit<HubSpotCallOptions, 'db' | 'portalId' | 'apiBaseUrl' | 'accessToken' | 'logger'>;

export function createHubSpotClient(options: HubSpotCallOptions) {
  const call = createHubSpotCall(options);
  const reads = recordReads(call);
  return {
    portalId: options.portalId,
    ...reads,
    ...recordWrites(call),
    ...associationReads(call, reads),
    ...associationWrites(call),
    ...propertyAdmin(call),
  };
}

export type HubSpotClient = ReturnType<typeof createHubSpotClient>;

export function hubspotClientFor(ctx: AppContext, portalId: number, options: HubSpotClientOptions = {}): HubSpotClient {
  return createHubSpotClient({
    ...options,
    budgets: options.budgets ?? scaledRateBudgets('hubspot', ctx.env.VENDOR_LIMITS_MULTIPLIER),
    db: ctx.db,
    portalId,
    apiBaseUrl: ctx.env.HUBSPOT_API_BASE_URL,
    accessToken: (o) => hubspotAccessToken(ctx, portalId, o),
    logger: ctx.logger,
  });
}

export { HubSpotApiError, type HubSpotErrorKind } from './errors.ts';
export type { ModifiedSincePage, ListPage, BatchReadResult } from './records.ts';
export type { HubSpotCreateInput, HubSpotUpdateInput, HubSpotUpsertInput, HubSpotWriteResult } from './writes.ts';
export type { HubSpotPropertySpec } from './properties.ts';
