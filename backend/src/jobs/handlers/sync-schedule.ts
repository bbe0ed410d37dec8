import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { SYNC_DEFINITIONS, type DBSyncDefinition } from '../../db/sync-definitions.ts';
import { INSTALLATIONS } from '../../db/installations.ts';
import { QUEUE_SCHEMA } from '../queue.ts';
import { enqueueSyncPasses, syncCatchUpJob, syncPassKey } from './sync-catch-up.ts';

/**
 * Every minute: a catch-up for each enabled sync whose next run is due (R10, "at regular intervals").
 * Its cost grows with installed accounts (bench/scheduler-accounts.ts), so it is two reads and one
 * batched insert whatever the number due: the due definitions, the passes already queued or running
 * (a long first sync spans many minutes; it must not get a second pass queued behind it), the rest.
 */
export const syncScheduleJob = defineJob({
  name: 'sync.schedule',
  payload: z.object({}),
  schedule: '* * * * *',
  handle: async (ctx) => {
    const due = await ctx.db(SYNC_DEFINITIONS)
      .join(INSTALLATIONS, `${INSTALLATIONS}.portal_id`, `${SYNC_DEFINITIONS}.portal_id`)
      .where(`${SYNC_DEFINITIONS}.status`, 'enabled')
      .andWhere(`${INSTALLATIONS}.status`, 'active')
      .andWhere((q) => q.whereNull('next_sync_at').orWhere('next_sync_at', '<=', new Date()))
      .select<Array<Pick<DBSyncDefinition, 'portal_id' | 'object_type' | 'backfill_completed_at'>>>(`${SYNC_DEFINITIONS}.portal_id`, `${SYNC_DEFINITIONS}.object_type`, `${SYNC_DEFINITIONS}.backfill_completed_at`);
    if (due.length === 0) return;
    const busy = new Set(
      (
        await ctx.db(`${QUEUE_SCHEMA}.job`)
          .where('name', syncCatchUpJob.name)
          .whereIn('state', ['created', 'retry', 'active'])
          .whereNotNull('singleton_key')
          .select<Array<{ singleton_key: string }>>('singleton_key')
      ).map((row) => row.singleton_key),
    );
    const targets = due
      .map((d) => ({ portalId: d.portal_id, objectType: d.object_type, trigger: d.backfill_completed_at ? ('schedule' as const) : ('first_sync' as const) }))
      .filter((target) => !busy.has(syncPassKey(target)));
    await enqueueSyncPasses(ctx, targets);
  },
});
