/**
 * Drains an account's webhook inbox: privacy events are handled here; object changes go to the sync
 * of that object type when one is enabled (the engine's per-record jobs). Uninstalls are not webhooks
 * on HubSpot's platform: they come from the webhooks journal (connections/lifecycle-journal.ts).
 */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import type { AppContext } from '../context.ts';
import type { Knex } from '../../db/knex.ts';
import { lockUnprocessedInboxEvents, markInboxProcessed, type DBInboxEvent } from '../../db/webhook-inbox.ts';
import { forgetHubSpotContact } from '../../connections/privacy.ts';
import { dispatchObjectChange } from '../../sync/webhook-dispatch.ts';
import { RECORD_DEBOUNCE_MS, syncRecordJob } from './sync-record.ts';

const BATCH = 200;

const hubspotPayload = z.object({ subscriptionType: z.string(), objectId: z.union([z.number(), z.string()]).optional() }).passthrough();

type TxContext = AppContext & { db: Knex.Transaction };

async function handleHubSpotEvent(ctx: TxContext, portalId: number, row: DBInboxEvent): Promise<string | null> {
  const event = hubspotPayload.parse(row.payload);
  if (event.subscriptionType === 'contact.privacyDeletion' && event.objectId !== undefined) {
    await forgetHubSpotContact(ctx, portalId, String(event.objectId));
    return null;
  }
  return dispatchObjectChange(ctx, portalId, { source: 'hubspot', payload: row.payload });
}

export const processWebhooksJob = defineJob({
  name: 'webhooks.process',
  payload: z.object({ portalId: z.number().int().positive(), source: z.enum(['hubspot', 'quickbooks']) }),
  handle: async (ctx, { portalId, source }) => {
    for (;;) {
      const done = await ctx.db.transaction(async (trx) => {
        const rows = await lockUnprocessedInboxEvents(trx, portalId, source, BATCH);
        const txCtx: TxContext = { ...ctx, db: trx };
        for (const row of rows) {
          const note = source === 'hubspot' ? await handleHubSpotEvent(txCtx, portalId, row) : await dispatchObjectChange(txCtx, portalId, { source, payload: row.payload });
          await markInboxProcessed(trx, [row.id], note);
        }
        return { last: rows.length < BATCH, handled: rows.length };
      });
      // The record passes just queued start after their debounce; wake this process's workers then.
      if (done.handled > 0) ctx.queue.notify(syncRecordJob.name, RECORD_DEBOUNCE_MS + 20);
      if (done.last) return;
    }
  },
});
