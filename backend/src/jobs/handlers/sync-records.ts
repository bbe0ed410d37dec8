/**
 * A page of one object type's records changed on one side (a burst of webhooks: a person's bulk edit,
 * an import), synced together so their vendor calls go out as batches (engine/page-batcher.ts): one
 * batch read per 100 records instead of one call each. A record whose pass fails for a passing reason
 * gets its own record job (with its retries); the others are done.
 */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { adapterFor } from '../../sync/objects/index.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { syncRecord } from '../../sync/engine/record-sync.ts';
import { withObjectLock } from '../../sync/engine/object-lock.ts';
import { PageBatcher } from '../../sync/engine/page-batcher.ts';
import { PassMemo } from '../../sync/engine/pass-memo.ts';
import { enqueueRecordSync } from './sync-record.ts';

/** Ids per page job: HubSpot's batch size, so a page's reads are one call per side. */
export const RECORD_PAGE_SIZE = 100;

const payload = z.object({
  portalId: z.number().int().positive(),
  objectType: z.enum(['contacts', 'products', 'invoices', 'payments']),
  side: z.enum(['hubspot', 'qbo']),
  ids: z.array(z.string().min(1)).min(1).max(RECORD_PAGE_SIZE),
});

export const syncRecordPageJob = defineJob({
  name: 'sync.records',
  payload,
  handle: async (ctx, { portalId, objectType, side, ids }) => {
    const adapter = adapterFor(objectType);
    if (!adapter) return;
    const failed = await withObjectLock(ctx.db, portalId, objectType, async () => {
      const loaded = await loadSession(ctx, portalId, objectType);
      if (!loaded.ok) {
        ctx.logger.debug({ portalId, objectType, reason: loaded.reason }, 'record page skipped');
        return [];
      }
      const batcher = new PageBatcher();
      const session = { ...loaded.session, batcher, memo: new PassMemo() };
      const outcomes = await batcher.runAll([...new Set(ids)].map((id) => () => syncRecord(session, adapter, side, id)));
      return [...new Set(ids)].filter((_, i) => outcomes[i]?.status === 'rejected');
    }, 30_000);
    for (const id of failed) await enqueueRecordSync(ctx, { portalId, objectType, side, id });
  },
});
