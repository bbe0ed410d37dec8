import { Router } from 'express';
import { parse as parseCookies } from 'cookie';
import { z } from 'zod';
import type { AppContext } from '../../../jobs/context.ts';
import { completeHubSpotInstall, startHubSpotInstall } from '../../../connections/install.ts';
import { HUBSPOT_CALLBACK_PATH, publicBaseUrl } from '../../../connections/config.ts';
import { ConnectFlowError } from '../../../connections/flow-errors.ts';
import { OAUTH_COOKIE, pageHandler, setFlowCookie } from './page-handler.ts';

const callbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(256).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(1024).optional(),
});

/** R1: GET /oauth/hubspot/install → HubSpot consent → GET /oauth/hubspot/callback → the settings page in HubSpot. */
export function hubspotInstallRoutes(ctx: AppContext): Router {
  const router = Router();
  const secure = publicBaseUrl(ctx.env).startsWith('https://');

  router.get(
    '/oauth/hubspot/install',
    pageHandler(ctx.logger, async (_req, res) => {
      const { redirectUrl, browserSecret } = await startHubSpotInstall(ctx);
      setFlowCookie(res, browserSecret, secure, ctx.env.OAUTH_STATE_TTL_SECONDS);
      res.set('cache-control', 'no-store').redirect(302, redirectUrl);
    }),
  );

  router.get(
    HUBSPOT_CALLBACK_PATH,
    pageHandler(ctx.logger, async (req, res) => {
      const query = callbackQuery.safeParse(req.query);
      if (!query.success) throw new ConnectFlowError('invalid_callback', 'This installation link is malformed. Start the installation again.');
      const browserSecret = parseCookies(req.get('cookie') ?? '')[OAUTH_COOKIE];
      const { settingsUrl } = await completeHubSpotInstall(ctx, query.data, browserSecret);
      res.clearCookie(OAUTH_COOKIE, { path: '/oauth' });
      res.set('cache-control', 'no-store').redirect(302, settingsUrl);
    }),
  );
  return router;
}
