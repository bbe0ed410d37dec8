import { z } from 'zod';
import { deleteReplaysBefore } from '../../db/request-replays.ts';
import { defineJob } from '../job-definition.ts';

/** A repeat arrives within seconds (hubspot.fetch's one retry); a day of answers is plenty. */
export const purgeRequestReplaysJob = defineJob({
  name: 'maintenance.purge-request-replays',
  payload: z.object({}),
  schedule: '17 * * * *',
  handle: async (ctx) => {
    const deleted = await deleteReplaysBefore(ctx.db, new Date(Date.now() - 86_400_000));
    if (deleted > 0) ctx.logger.info({ deleted }, 'purged kept answers of repeated requests');
  },
});
