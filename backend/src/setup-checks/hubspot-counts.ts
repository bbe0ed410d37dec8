/** Counting HubSpot records for the setup checks: one search, reading its `total`, never the records. */
import { z } from 'zod';
import type { AppContext } from '../jobs/context.ts';
import { hubspotAccessToken } from '../connections/hubspot-tokens.ts';
import { createHubSpotCall } from '../vendors/hubspot/call.ts';
import { parseResponse } from '../vendors/hubspot/schemas.ts';

const totalSchema = z.looseObject({ total: z.number().int().nonnegative() });

export async function countHubSpotProductsWithoutSku(ctx: AppContext, portalId: number): Promise<number> {
  const call = createHubSpotCall({ db: ctx.db, portalId, apiBaseUrl: ctx.env.HUBSPOT_API_BASE_URL, accessToken: (o) => hubspotAccessToken(ctx, portalId, o), logger: ctx.logger });
  const raw = await call('count products without SKU', 'search', (c) =>
    c.crm.objects.searchApi.doSearch('products', {
      filterGroups: [{ filters: [{ propertyName: 'hs_sku', operator: 'NOT_HAS_PROPERTY' }] }],
      properties: ['hs_sku'],
      limit: 1,
      after: '0',
    } as Parameters<typeof c.crm.objects.searchApi.doSearch>[1]),
  );
  return parseResponse(totalSchema, raw, 'count products without SKU').total;
}
