import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { pollLifecycleJournal } from '../../connections/lifecycle-journal.ts';

export const LIFECYCLE_JOURNAL_JOB = 'hubspot.lifecycle-journal';

/** Every minute (and right after an install): HubSpot's webhooks journal for uninstalls. */
export const pollLifecycleJournalJob = defineJob({
  name: LIFECYCLE_JOURNAL_JOB,
  payload: z.object({ ensureSubscription: z.boolean().optional() }),
  schedule: '* * * * *',
  handle: async (ctx, { ensureSubscription }) => {
    const result = await pollLifecycleJournal(ctx, { ensureSubscription });
    if (result.entries > 0 || result.uninstalled.length > 0) ctx.logger.info(result, 'HubSpot webhooks journal read');
  },
});
