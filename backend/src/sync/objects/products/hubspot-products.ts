/**
 * The HubSpot product calls the shared client does not offer: reading an archived product (an item made
 * inactive in QuickBooks is an archived product, and the pair must stay readable), archiving one, and
 * finding products by SKU (`hs_sku` is not a unique property, so it takes a search, not a batch read).
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import type { HubSpotRecord } from '../../types.ts';
import { hubspotAccessToken } from '../../../connections/hubspot-tokens.ts';
import { createHubSpotCall, type HubSpotCall } from '../../../vendors/hubspot/call.ts';
import { HubSpotApiError } from '../../../vendors/hubspot/errors.ts';
import { objectSchema, pageSchema, parseResponse, toHubSpotRecord } from '../../../vendors/hubspot/schemas.ts';

/** More products than this sharing one SKU is already "ambiguous"; we never need the rest. */
const SKU_SEARCH_LIMIT = 10;

function callFor(session: AdapterSession): HubSpotCall {
  const { ctx, portalId } = session;
  return createHubSpotCall({ db: ctx.db, portalId, apiBaseUrl: ctx.env.HUBSPOT_API_BASE_URL, accessToken: (o) => hubspotAccessToken(ctx, portalId, o), logger: ctx.logger });
}

export const normaliseSku = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The product if it is archived (HubSpot answers archived records only when asked for them alone). */
export async function readArchivedProduct(session: AdapterSession, id: string, properties: string[]): Promise<HubSpotRecord | undefined> {
  try {
    const raw = await callFor(session)('read archived product', 'general', (c) => c.crm.objects.basicApi.getById('products', id, properties, undefined, undefined, true));
    return toHubSpotRecord(parseResponse(objectSchema, raw, 'read archived product'));
  } catch (err) {
    if (err instanceof HubSpotApiError && err.kind === 'not_found') return undefined;
    throw err;
  }
}

export async function archiveProduct(session: AdapterSession, id: string): Promise<void> {
  await callFor(session)('archive product', 'general', (c) => c.crm.objects.basicApi.archive('products', id));
}

/** Live products whose SKU is exactly `sku` (trimmed; HubSpot's search compares case-insensitively, we do not). */
export async function findProductsBySku(session: AdapterSession, sku: string, properties: string[]): Promise<HubSpotRecord[]> {
  const raw = await callFor(session)('search products by SKU', 'search', (c) =>
    c.crm.objects.searchApi.doSearch('products', {
      filterGroups: [{ filters: [{ propertyName: 'hs_sku', operator: 'EQ', value: sku }] }],
      properties,
      limit: SKU_SEARCH_LIMIT,
      after: '0',
    } as Parameters<typeof c.crm.objects.searchApi.doSearch>[1]),
  );
  return parseResponse(pageSchema, raw, 'search products by SKU')
    .results.map(toHubSpotRecord)
    .filter((r) => normaliseSku(r.properties.hs_sku) === sku);
}
