/**
 * `npm run hubspot:prepare`: writes the service's public origin into the HubSpot project files before
 * `hs project upload` — the OAuth redirect URL (app-hsmeta.json `auth.redirectUrls`), the origin the
 * UI may call (`permittedUrls.fetch`), the webhook target (webhooks-hsmeta.json `settings.targetUrl`)
 * and the origin the settings page and cards send their requests to (ui-shared `backend-url.ts`).
 *
 * Only those values change; each file keeps its formatting. HubSpot refuses a fetch origin that is
 * not HTTPS or is localhost, and calls webhooks and redirects only over HTTPS, so anything else is
 * refused here rather than at upload or, worse, at the first install.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HUBSPOT_CALLBACK_PATH } from '../connections/config.ts';
import { HUBSPOT_WEBHOOK_PATH } from '../http/routes/webhooks/hubspot.ts';

export const PROJECT_FILES = {
  app: 'app/app/app-hsmeta.json',
  webhooks: 'app/app/webhooks/webhooks-hsmeta.json',
  backendUrl: 'app/app/packages/ui-shared/src/backend-url.ts',
} as const;

export class PrepareError extends Error {}

/** The origin (scheme://host[:port]) of a public HTTPS base URL, or a PrepareError saying what is wrong. */
export function publicOrigin(value: string | undefined): string {
  if (!value?.trim()) throw new PrepareError('PUBLIC_BASE_URL is not set: give the HTTPS origin HubSpot reaches this service at, e.g. PUBLIC_BASE_URL=https://sync.example.org npm run hubspot:prepare');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PrepareError(`PUBLIC_BASE_URL "${value}" is not a URL (expected e.g. https://sync.example.org)`);
  }
  if (url.protocol !== 'https:') throw new PrepareError(`PUBLIC_BASE_URL must use https (HubSpot calls and redirects only over HTTPS), not ${url.protocol.replace(':', '')}`);
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost')) {
    throw new PrepareError('PUBLIC_BASE_URL cannot be localhost: HubSpot refuses it in permittedUrls.fetch (for local development use hs project dev with local.json, see the README)');
  }
  if (url.username || url.password) throw new PrepareError('PUBLIC_BASE_URL must not carry a user name or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new PrepareError(`PUBLIC_BASE_URL must be an origin only (the service serves from its root): use ${url.origin}`);
  }
  return url.origin;
}

/** Replaces the JSON value after `"key":` (a string or a flat array), leaving the rest of the file as it is. */
function replaceJsonValue(text: string, key: string, value: string | string[], file: string): string {
  const pattern = new RegExp(`("${key}"\\s*:\\s*)(\\[[^\\]]*\\]|"(?:[^"\\\\]|\\\\.)*")`);
  if (!pattern.test(text)) throw new PrepareError(`${file}: no "${key}" to set`);
  return text.replace(pattern, (_match, prefix: string) => `${prefix}${Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value)}`);
}

export interface PreparedValues {
  redirectUrl: string;
  fetchOrigin: string;
  webhookTargetUrl: string;
}

/** Writes the origin into the project under `projectDir`; returns the values written. */
export function prepareProject(projectDir: string, baseUrl: string | undefined): PreparedValues {
  const origin = publicOrigin(baseUrl);
  const values: PreparedValues = { redirectUrl: `${origin}${HUBSPOT_CALLBACK_PATH}`, fetchOrigin: origin, webhookTargetUrl: `${origin}${HUBSPOT_WEBHOOK_PATH}` };
  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(projectDir, file);
    writeFileSync(full, change(readFileSync(full, 'utf8')));
  };
  edit(PROJECT_FILES.app, (text) => replaceJsonValue(replaceJsonValue(text, 'redirectUrls', [values.redirectUrl], PROJECT_FILES.app), 'fetch', [values.fetchOrigin], PROJECT_FILES.app));
  edit(PROJECT_FILES.webhooks, (text) => replaceJsonValue(text, 'targetUrl', values.webhookTargetUrl, PROJECT_FILES.webhooks));
  edit(PROJECT_FILES.backendUrl, (text) => {
    const pattern = /(export const BACKEND_BASE_URL = )'[^']*';/;
    if (!pattern.test(text)) throw new PrepareError(`${PROJECT_FILES.backendUrl}: no BACKEND_BASE_URL to set`);
    return text.replace(pattern, `$1'${origin}';`);
  });

  // Read back what HubSpot will read: the edits must have landed where intended.
  const app = JSON.parse(readFileSync(path.join(projectDir, PROJECT_FILES.app), 'utf8')) as { config: { auth: { redirectUrls: string[] }; permittedUrls: { fetch: string[] } } };
  const hooks = JSON.parse(readFileSync(path.join(projectDir, PROJECT_FILES.webhooks), 'utf8')) as { config: { settings: { targetUrl: string } } };
  if (app.config.auth.redirectUrls.join() !== values.redirectUrl || app.config.permittedUrls.fetch.join() !== origin || hooks.config.settings.targetUrl !== values.webhookTargetUrl) {
    throw new PrepareError('the project files did not take the new URLs (their layout changed?): check app-hsmeta.json and webhooks-hsmeta.json by hand');
  }
  return values;
}
