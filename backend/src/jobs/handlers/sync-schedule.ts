import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { SYNC_DEFINITIONS, type DBSyncDefinition } from '../../db/sync-definitions.ts';
import { INSTALLATIONS } from '../../db/installations.ts';
import { QUEUE_SCHEMA } from '../queue.ts';
import { enqueueSyncPass, syncCatchUpJob } from './sync-catch-up.ts';

/** Every minute: a catch-up for each enabled sync whose next run is due (R10, "at regular intervals"). */
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
      // Not while a pass of that sync is queued or running (a long first sync spans many minutes).
      .whereNotExists((q) =>
        q
          .select(ctx.db.raw('1'))
          .from(`${QUEUE_SCHEMA}.job`)
          .where('name', syncCatchUpJob.name)
          .whereIn('state', ['created', 'retry', 'active'])
          .whereRaw(`singleton_key = 'catch-up:' || ${SYNC_DEFINITIONS}.portal_id || ':' || ${SYNC_DEFINITIONS}.object_type`),
      )
      .select<DBSyncDefinition[]>(`${SYNC_DEFINITIONS}.*`);
    for (const d of due) await enqueueSyncPass(ctx, { portalId: d.portal_id, objectType: d.object_type, trigger: d.backfill_completed_at ? 'schedule' : 'first_sync' });
  },
});
