/** A removal reported by a webhook (a deletion, a HubSpot merge): applied to the pair under the object's lock (removals/). */
import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import { loadSession } from '../../sync/engine/session.ts';
import { withObjectLock } from '../../sync/engine/object-lock.ts';
import { applyRemoval } from '../../sync/removals/apply-removal.ts';
import { objectTypeSchema } from '@quickbooks-sync/contract';

// Every object type the contract names: what a removal does is its adapter's part (removals/).
const objectType = objectTypeSchema;
const payload = z.object({
  portalId: z.number().int().positive(),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('deleted'), objectType, side: z.enum(['hubspot', 'qbo']), id: z.string().min(1) }),
    z.object({ kind: z.literal('merged'), objectType, side: z.literal('hubspot'), primaryId: z.string().min(1), mergedIds: z.array(z.string().min(1)).min(1) }),
  ]),
});

export const syncRemovalJob = defineJob({
  name: 'sync.removal',
  payload,
  handle: async (ctx, { portalId, change }) => {
    const loaded = await loadSession(ctx, portalId, change.objectType);
    if (!loaded.ok) return;
    const outcome = await withObjectLock(ctx.db, portalId, change.objectType, () => applyRemoval(loaded.session, change), 30_000);
    ctx.logger.debug({ portalId, change, outcome }, 'removal applied');
  },
});
