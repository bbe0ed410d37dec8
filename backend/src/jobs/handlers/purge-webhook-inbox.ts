import { z } from 'zod';
import { deleteProcessedInboxEvents } from '../../db/webhook-inbox.ts';
import { defineJob } from '../job-definition.ts';

const DAY_MS = 86_400_000;

/** Retention of the webhook inbox: processed events are kept for WEBHOOK_INBOX_RETENTION_DAYS. */
export const purgeWebhookInboxJob = defineJob({
  name: 'maintenance.purge-webhook-inbox',
  payload: z.object({ retentionDays: z.number().int().min(1).optional() }),
  schedule: '17 3 * * *',
  handle: async (ctx, data) => {
    const days = data.retentionDays ?? ctx.env.WEBHOOK_INBOX_RETENTION_DAYS;
    const deleted = await deleteProcessedInboxEvents(ctx.db, new Date(Date.now() - days * DAY_MS));
    ctx.logger.info({ deleted, retentionDays: days }, 'purged processed webhook events');
  },
});
