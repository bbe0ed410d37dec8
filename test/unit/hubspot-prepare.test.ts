/** npm run hubspot:prepare: the public origin lands in the project files HubSpot reads, and only there; bad origins are refused. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_FILES, PrepareError, prepareProject, publicOrigin } from '../../backend/src/hubspot-project/prepare.ts';

const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function projectCopy(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'hubspot-prepare-'));
  for (const file of Object.values(PROJECT_FILES)) cpSync(path.join(repo, file), path.join(dir, file));
  return dir;
}
const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('hubspot:prepare', () => {
  it('writes the redirect URL, the fetch origin, the webhook target and the UI backend origin, and nothing else', () => {
    projectCopy();
    const before = { app: JSON.parse(read(PROJECT_FILES.app)), hooks: JSON.parse(read(PROJECT_FILES.webhooks)) };
    prepareProject(dir, 'https://qb.acme.test');
    const app = JSON.parse(read(PROJECT_FILES.app));
    const hooks = JSON.parse(read(PROJECT_FILES.webhooks));
    expect(app.config.auth.redirectUrls).toEqual(['https://qb.acme.test/oauth/hubspot/callback']);
    expect(app.config.permittedUrls.fetch).toEqual(['https://qb.acme.test']);
    expect(hooks.config.settings.targetUrl).toBe('https://qb.acme.test/webhooks/hubspot');
    expect(read(PROJECT_FILES.backendUrl)).toContain("export const BACKEND_BASE_URL = 'https://qb.acme.test';");
    // Everything else is as it was (scopes, subscriptions, settings).
    expect({ ...app.config, auth: { ...app.config.auth, redirectUrls: [] }, permittedUrls: { ...app.config.permittedUrls, fetch: [] } }).toEqual({
      ...before.app.config,
      auth: { ...before.app.config.auth, redirectUrls: [] },
      permittedUrls: { ...before.app.config.permittedUrls, fetch: [] },
    });
    expect(hooks.config.subscriptions).toEqual(before.hooks.config.subscriptions);
    expect(hooks.config.settings.maxConcurrentRequests).toBe(before.hooks.config.settings.maxConcurrentRequests);
  });

  it('can be run again with another origin (it replaces, never appends); a trailing slash is fine', () => {
    projectCopy();
    prepareProject(dir, 'https://one.acme.test');
    prepareProject(dir, 'https://two.acme.test:8443/');
    expect(JSON.parse(read(PROJECT_FILES.app)).config.permittedUrls.fetch).toEqual(['https://two.acme.test:8443']);
    expect(read(PROJECT_FILES.backendUrl)).not.toContain('one.acme.test');
  });

  it.each([
    [undefined, /not set/],
    ['  ', /not set/],
    ['sync.acme.test', /not a URL/],
    ['http://sync.acme.test', /must use https/],
    ['https://localhost:3000', /cannot be localhost/],
    ['https://127.0.0.1', /cannot be localhost/],
    ['https://sync.acme.test/app', /origin only.*https:\/\/sync\.acme\.test/],
    ['https://sync.acme.test/?x=1', /origin only/],
    ['https://user:pw@sync.acme.test', /user name or password/],
  ])('refuses %j and changes no file', (value, message) => {
    projectCopy();
    const before = Object.values(PROJECT_FILES).map(read);
    expect(() => prepareProject(dir, value)).toThrow(PrepareError);
    expect(() => publicOrigin(value)).toThrow(message);
    expect(Object.values(PROJECT_FILES).map(read)).toEqual(before);
  });
});
