/** The consent page a user sees at Intuit's authorize URL: pick a company, then Connect or Cancel. */
import type { Company } from '../state/company.ts';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ConsentParams {
  clientId: string;
  appName: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
}

export function consentPage(params: ConsentParams, companies: Company[]): string {
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const choices = companies
    .map(
      (c, i) =>
        `<label class="company"><input type="radio" name="realmId" value="${escapeHtml(c.realmId)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(c.settings.companyName)} <small>(${escapeHtml(c.settings.country)}, realm ${escapeHtml(c.realmId)})</small></label>`,
    )
    .join('\n');
  const body =
    companies.length === 0
      ? '<p id="no-company">This Intuit user has no QuickBooks company yet. Create one through the sandbox control API.</p>'
      : `<fieldset><legend>${companies.length > 1 ? 'Choose the company to connect' : 'Company'}</legend>${choices}</fieldset>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intuit sandbox — Connect ${escapeHtml(params.appName)}</title>
<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}label.company{display:block;margin:.4rem 0}button{margin-right:1rem;padding:.5rem 1.2rem}</style>
</head><body>
<h1>Connect ${escapeHtml(params.appName)} to QuickBooks</h1>
<p>${escapeHtml(params.appName)} wants access to: <code>${escapeHtml(params.scope)}</code></p>
<form method="post" action="/oauth2/v1/authorize">
${hidden('client_id', params.clientId)}${hidden('redirect_uri', params.redirectUri)}${hidden('scope', params.scope)}${hidden('state', params.state)}
${body}
<button type="submit" name="decision" value="allow" id="connect"${companies.length === 0 ? ' disabled' : ''}>Connect</button>
<button type="submit" name="decision" value="deny" id="cancel">Cancel</button>
</form></body></html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intuit sandbox — error</title></head><body><h1>Something went wrong</h1><p id="error">${escapeHtml(message)}</p></body></html>`;
}
