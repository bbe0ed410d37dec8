/** The HubSpot page chrome around every emulator page: top navigation, account, stylesheet, host script. */
import { escapeHtml } from '../../oauth/consent-page.ts';
import type { HubSpotAccount } from '../../state/account.ts';
import { accountUser, type ExtensionSpec } from '../extension-host.ts';

export const html = escapeHtml;

export const urls = {
  list: (portalId: number, objectTypeId: string) => `/contacts/${portalId}/objects/${objectTypeId}/views/all/list`,
  record: (portalId: number, objectTypeId: string, id: string) => `/contacts/${portalId}/record/${objectTypeId}/${encodeURIComponent(id)}`,
  connectedApps: (portalId: number) => `/integrations-settings/${portalId}/installed`,
  appSettings: (portalId: number, appId: number) => `/integrations-settings/${portalId}/installed/framework/${appId}/general-settings`,
};

const SPROCKET = `<svg class="hs-nav__logo" viewBox="0 0 32 32" aria-hidden="true"><circle cx="19" cy="19" r="6.5" fill="none" stroke="#ff7a59" stroke-width="3.2"/><path d="M19 12.5V7" stroke="#ff7a59" stroke-width="3.2" stroke-linecap="round"/><circle cx="19" cy="5.5" r="2.6" fill="#ff7a59"/><path d="M14.4 14.4 7.5 8.5" stroke="#ff7a59" stroke-width="2.6" stroke-linecap="round"/><circle cx="6.5" cy="7.5" r="2.2" fill="#ff7a59"/><path d="M14.8 23.3 11 27" stroke="#ff7a59" stroke-width="2.6" stroke-linecap="round"/></svg>`;

export interface PageOptions {
  title: string;
  account: HubSpotAccount | undefined;
  active?: 'contacts' | 'deals' | 'apps';
  body: string;
  extensions?: ExtensionSpec[];
  status?: number;
}

/** A JSON value safe inside <script> (no `</script>` or `<!--` can end it early). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function page({ title, account, active, body, extensions = [] }: PageOptions): string {
  const user = account ? accountUser(account) : null;
  const link = (key: PageOptions['active'], href: string, label: string) => `<a class="hs-nav__link${active === key ? ' hs-nav__link--active' : ''}" href="${href}">${label}</a>`;
  const nav = account
    ? `<nav class="hs-nav__links">${link('contacts', urls.list(account.portalId, '0-1'), 'Contacts')}${link('deals', urls.list(account.portalId, '0-3'), 'Deals')}${link('apps', urls.connectedApps(account.portalId), 'Connected apps')}</nav>
       <div class="hs-nav__account"><div>${html(account.hubDomain)}</div><div>Account ${account.portalId}</div></div>
       <div class="hs-nav__avatar" title="${html(user?.email ?? '')}">${html(`${user?.firstName[0] ?? ''}${user?.lastName[0] ?? ''}`)}</div>`
    : '<nav class="hs-nav__links"></nav>';
  const host = extensions.length
    ? `<script type="application/json" id="hs-extension-host">${scriptJson({ endpoints: { fetch: '/_hubspot/ui-extensions/fetch', associations: '/_hubspot/ui-extensions/associations' }, extensions })}</script>
<script src="/_hubspot/ui-extensions/host.js" defer></script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)} | HubSpot (sandbox)</title>
<link rel="stylesheet" href="/_hubspot/ui-extensions/host.css">
</head><body>
<header class="hs-nav"><a class="hs-nav__brand" href="${account ? urls.connectedApps(account.portalId) : '#'}">${SPROCKET}<span>HubSpot <span class="hs-muted">sandbox</span></span></a>${nav}</header>
<main class="hs-page">${body}</main>
${host}
</body></html>`;
}

/** Where an extension renders: the host script replaces the placeholder. */
export const slot = (id: string, label: string) => `<div id="${id}" class="hs-extension-slot"><p class="hs-loading-slot">Loading ${html(label)}…</p></div>`;

/** The app's tile in HubSpot (QuickBooks green, the app's initials). */
export const appIcon = (name: string) => `<div class="hs-app-icon" aria-hidden="true">${html(name.split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase())}</div>`;
