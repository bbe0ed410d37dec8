/**
 * "Connected apps" and an app's settings page (Connected apps → app → Settings), where HubSpot renders
 * the app's settings extension; an install ends here.
 */
import type { HubSpotAccount } from '../../state/account.ts';
import type { RegisteredApp } from '../../state/apps.ts';
import type { ExtensionHost } from '../extension-host.ts';
import { appIcon, html, page, slot, urls } from './layout.ts';

export function connectedAppsPage(host: ExtensionHost, account: HubSpotAccount): string {
  const apps = host.installedApps(account);
  const rows = apps
    .map((app) => `<tr><td><div style="display:flex;align-items:center;gap:12px">${appIcon(app.name)}<a href="${urls.appSettings(account.portalId, app.appId)}">${html(app.name)}</a></div></td><td><span class="hs-badge">Installed</span></td></tr>`)
    .join('');
  const body = `<div class="hs-page-header"><h1>Connected apps</h1></div>
<div class="hs-panel">${apps.length ? `<table class="hs-list-table"><thead><tr><th>App</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="hs-muted">No apps are installed in this account.</p>'}</div>`;
  return page({ title: 'Connected apps', account, active: 'apps', body });
}

export function appSettingsPage(host: ExtensionHost, account: HubSpotAccount | undefined, app: RegisteredApp | undefined, portalId: string): { status: number; html: string } {
  if (!account) return { status: 404, html: page({ title: 'Account not found', account, body: `<div class="hs-panel"><h1>Account ${html(portalId)} does not exist</h1></div>` }) };
  const name = app?.name ?? 'Unknown app';
  const installed = app !== undefined && account.installedApps.has(app.appId);
  const header = `<div class="hs-breadcrumb"><a href="${urls.connectedApps(account.portalId)}">Connected apps</a> › ${html(name)}</div>
<div class="hs-page-header">${appIcon(name)}<h1 id="settings-title">${html(name)}</h1><span id="install-state" class="hs-badge${installed ? '' : ' hs-badge--off'}">${installed ? 'Installed' : 'Not installed'}</span></div>`;
  if (!app || !installed) {
    return { status: app ? 200 : 404, html: page({ title: `${name} settings`, account, active: 'apps', body: `${header}<div class="hs-panel"><p>${app ? 'This app is not installed in this account: install it from its install link.' : 'No such app.'}</p></div>` }) };
  }
  const project = host.project(app);
  const settings = project?.extensions.find((e) => e.location === 'settings');
  if (!project || !settings) {
    return { status: 200, html: page({ title: `${name} settings`, account, active: 'apps', body: `${header}<div class="hs-panel"><p class="hs-muted">This app has no settings page.</p></div>` }) };
  }
  const spec = host.spec(account, app, project, settings, null, 'extension-settings');
  return { status: 200, html: page({ title: `${name} settings`, account, active: 'apps', body: `${header}<div class="hs-panel">${slot(spec.slot, 'the app settings')}</div>`, extensions: [spec] }) };
}
