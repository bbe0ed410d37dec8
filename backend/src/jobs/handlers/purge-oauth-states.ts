import { z } from 'zod';
import { deleteExpiredOAuthStates } from '../../db/oauth-states.ts';
import { defineJob } from '../job-definition.ts';

/** OAuth states are useless once expired; keep a day for support questions, then delete. */
export const purgeOAuthStatesJob = defineJob({
  name: 'maintenance.purge-oauth-states',
  payload: z.object({}),
  schedule: '7 * * * *',
  handle: async (ctx) => {
    const deleted = await deleteExpiredOAuthStates(ctx.db, new Date(Date.now() - 86_400_000));
    if (deleted > 0) ctx.logger.info({ deleted }, 'purged expired OAuth states');
  },
});
