/** The UI's backend origin must be one HubSpot's fetch proxy allows, or every call is refused in production. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BACKEND_BASE_URL } from '@quickbooks-sync/ui-shared/backend-url.ts';
import { apiUrl } from '@quickbooks-sync/ui-shared/api-client.ts';

it('BACKEND_BASE_URL is listed in app-hsmeta.json permittedUrls.fetch', () => {
  const app = JSON.parse(readFileSync(new URL('../../app/app/app-hsmeta.json', import.meta.url), 'utf8')) as { config: { permittedUrls: { fetch: string[] } } };
  expect(app.config.permittedUrls.fetch).toContain(BACKEND_BASE_URL);
});

it('apiUrl puts the account in the (signed) query and drops empty filters', () => {
  expect(apiUrl(42, '/records', { state: 'failed', q: '', objectType: ['contacts', 'products'], cursor: undefined })).toBe(
    `${BACKEND_BASE_URL}/api/v1/records?state=failed&objectType=contacts&objectType=products&portalId=42`,
  );
});
