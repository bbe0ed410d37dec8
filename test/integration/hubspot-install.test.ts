/** R1 end to end against the HubSpot emulator: install, reinstall, and every way the hand-off can fail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstallation, getInstallationTokens } from '../../backend/src/db/installations.ts';
import { driveHubSpotInstall } from '../../backend/sandbox/demo/consent-driver.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const PORTAL = 51_000_001;

function expectFriendlyPage(body: string): void {
  expect(body).toContain('<!doctype html>');
  expect(body).not.toMatch(/node_modules|\n\s+at .+\(|Error:/);
}

describe('HubSpot install flow', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(async () => h.close());

  it('install → tokens stored sealed → the user lands on the app settings page in HubSpot', async () => {
    const result = await h.install(PORTAL);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`${h.hubspot.baseUrl}/integrations-settings/${PORTAL}/installed/framework/${h.apps.hubspot.appId}/general-settings`);
    const settings = await fetch(result.location!);
    expect(await settings.text()).toContain('Installed');

    const row = await h.db.db('hubspot_installations').where({ portal_id: PORTAL }).first();
    expect(row.status).toBe('active');
    expect(row.scopes).toContain('crm.objects.contacts.write');
    expect(row.token_key_id).toBe(h.ctx.cipher.currentKeyId);
    const tokens = await getInstallationTokens(h.db.db, h.ctx.cipher, PORTAL);
    expect(row.access_token_sealed).not.toContain(tokens!.accessToken);
    expect(row.refresh_token_sealed).not.toContain(tokens!.refreshToken);
    // the stored token is the one HubSpot issued: it works against the API
    const me = await fetch(`${h.hubspot.baseUrl}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${tokens!.accessToken}` } });
    expect(me.status).toBe(200);
  });

  it('a reinstall updates the same account, never a second row', async () => {
    const before = await getInstallationTokens(h.db.db, h.ctx.cipher, PORTAL);
    expect((await h.install(PORTAL)).status).toBe(302);
    const rows = await h.db.db('hubspot_installations').where({ portal_id: PORTAL });
    expect(rows).toHaveLength(1);
    const after = await getInstallationTokens(h.db.db, h.ctx.cipher, PORTAL);
    expect(after!.accessToken).not.toBe(before!.accessToken);
  });

  it('declining on the consent page lands on our page, installs nothing', async () => {
    h.hubspot.state.createAccount(PORTAL + 1);
    const result = await driveHubSpotInstall(`${h.url}/oauth/hubspot/install`, PORTAL + 1, 'deny');
    expect(result.status).toBe(400);
    expect(result.body).toContain('access was declined');
    expect(result.body).toContain('install_declined');
    expectFriendlyPage(result.body);
    expect(await getInstallation(h.db.db, PORTAL + 1)).toBeUndefined();
  });

  it('refuses a callback from another browser (no cookie)', async () => {
    const result = await driveHubSpotInstall(`${h.url}/oauth/hubspot/install`, PORTAL, 'allow', { cookie: 'hqs_oauth=someone-else' });
    expect(result.status).toBe(400);
    expect(result.body).toContain('state_wrong_browser');
    expectFriendlyPage(result.body);
  });

  it('refuses a state that was used already (replayed callback) and a code used twice', async () => {
    const first = await h.install(PORTAL);
    expect(first.status).toBe(302);
    const cookie = 'hqs_oauth=replayed';
    const replay = await fetch(first.callbackUrl, { redirect: 'manual', headers: { cookie } });
    const body = await replay.text();
    expect(replay.status).toBe(400);
    expect(body).toContain('state_used');
    expectFriendlyPage(body);

    // a fresh state and browser, but the old (already exchanged) code
    const start = await fetch(`${h.url}/oauth/hubspot/install`, { redirect: 'manual' });
    const freshState = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const freshCookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const oldCode = new URL(first.callbackUrl).searchParams.get('code')!;
    const reused = await fetch(`${h.url}/oauth/hubspot/callback?code=${oldCode}&state=${freshState}`, { redirect: 'manual', headers: { cookie: freshCookie } });
    const reusedBody = await reused.text();
    expect(reused.status).toBe(400);
    expect(reusedBody).toContain('code_rejected');
    expectFriendlyPage(reusedBody);
  });

  it('refuses an expired state and an unknown one', async () => {
    const start = await fetch(`${h.url}/oauth/hubspot/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    await h.db.db('oauth_states').update({ expires_at: h.db.db.raw(`now() - interval '1 minute'`) }).whereNull('used_at');
    const expired = await fetch(`${h.url}/oauth/hubspot/callback?code=x&state=${state}`, { redirect: 'manual', headers: { cookie } });
    expect(await expired.text()).toContain('state_expired');

    const unknown = await fetch(`${h.url}/oauth/hubspot/callback?code=x&state=forged`, { redirect: 'manual', headers: { cookie } });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('state_unknown');

    const incomplete = await fetch(`${h.url}/oauth/hubspot/callback`, { redirect: 'manual' });
    expect(await incomplete.text()).toContain('invalid_callback');
  });
});
