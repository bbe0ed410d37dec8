/**
 * Stand-in for HubSpot's "Connected apps → app → Settings" page, where HubSpot renders the app's
 * settings extension (app/app/settings). An install ends here, so the sandbox serves a page at the
 * same path to land on.
 */
import { Router } from 'express';
import type { HubSpotSandboxState } from '../state/sandbox-state.ts';
import { escapeHtml } from '../oauth/consent-page.ts';

export function appSettingsPageRoutes(state: HubSpotSandboxState): Router {
  const router = Router();
  router.get('/integrations-settings/:portalId/installed/framework/:appId/general-settings', (req, res) => {
    const portalId = Number(req.params.portalId);
    const account = state.accounts.get(portalId);
    const app = [...state.apps.values()].find((a) => String(a.appId) === req.params.appId);
    const installed = account !== undefined && app !== undefined && account.installedApps.has(app.appId);
    res
      .status(account ? 200 : 404)
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>HubSpot sandbox — ${escapeHtml(app?.name ?? 'App')} settings</title></head><body>` +
          `<h1 id="settings-title">${escapeHtml(app?.name ?? 'Unknown app')} · Settings</h1>` +
          `<p id="account">HubSpot sandbox account ${escapeHtml(String(req.params.portalId))}${account ? '' : ' (unknown account)'}</p>` +
          `<p id="install-state">${installed ? 'Installed' : 'Not installed'}</p>` +
          `<p>In HubSpot, the app's settings extension (guided setup) renders on this page.</p></body></html>`,
      );
  });
  return router;
}
