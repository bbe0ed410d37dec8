import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import { completeHubSpotInstall, startHubSpotInstall } from '../../../connections/install.ts';
import { HUBSPOT_CALLBACK_PATH, publicBaseUrl } from '../../../connections/config.ts';
import { ConnectFlowError } from '../../../connections/flow-errors.ts';
import { endFlow, flowCookieOf, pageHandler, sendToVendor } from './page-handler.ts';

const callbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(256).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
});

/** R1: GET /oauth/hubspot/install → HubSpot consent → GET /oauth/hubspot/callback → the settings page in HubSpot. */
export function hubspotInstallRoutes(ctx: AppContext): Router {
  const router = Router();
  const cookie = { secure: publicBaseUrl(ctx.env).startsWith('https://'), maxAgeSeconds: ctx.env.OAUTH_STATE_TTL_SECONDS };

  router.get(
    '/oauth/hubspot/install',
    pageHandler(ctx.logger, async (_req, res) => {
      sendToVendor(res, await startHubSpotInstall(ctx), cookie);
    }),
  );

  router.get(
    HUBSPOT_CALLBACK_PATH,
    pageHandler(ctx.logger, async (req, res) => {
      const query = callbackQuery.safeParse(req.query);
      if (!query.success) throw new ConnectFlowError('invalid_callback', 'This installation link is malformed. Start the installation again.');
      const { settingsUrl } = await completeHubSpotInstall(ctx, query.data, flowCookieOf(req));
      endFlow(res);
      res.redirect(302, settingsUrl);
    }),
  );
  return router;
}
