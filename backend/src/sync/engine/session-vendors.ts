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

/**
 * A page's batch calls all queue on the account's rate budget at once; a pass may wait longer for its
 * turn than an interactive call would (a failed wait fails the whole page, which then starts over).
 */
const PASS_BUDGET_WAIT_MS = 180_000;

export function sessionVendors(ctx: AppContext, portalId: number): SessionVendors {
  let qbo: Promise<QboClient> | undefined;
  return {
    hubspot: hubspotClientFor(ctx, portalId, { maxBudgetWaitMs: PASS_BUDGET_WAIT_MS }),
    qbo() {
      if (!qbo) {
        qbo = qboSyncClientFor(ctx, portalId, { maxBudgetWaitMs: PASS_BUDGET_WAIT_MS });
        // A failed build (needs reconnect, say) must not stick: the next call tries again.
        qbo.catch(() => (qbo = undefined));
      }
      return qbo;
    },
  };
}
