/**
 * One record's sync pass (webhooks and retries). Jobs are deduplicated per record while queued and
 * start a second late, so a burst of webhooks for one record becomes one pass (debounce).
 */
import { z } from 'zod';
import { objectTypeSchema } from '@quickbooks-sync/contract';
import { defineJob } from '../job-definition.ts';
import type { AppContext } from '../context.ts';
import type { Knex } from '../../db/knex.ts';
import { adapterFor } from '../../sync/objects/index.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { syncRecord } from '../../sync/engine/record-sync.ts';
import { LockBusyError, withObjectLock } from '../../sync/engine/object-lock.ts';
import type { ObjectType, Side } from '../../sync/types.ts';
import { recordJobPriority } from '../fair-priority.ts';
import { findSyncRecordBySide } from '../../db/sync-records.ts';

const payload = z.object({
  portalId: z.number().int().positive(),
  objectType: objectTypeSchema,
  side: z.enum(['hubspot', 'qbo']),
  id: z.string().min(1),
  /** How many times this change already found its object locked by a pass and stepped aside. */
  deferrals: z.number().int().min(0).optional(),
});

/**
 * A record job never waits long in a worker slot for a lock a pass holds: while one account's backfill
 * holds its object page after page, that account's waiting jobs would fill every slot and another
 * account's edit would queue behind them (bench/contacts-sync.ts measured 78 s). It tries for half a
 * second, then steps aside: the same change is queued again a little later (1 s, 2 s, 4 s … at most
 * 16 s) and the slot goes to the next job. Stepping aside is not a failure, so it never uses up the
 * job's retries: a change waits as long as the pass runs, and is never dropped.
 */
const LOCK_TRY_MS = 500;
const deferralDelaySeconds = (deferrals: number) => Math.min(16, 2 ** deferrals);

export const syncRecordJob = defineJob({
  name: 'sync.record',
  payload,
  handle: async (ctx, { portalId, objectType, side, id, deferrals = 0 }) => {
    const adapter = adapterFor(objectType);
    if (!adapter) return;
    const run = async () => {
      const loaded = await loadSession(ctx, portalId, objectType);
      if (!loaded.ok) {
        ctx.logger.debug({ portalId, objectType, reason: loaded.reason }, 'record sync skipped');
        return;
      }
      const result = await syncRecord(loaded.session, adapter, side, id);
      ctx.logger.debug({ portalId, objectType, side, id, ...result }, 'record synced');
    };
    try {
      // A linked pair only needs its own two records (object-lock.ts): it goes through while a pass's
      // page holds other records. The link is read again under the lock; if it changed, the record
      // takes the whole object like an unlinked one (it may match or create).
      const linked = await findSyncRecordBySide(ctx.db, portalId, objectType, side, id);
      if (linked?.hubspot_id && linked.qbo_id) {
        const pair = { hubspotId: linked.hubspot_id, qboId: linked.qbo_id };
        const done = await withObjectLock(ctx.db, portalId, objectType, async () => {
          const now = await findSyncRecordBySide(ctx.db, portalId, objectType, side, id);
          if (now?.hubspot_id !== pair.hubspotId || now.qbo_id !== pair.qboId) return false;
          await run();
          return true;
        }, LOCK_TRY_MS, { pair });
        if (done) return;
      }
      // A pass holds the lock one page at a time; waiting never holds a pooled connection.
      await withObjectLock(ctx.db, portalId, objectType, run, LOCK_TRY_MS);
    } catch (err) {
      if (!(err instanceof LockBusyError)) throw err;
      const delaySeconds = deferralDelaySeconds(deferrals);
      ctx.logger.debug({ portalId, objectType, side, id, deferrals, delaySeconds }, 'object busy with a sync pass; the change steps aside and comes back');
      await enqueueRecordSync(ctx, { portalId, objectType, side, id }, undefined, { deferrals: deferrals + 1, delaySeconds });
    }
  },
});

/**
 * Debounce: a record's pass starts this long after the first change, collecting the ones that follow
 * (HubSpot sends one event per changed property, in the same delivery or within ~100 ms).
 */
export const RECORD_DEBOUNCE_MS = 250;
export const RECORD_DEBOUNCE_SECONDS = RECORD_DEBOUNCE_MS / 1000;

export async function enqueueRecordSync(
  ctx: AppContext,
  target: { portalId: number; objectType: ObjectType; side: Side; id: string },
  trx?: Knex.Transaction,
  deferred?: { deferrals: number; delaySeconds: number },
): Promise<void> {
  await ctx.queue.send(syncRecordJob.name, deferred ? { ...target, deferrals: deferred.deferrals } : target, {
    trx,
    singletonKey: `${target.portalId}:${target.objectType}:${target.side}:${target.id}`,
    startAfterSeconds: deferred?.delaySeconds ?? RECORD_DEBOUNCE_SECONDS,
    priority: recordJobPriority.next(target.portalId),
    retryLimit: 8,
  });
}
