/**
 * HubSpot webhooks: signature checked on the raw body, events stored in the inbox (a redelivery is
 * recognised by subscription, event id and time) and handed to a job; the answer goes out at once.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import { getInstallation } from '../../../db/installations.ts';
import { insertInboxEvents } from '../../../db/webhook-inbox.ts';
import { enqueueInboxDrain, processWebhooksJob } from '../../../jobs/handlers/process-webhooks.ts';
import { verifiedHubSpotRequest } from '../../middleware/hubspot-signature.ts';
import { httpErrors } from '../../errors.ts';

/** Where HubSpot delivers CRM webhooks (webhooks-hsmeta.json `settings.targetUrl`, written by `npm run hubspot:prepare`). */
export const HUBSPOT_WEBHOOK_PATH = '/webhooks/hubspot';

export const hubspotEventSchema = z
  .object({
    eventId: z.union([z.number(), z.string()]),
    subscriptionId: z.union([z.number(), z.string()]),
    portalId: z.number().int().positive(),
    occurredAt: z.number(),
    subscriptionType: z.string(),
    objectId: z.union([z.number(), z.string()]).optional(),
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.unknown().optional(),
    changeSource: z.string().optional(),
    sourceId: z.string().optional(),
    attemptNumber: z.number().optional(),
    action: z.string().optional(),
  })
  .passthrough();

export type HubSpotWebhookEvent = z.infer<typeof hubspotEventSchema>;

export function hubspotWebhookRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post(HUBSPOT_WEBHOOK_PATH, verifiedHubSpotRequest(ctx), async (req, res) => {
    const parsed = z.array(hubspotEventSchema).max(1000).safeParse(req.body);
    if (!parsed.success) throw httpErrors.invalidRequest('Expected an array of HubSpot webhook events.');
    const byPortal = new Map<number, HubSpotWebhookEvent[]>();
    for (const event of parsed.data) byPortal.set(event.portalId, [...(byPortal.get(event.portalId) ?? []), event]);
    let accepted = 0;
    for (const [portalId, events] of byPortal) {
      const installation = await getInstallation(ctx.db, portalId);
      if (!installation || installation.status === 'uninstalled') continue; // not ours (any more): acknowledged, ignored
      await ctx.db.transaction(async (trx) => {
        const ids = await insertInboxEvents(
          trx,
          events.map((e) => ({ portalId, source: 'hubspot' as const, dedupeKey: `${e.subscriptionId}:${e.eventId}:${e.occurredAt}`, payload: e })),
        );
        accepted += ids.length;
        if (ids.length > 0) await enqueueInboxDrain(ctx, portalId, 'hubspot', trx);
      });
    }
    // Committed: this process's workers take the events now rather than at their next poll.
    if (accepted > 0) ctx.queue.notify(processWebhooksJob.name);
    res.json({ received: parsed.data.length, accepted });
  });
  return router;
}
