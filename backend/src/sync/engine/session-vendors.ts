/**
 * The vendor clients of one sync session, built once and shared by every record and page of it
 * (building a QBO client reads the connection's tokens).
 */
import type { AppContext } from '../../jobs/context.ts';
import { hubspotClientFor, type HubSpotClient } from '../../vendors/hubspot/client.ts';
import { qboSyncClientFor } from '../../vendors/quickbooks/client-for.ts';
import type { QboClient } from '../../vendors/quickbooks/client.ts';

export interface SessionVendors {
  hubspot: HubSpotClient;
  qbo(): Promise<QboClient>;
}

export function sessionVendors(ctx: AppContext, portalId: number): SessionVendors {
  let qbo: Promise<QboClient> | undefined;
  return {
    hubspot: hubspotClientFor(ctx, portalId),
    qbo() {
      if (!qbo) {
        qbo = qboSyncClientFor(ctx, portalId);
        // A failed build (needs reconnect, say) must not stick: the next call tries again.
        qbo.catch(() => (qbo = undefined));
      }
      return qbo;
    },
  };
}
