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
import { dispatchObjectChange, type RecordTarget } from '../../sync/webhook-dispatch.ts';
import { enqueueRecordSync, RECORD_DEBOUNCE_MS, RECORD_DEBOUNCE_SECONDS, syncRecordJob } from './sync-record.ts';
import { RECORD_PAGE_SIZE, syncRecordPageJob } from './sync-records.ts';
import { recordJobPriority } from '../fair-priority.ts';

const BATCH = 200;

const hubspotPayload = z.object({ subscriptionType: z.string(), objectId: z.union([z.number(), z.string()]).optional() }).passthrough();

type TxContext = AppContext & { db: Knex.Transaction };

async function handleHubSpotEvent(ctx: TxContext, portalId: number, row: DBInboxEvent, collect: (target: RecordTarget) => void): Promise<string | null> {
  const event = hubspotPayload.parse(row.payload);
  if (event.subscriptionType === 'contact.privacyDeletion' && event.objectId !== undefined) {
    await forgetHubSpotContact(ctx, portalId, String(event.objectId));
    return null;
  }
  return dispatchObjectChange(ctx, portalId, { source: 'hubspot', payload: row.payload }, collect);
}

/**
 * The records a batch of events changed, queued in the same transaction: one record alone gets its
 * record job (deduplicated per record while queued, the single-edit path); several of one object type
 * and side go as pages (sync-records.ts), so their reads are batch calls.
 */
async function queueRecordPasses(ctx: TxContext, targets: RecordTarget[]): Promise<void> {
  const groups = new Map<string, RecordTarget[]>();
  for (const t of targets) {
    const key = `${t.objectType}:${t.side}`;
    const group = groups.get(key) ?? [];
    if (!group.some((g) => g.id === t.id)) group.push(t);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    if (group.length === 1) {
      await enqueueRecordSync(ctx, first, ctx.db);
      continue;
    }
    for (let start = 0; start < group.length; start += RECORD_PAGE_SIZE) {
      const ids = group.slice(start, start + RECORD_PAGE_SIZE).map((t) => t.id);
      await ctx.queue.send(syncRecordPageJob.name, { portalId: first.portalId, objectType: first.objectType, side: first.side, ids }, { trx: ctx.db, startAfterSeconds: RECORD_DEBOUNCE_SECONDS, priority: recordJobPriority.next(first.portalId), retryLimit: 8 });
    }
  }
}

export const processWebhooksJob = defineJob({
  name: 'webhooks.process',
  payload: z.object({ portalId: z.number().int().positive(), source: z.enum(['hubspot', 'quickbooks']) }),
  handle: async (ctx, { portalId, source }) => {
    for (;;) {
      const done = await ctx.db.transaction(async (trx) => {
        const rows = await lockUnprocessedInboxEvents(trx, portalId, source, BATCH);
        const txCtx: TxContext = { ...ctx, db: trx };
        const targets: RecordTarget[] = [];
        const collect = (target: RecordTarget) => targets.push(target);
        for (const row of rows) {
          const note = source === 'hubspot' ? await handleHubSpotEvent(txCtx, portalId, row, collect) : await dispatchObjectChange(txCtx, portalId, { source, payload: row.payload }, collect);
          await markInboxProcessed(trx, [row.id], note);
        }
        await queueRecordPasses(txCtx, targets);
        return { last: rows.length < BATCH, handled: rows.length };
      });
      // The record passes just queued start after their debounce; wake this process's workers then.
      if (done.handled > 0) {
        ctx.queue.notify(syncRecordJob.name, RECORD_DEBOUNCE_MS + 20);
        ctx.queue.notify(syncRecordPageJob.name, RECORD_DEBOUNCE_MS + 20);
      }
      if (done.last) return;
    }
  },
});

/**
 * Asks for the account's inbox to be drained, in the transaction that stored its events. One job per
 * account and source runs at a time, with at most one more waiting (queue policy `stately`): the waiting
 * one drains whatever arrives after the running one's last read, so nothing is left behind.
 */
export async function enqueueInboxDrain(ctx: AppContext, portalId: number, source: 'hubspot' | 'quickbooks', trx: Knex.Transaction): Promise<void> {
  await ctx.queue.send(processWebhooksJob.name, { portalId, source }, { trx, singletonKey: `${portalId}:${source}` });
}
