/**
 * `/` for a person who opens the service's URL: what this service is, whether it is ready, where the app
 * is installed from; against the HubSpot emulator (not in production), links to the settings page of each
 * account that installed the app there. `Accept: application/json` gets the same facts as JSON.
 */
import { Router } from 'express';
import { isDatabaseReachable } from '../../../db/knex.ts';
import { INSTALLATIONS } from '../../../db/installations.ts';
import type { AppContext } from '../../../jobs/context.ts';
import { hubspotSettingsUrl, publicBaseUrl } from '../../../connections/config.ts';
import { renderPage } from '../../../pages/render.ts';

const REAL_HUBSPOT = 'https://app.hubspot.com';
const LISTED_ACCOUNTS = 5;

export function homeRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const [database, queue] = await Promise.all([isDatabaseReachable(ctx.db), ctx.queue.isReachable()]);
    const ready = database && queue;
    const installUrl = `${publicBaseUrl(ctx.env)}/oauth/hubspot/install`;
    const emulated = ctx.env.NODE_ENV !== 'production' && ctx.env.HUBSPOT_AUTH_BASE_URL !== REAL_HUBSPOT;
    const accounts: number[] = emulated && database
      ? (await ctx.db(INSTALLATIONS).where({ status: 'active' }).orderBy('portal_id').limit(LISTED_ACCOUNTS).select('portal_id')).map((r: { portal_id: string | number }) => Number(r.portal_id))
      : [];
    const settingsPages = accounts.map((portalId) => ({ label: `Open the app in HubSpot account ${portalId}`, href: hubspotSettingsUrl(ctx.env, portalId) }));
    res.set('cache-control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ service: 'QuickBooks Sync for HubSpot', status: ready ? 'ready' : 'not_ready', database, queue, installUrl, health: '/healthz', readiness: '/readyz', metrics: '/metrics', ...(emulated ? { hubspot: ctx.env.HUBSPOT_AUTH_BASE_URL, settingsPages: settingsPages.map((p) => p.href) } : {}) });
      return;
    }
    res.status(ready ? 200 : 503).type('html').send(
      renderPage({
        title: 'Service',
        heading: 'QuickBooks Sync for HubSpot',
        tone: ready ? 'success' : 'error',
        paragraphs: [
          'This is the service behind the QuickBooks Sync app for HubSpot: it keeps HubSpot contacts, products, invoices and payments in sync with QuickBooks Online. Its screens (the guided setup, the sync views and the record cards) live inside HubSpot.',
          ready ? 'Status: ready (database and job queue reachable).' : `Status: not ready (database ${database ? 'reachable' : 'unreachable'}, job queue ${queue ? 'reachable' : 'unreachable'}).`,
          ...(emulated ? [`Running against the HubSpot emulator at ${ctx.env.HUBSPOT_AUTH_BASE_URL} (sandbox mode).`] : []),
          'Health: /healthz (process up), /readyz (dependencies), /metrics (Prometheus).',
        ],
        actions: [...settingsPages, { label: 'Install the app in a HubSpot account', href: installUrl }],
      }),
    );
  });
  return router;
}
