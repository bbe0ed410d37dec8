import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import { completeQboConnect, QBO_START_PATH, startQboConnect, startQboReconnect } from '../../../connections/qbo-connect.ts';
import { hubspotSettingsUrl, publicBaseUrl, QBO_CALLBACK_PATH } from '../../../connections/config.ts';
import { ConnectFlowError } from '../../../connections/flow-errors.ts';
import { findPortalByRealm } from '../../../db/qbo-connections.ts';
import { renderPage } from '../../../pages/render.ts';
import { verifyConnectionJob } from '../../../jobs/handlers/verify-qbo-connection.ts';
import { endFlow, flowCookieOf, pageHandler, sendToVendor } from './page-handler.ts';

const param = z.string().max(2048).optional();
const callbackQuery = z.object({ code: param, state: param, realmId: param, error: param });
const realmQuery = z.object({ realmId: z.string().regex(/^\d{1,32}$/).optional() });

/** R2: connect (start + callback), and the Disconnect and Reconnect landing URLs registered with Intuit. */
export function quickbooksOAuthRoutes(ctx: AppContext): Router {
  const router = Router();
  const cookie = { secure: publicBaseUrl(ctx.env).startsWith('https://'), maxAgeSeconds: ctx.env.OAUTH_STATE_TTL_SECONDS };

  router.get(
    QBO_START_PATH,
    pageHandler(ctx.logger, async (req, res) => {
      const state = typeof req.query.state === 'string' ? req.query.state : undefined;
      sendToVendor(res, await startQboConnect(ctx, state), cookie);
    }),
  );

  router.get(
    QBO_CALLBACK_PATH,
    pageHandler(ctx.logger, async (req, res) => {
      const query = callbackQuery.safeParse(req.query);
      if (!query.success) throw new ConnectFlowError('invalid_callback', 'This QuickBooks connection link is malformed. Start again from the app settings in HubSpot.');
      const connection = await completeQboConnect(ctx, `${publicBaseUrl(ctx.env)}${req.originalUrl}`, query.data, flowCookieOf(req));
      endFlow(res);
      res
        .type('html')
        .send(
          renderPage({
            title: 'QuickBooks connected',
            heading: `Connected to ${connection.companyName ?? 'your QuickBooks company'}`,
            paragraphs: [
              `Country: ${connection.country ?? 'unknown'} · Home currency: ${connection.homeCurrency ?? 'unknown'}.`,
              'You can close this tab and finish the guided setup in HubSpot.',
            ],
            tone: 'success',
            actions: [{ label: 'Back to the app settings in HubSpot', href: hubspotSettingsUrl(ctx.env, connection.portalId) }],
          }),
        );
    }),
  );

  // Intuit sends people here after they disconnect the app inside QuickBooks. The request is not
  // signed, so it changes nothing by itself: it asks a job to check the grant with Intuit.
  router.get(
    '/quickbooks/disconnected',
    pageHandler(ctx.logger, async (req, res) => {
      const { realmId } = realmQuery.catch({}).parse(req.query);
      const portalId = realmId ? await findPortalByRealm(ctx.db, realmId) : undefined;
      if (portalId !== undefined) await ctx.queue.send(verifyConnectionJob.name, { portalId }, { singletonKey: `verify-qbo:${portalId}` });
      res.type('html').send(
        renderPage({
          title: 'QuickBooks disconnected',
          heading: 'QuickBooks Online is disconnected',
          paragraphs: ['Syncing between HubSpot and this QuickBooks company has stopped. Your sync history and record links are kept.', 'To sync again, open the app settings in HubSpot and click “Connect QuickBooks”.'],
          tone: 'info',
          actions: portalId !== undefined ? [{ label: 'Open the app settings in HubSpot', href: hubspotSettingsUrl(ctx.env, portalId) }] : [],
        }),
      );
    }),
  );

  router.get(
    '/quickbooks/reconnect',
    pageHandler(ctx.logger, async (req, res) => {
      const { realmId } = realmQuery.catch({}).parse(req.query);
      sendToVendor(res, await startQboReconnect(ctx, realmId), cookie);
    }),
  );
  return router;
}
