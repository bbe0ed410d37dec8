/**
 * A sync pass for one account and object type: the first sync (backfill) or a catch-up. Triggered by
 * setup, by "Sync now", and by the scheduler every few minutes. One per definition at a time.
 */
import { z } from 'zod';
import { objectTypeSchema } from '@quickbooks-sync/contract';
import { defineJob } from '../job-definition.ts';
import type { AppContext } from '../context.ts';
import type { Knex } from '../../db/knex.ts';
import { adapterFor } from '../../sync/objects/index.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { runSyncPass } from '../../sync/engine/catch-up.ts';
import { withObjectLock } from '../../sync/engine/object-lock.ts';
import type { RunTrigger } from '../../db/sync-runs.ts';
import type { ObjectType } from '../../sync/types.ts';

const triggers = ['first_sync', 'schedule', 'webhook', 'sync_now', 'retry', 'reconcile'] as const;

export const syncCatchUpJob = defineJob({
  name: 'sync.catch-up',
  payload: z.object({ portalId: z.number().int().positive(), objectType: objectTypeSchema, trigger: z.enum(triggers) }),
  handle: async (ctx, { portalId, objectType, trigger }) => {
    const adapter = adapterFor(objectType);
    if (!adapter) return;
    // One pass at a time; records are locked page by page inside it, so webhooks get through meanwhile.
    await withObjectLock(
      ctx.db,
      portalId,
      objectType,
      async () => {
        const loaded = await loadSession(ctx, portalId, objectType);
        if (!loaded.ok) return;
        const { counts } = await runSyncPass(loaded.session, adapter, trigger);
        ctx.logger.info({ portalId, objectType, trigger, ...counts }, 'sync pass finished');
      },
      10 * 60_000,
      'pass',
    );
  },
});

/**
 * A first sync of a large account runs for hours at the vendors' rate limits; pg-boss's default 15-minute
 * expiry would hand a live pass to a second worker. A dead worker's pass is handed back by the job
 * leases within seconds (jobs/leases.ts), so the expiry is only the backstop for a pass that hangs.
 */
const PASS_EXPIRY_SECONDS = 6 * 3600;

export type SyncPassTarget = { portalId: number; objectType: ObjectType; trigger: RunTrigger };

/** One pass per definition: the key the queue dedupes on, and the scheduler looks for. */
export const syncPassKey = (target: { portalId: number; objectType: string }) => `catch-up:${target.portalId}:${target.objectType}`;

const passOptions = (target: SyncPassTarget) => ({ singletonKey: syncPassKey(target), retryLimit: 5, expireInSeconds: PASS_EXPIRY_SECONDS });

export async function enqueueSyncPass(ctx: AppContext, target: SyncPassTarget, trx?: Knex.Transaction): Promise<string | null> {
  return ctx.queue.send(syncCatchUpJob.name, target, { trx, ...passOptions(target) });
}

/** The scheduler's round: every due pass in a few statements rather than one per definition. */
export async function enqueueSyncPasses(ctx: AppContext, targets: readonly SyncPassTarget[]): Promise<void> {
  await ctx.queue.sendMany(syncCatchUpJob.name, targets.map((target) => ({ data: target, options: passOptions(target) })));
}
