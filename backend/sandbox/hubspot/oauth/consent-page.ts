/** The consent page of the authorize step: a plain HTML form a headless browser can drive. */
import type { RegisteredApp } from '../state/apps.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export interface ConsentParams {
  app: RegisteredApp;
  redirectUri: string;
  scopes: string[];
  optionalScopes: string[];
  state: string | undefined;
  accounts: { portalId: number; hubDomain: string }[];
  fixedPortalId: number | undefined;
}

export function consentPage(p: ConsentParams): string {
  const hidden = (name: string, value: string): string => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const accountOptions = p.fixedPortalId !== undefined
    ? [`<option value="${p.fixedPortalId}" selected>${p.fixedPortalId}</option>`]
    : p.accounts.length > 0
      ? p.accounts.map((a, i) => `<option value="${a.portalId}"${i === 0 ? ' selected' : ''}>${escapeHtml(a.hubDomain)} (${a.portalId})</option>`)
      : ['<option value="new" selected>Create a new test account</option>'];
  const scopeItems = [...p.scopes, ...p.optionalScopes].map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect ${escapeHtml(p.app.name)} to HubSpot</title>
<style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}</style>
</head><body>
<h1>Connect ${escapeHtml(p.app.name)}</h1>
<p>${escapeHtml(p.app.name)} is requesting access to your HubSpot account (sandbox emulator).</p>
<h2>Requested permissions</h2><ul id="scopes">${scopeItems}</ul>
<form method="post" action="/oauth/authorize/decision">
${hidden('client_id', p.app.clientId)}${hidden('redirect_uri', p.redirectUri)}${hidden('scope', p.scopes.join(' '))}${hidden('optional_scope', p.optionalScopes.join(' '))}${p.state !== undefined ? hidden('state', p.state) : ''}
<label for="portal_id">Account</label> <select id="portal_id" name="portal_id">${accountOptions.join('')}</select>
<p><button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button></p>
</form></body></html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head><body><h1>Authorization error</h1><p id="error">${escapeHtml(message)}</p></body></html>`;
}
