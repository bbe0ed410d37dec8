/**
 * The HubSpot product calls the shared client does not offer: reading an archived product (an item made
 * inactive in QuickBooks is an archived product, and the pair must stay readable) and archiving one.
 * (Products are found by SKU through a search loader: `hs_sku` is not unique, so it has no batch read.)
 */
import type { AdapterSession } from '../../engine/adapter.ts';
import type { HubSpotRecord } from '../../types.ts';
import { hubspotAccessToken } from '../../../connections/hubspot-tokens.ts';
import { createHubSpotCall, type HubSpotCall } from '../../../vendors/hubspot/call.ts';
import { HubSpotApiError } from '../../../vendors/hubspot/errors.ts';
import { objectSchema, parseResponse, toHubSpotRecord } from '../../../vendors/hubspot/schemas.ts';

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
