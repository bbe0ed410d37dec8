import type { AppContext } from '../jobs/context.ts';
import { QUEUE_SCHEMA } from '../jobs/queue.ts';

/**
 * Stops an account's queued work (uninstall, needs reconnect, disconnect). Every job payload of
 * ours carries `portalId`; pg-boss 10 has no cancel-by-payload, so this reads its job table directly.
 * Jobs already running finish; handlers re-check the account's status before writing anywhere.
 */
export async function cancelAccountJobs(ctx: AppContext, portalId: number, objectType?: string): Promise<number> {
  const byObject = objectType ? ` and data->>'objectType' = ?` : '';
  const result = await ctx.db.raw<{ rowCount: number }>(
    `update ${QUEUE_SCHEMA}.job set state = 'cancelled', completed_on = now()
       where state in ('created', 'retry') and data->>'portalId' = ?${byObject}`,
    objectType ? [String(portalId), objectType] : [String(portalId)],
  );
  return result.rowCount;
}
