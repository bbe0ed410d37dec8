/**
 * Between two pages a pass holds no lock while it fetches the next page: the moment for the changes
 * that found its object locked and stepped aside (jobs/handlers/sync-record.ts) to get through. They
 * sleep in the queue on a backoff of up to 16 s, which would keep an edit waiting long after the page it
 * met is done (a record job of the account's own backfill), so each page end brings them forward to now
 * and wakes this process's workers. Costs one UPDATE per page; the pass does not wait for them.
 */
import type { AppContext } from '../../jobs/context.ts';
import { QUEUE_SCHEMA } from '../../jobs/queue.ts';
import type { ObjectType } from '../types.ts';

/** The queues whose jobs change one record of an object and step aside for a pass (keys start "portal:object:"). */
const RECORD_CHANGE_QUEUES = ['sync.record'];

export async function wakeWaitingChanges(ctx: AppContext, portalId: number, objectType: ObjectType): Promise<number> {
  const woken = await ctx.db(`${QUEUE_SCHEMA}.job`)
    .whereIn('name', RECORD_CHANGE_QUEUES)
    .whereIn('state', ['created', 'retry'])
    .where('singleton_key', 'like', `${portalId}:${objectType}:%`)
    .where('start_after', '>', ctx.db.fn.now())
    .update({ start_after: ctx.db.fn.now() });
  if (woken > 0) for (const name of RECORD_CHANGE_QUEUES) ctx.queue.notify(name);
  return woken;
}
