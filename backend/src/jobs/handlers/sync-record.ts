/**
 * One record's sync pass (webhooks and retries). Jobs are deduplicated per record while queued and
 * start a second late, so a burst of webhooks for one record becomes one pass (debounce).
 */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import type { AppContext } from '../context.ts';
import type { Knex } from '../../db/knex.ts';
import { adapterFor } from '../../sync/objects/index.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { syncRecord } from '../../sync/engine/record-sync.ts';
import { withObjectLock } from '../../sync/engine/object-lock.ts';
import type { ObjectType, Side } from '../../sync/types.ts';
import { recordJobPriority } from '../fair-priority.ts';

const payload = z.object({
  portalId: z.number().int().positive(),
  objectType: z.enum(['contacts', 'companies', 'products', 'invoices', 'payments']),
  side: z.enum(['hubspot', 'qbo']),
  id: z.string().min(1),
});

export const syncRecordJob = defineJob({
  name: 'sync.record',
  payload,
  handle: async (ctx, { portalId, objectType, side, id }) => {
    const adapter = adapterFor(objectType);
    if (!adapter) return;
    // A pass holds the lock one page at a time (seconds); waiting never holds a pooled connection.
    await withObjectLock(ctx.db, portalId, objectType, async () => {
      const loaded = await loadSession(ctx, portalId, objectType);
      if (!loaded.ok) {
        ctx.logger.debug({ portalId, objectType, reason: loaded.reason }, 'record sync skipped');
        return;
      }
      const result = await syncRecord(loaded.session, adapter, side, id);
      ctx.logger.debug({ portalId, objectType, side, id, ...result }, 'record synced');
    }, 30_000);
  },
});

/**
 * Debounce: a record's pass starts this long after the first change, collecting the ones that follow
 * (HubSpot sends one event per changed property, in the same delivery or within ~100 ms).
 */
export const RECORD_DEBOUNCE_MS = 250;
export const RECORD_DEBOUNCE_SECONDS = RECORD_DEBOUNCE_MS / 1000;

export async function enqueueRecordSync(ctx: AppContext, target: { portalId: number; objectType: ObjectType; side: Side; id: string }, trx?: Knex.Transaction): Promise<void> {
  await ctx.queue.send(syncRecordJob.name, target, {
    trx,
    singletonKey: `${target.portalId}:${target.objectType}:${target.side}:${target.id}`,
    startAfterSeconds: RECORD_DEBOUNCE_SECONDS,
    priority: recordJobPriority.next(target.portalId),
    retryLimit: 8,
  });
}
