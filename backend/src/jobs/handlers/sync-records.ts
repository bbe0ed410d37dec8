/**
 * A page of one object type's records changed on one side (a burst of webhooks: a person's bulk edit,
 * an import), synced together so their vendor calls go out as batches (engine/page-batcher.ts): one
 * batch read per 100 records instead of one call each. Records sharing a matching key run one after
 * another, as in a pass's page. A record whose pass fails for a passing reason gets its own record job
 * (with its retries); the others are done.
 */
import { z } from 'zod';
import { objectTypeSchema } from '@quickbooks-sync/contract';
import { defineJob } from '../job-definition.ts';
import { adapterFor } from '../../sync/objects/index.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { syncRecord } from '../../sync/engine/record-sync.ts';
import { readSide } from '../../sync/engine/counterpart.ts';
import type { HubSpotRecord, QboRecord } from '../../sync/types.ts';
import { withObjectLock } from '../../sync/engine/object-lock.ts';
import { PageBatcher } from '../../sync/engine/page-batcher.ts';
import { PassMemo } from '../../sync/engine/pass-memo.ts';
import { enqueueRecordSync } from './sync-record.ts';

/** Ids per page job: HubSpot's batch size, so a page's reads are one call per side. */
export const RECORD_PAGE_SIZE = 100;

const payload = z.object({
  portalId: z.number().int().positive(),
  objectType: objectTypeSchema,
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
      const session = { ...loaded.session, batcher: new PageBatcher(), memo: new PassMemo() };
      const unique = [...new Set(ids)];
      // Read all first (batch calls), so records sharing a matching key (two contacts, one e-mail) run one
      // after another, as in a sync pass's page: the second sees what the first linked or created.
      const read = await session.batcher.runAll(unique.map((id) => () => readSide(session, adapter, side, id)));
      // Each id with what its read answered; not found (deleted on that side) or a failed read: its own pass says what that means.
      const entries = unique.map((id, i) => {
        const r = read[i];
        return { id, record: r?.status === 'fulfilled' ? r.value : undefined };
      });
      const groups = new Map<string, typeof entries>();
      entries.forEach((entry, index) => {
        const key = entry.record ? (side === 'hubspot' ? adapter.hubspotMatchKey(entry.record as HubSpotRecord) : adapter.qboMatchKey(entry.record as QboRecord)) : null;
        const groupKey = key === null ? `#${index}` : `=${key}`;
        groups.set(groupKey, [...(groups.get(groupKey) ?? []), entry]);
      });
      const units = [...groups.values()];
      const failed: string[] = [];
      const run = new PageBatcher();
      const page = { ...session, batcher: run };
      await run.runAll(
        units.map((group) => async () => {
          for (const { id, record } of group) {
            try {
              await syncRecord(page, adapter, side, id, null, record);
            } catch {
              failed.push(id); // a passing failure, counted and backed off on the record by its pass
            }
          }
        }),
      );
      return failed;
    }, 30_000, { page: { side, ids } });
    for (const id of failed) await enqueueRecordSync(ctx, { portalId, objectType, side, id });
  },
});
