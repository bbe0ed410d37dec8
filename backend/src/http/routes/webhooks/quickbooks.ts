/**
 * QuickBooks webhooks: `intuit-signature` checked on the raw body, CloudEvents (and the legacy
 * eventNotifications shape) mapped from realm to HubSpot account, stored in the inbox, handed to a job.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import type { RequestWithRawBody } from '../../app.ts';
import { findPortalByRealm } from '../../../db/qbo-connections.ts';
import { insertInboxEvents } from '../../../db/webhook-inbox.ts';
import { enqueueInboxDrain, processWebhooksJob } from '../../../jobs/handlers/process-webhooks.ts';
import { verifyIntuitSignature } from '../../../vendors/quickbooks/webhook-signature.ts';
import { httpErrors } from '../../errors.ts';

const cloudEvent = z.object({
  specversion: z.string(),
  id: z.string().min(1),
  type: z.string(),
  time: z.string().optional(),
  intuitentityid: z.string(),
  intuitaccountid: z.string(),
  data: z.unknown().optional(),
});

const legacyBody = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string(),
      dataChangeEvent: z.object({ entities: z.array(z.object({ name: z.string(), id: z.string(), operation: z.string(), lastUpdated: z.string().optional() })) }),
    }),
  ),
});

/** One QuickBooks change, whatever the delivery format. */
export interface QboChangeEvent {
  realmId: string;
  entity: string;
  entityId: string;
  operation: string;
  occurredAt: string | undefined;
  dedupeKey: string;
}

export function qboChangesFrom(body: unknown): QboChangeEvent[] | undefined {
  const asCloud = z.array(cloudEvent).safeParse(body);
  if (asCloud.success) {
    return asCloud.data.map((e) => {
      const [, entity = '', operation = ''] = e.type.split('.');
      return { realmId: e.intuitaccountid, entity, entityId: e.intuitentityid, operation, occurredAt: e.time, dedupeKey: e.id };
    });
  }
  const asLegacy = legacyBody.safeParse(body);
  if (!asLegacy.success) return undefined;
  return asLegacy.data.eventNotifications.flatMap((n) =>
    n.dataChangeEvent.entities.map((e) => ({
      realmId: n.realmId,
      entity: e.name.toLowerCase(),
      entityId: e.id,
      operation: e.operation.toLowerCase(),
      occurredAt: e.lastUpdated,
      dedupeKey: `${n.realmId}:${e.name}:${e.id}:${e.operation}:${e.lastUpdated ?? ''}`,
    })),
  );
}

export function quickbooksWebhookRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/webhooks/quickbooks', async (req, res) => {
    const token = ctx.env.QBO_WEBHOOK_VERIFIER_TOKEN;
    if (!token) throw httpErrors.notReady('The QuickBooks webhook verifier token is not configured on this server.');
    const raw = (req as RequestWithRawBody).rawBody ?? Buffer.alloc(0);
    if (!verifyIntuitSignature(raw, req.get('intuit-signature'), token)) throw httpErrors.invalidSignature('The intuit-signature header is missing or does not match.');
    const changes = qboChangesFrom(req.body);
    if (!changes) throw httpErrors.invalidRequest('Expected QuickBooks webhook events (CloudEvents array or eventNotifications).');
    const byRealm = new Map<string, QboChangeEvent[]>();
    for (const c of changes) byRealm.set(c.realmId, [...(byRealm.get(c.realmId) ?? []), c]);
    let accepted = 0;
    for (const [realmId, events] of byRealm) {
      const portalId = await findPortalByRealm(ctx.db, realmId);
      if (portalId === undefined) continue;
      await ctx.db.transaction(async (trx) => {
        const ids = await insertInboxEvents(trx, events.map((e) => ({ portalId, source: 'quickbooks' as const, dedupeKey: e.dedupeKey, payload: e })));
        accepted += ids.length;
        if (ids.length > 0) await enqueueInboxDrain(ctx, portalId, 'quickbooks', trx);
      });
    }
    // Committed: this process's workers take the events now rather than at their next poll.
    if (accepted > 0) ctx.queue.notify(processWebhooksJob.name);
    res.json({ received: changes.length, accepted });
  });
  return router;
}
