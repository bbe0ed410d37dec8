import type { AppContext } from '../jobs/context.ts';
import { SYNC_RECORDS } from '../db/sync-records.ts';

/**
 * GDPR privacy deletion of a HubSpot contact: our copies (the link row, its snapshots and, through the
 * cascade, its activity log) are deleted. QuickBooks keeps its customer: the accounting record is the
 * company's, and deleting it is the accountant's decision.
 */
export async function forgetHubSpotContact(ctx: AppContext, portalId: number, contactId: string): Promise<number> {
  const deleted = await ctx.db(SYNC_RECORDS).where({ portal_id: portalId, object_type: 'contacts', hubspot_id: contactId }).delete();
  ctx.logger.info({ portalId, deleted }, 'privacy deletion: removed our copies of a HubSpot contact');
  return deleted;
}
