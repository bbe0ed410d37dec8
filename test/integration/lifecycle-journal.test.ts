/**
 * Uninstall through what HubSpot really offers: the app's webhooks journal (APP_LIFECYCLE_EVENT),
 * read by a scheduled poll with a stored cursor, against the emulator's strict journal API
 * (client-credentials token, subscription, journal entries behind short-lived URLs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstallation } from '../../backend/src/db/installations.ts';
import { getQboConnection } from '../../backend/src/db/qbo-connections.ts';
import { getLifecycleJournalState } from '../../backend/src/db/lifecycle-journal.ts';
import { pollLifecycleJournal } from '../../backend/src/connections/lifecycle-journal.ts';
import { pollLifecycleJournalJob } from '../../backend/src/jobs/handlers/poll-lifecycle-journal.ts';
import { HubSpotAppJournal } from '../../backend/src/vendors/hubspot/app-journal.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const A = 56_000_001;
const B = 56_000_002;
const C = 56_000_003;

describe('uninstall through the HubSpot webhooks journal', () => {
  let h: AppHarness;
  const appId = () => h.apps.hubspot.appId;
  const journal = () => h.hubspot.state.journal;
  const clientId = () => h.ctx.env.HUBSPOT_CLIENT_ID!;

  beforeAll(async () => {
    // No worker: the test runs each poll itself, so nothing else moves the cursor in between.
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
    for (const [portal, realm] of [[A, '7600001'], [B, '7600002'], [C, '7600003']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm)).status).toBe(200);
    }
  });
  afterAll(async () => h.close());

  it('the install subscribes the app to uninstall events with a client-credentials token (once)', async () => {
    const queued = await h.db.db.raw<{ rows: { data: { ensureSubscription?: boolean } }[] }>(`select data from pgboss.job where name = 'hubspot.lifecycle-journal' and state = 'created'`);
    expect(queued.rows.length).toBeGreaterThan(0);
    expect(queued.rows.map((r) => r.data).every((d) => d.ensureSubscription === true)).toBe(true);
    await pollLifecycleJournalJob.handle(h.ctx, { ensureSubscription: true });
    await pollLifecycleJournalJob.handle(h.ctx, { ensureSubscription: true });
    expect(journal().subscriptions.get(appId())).toEqual([expect.objectContaining({ subscriptionType: 'APP_LIFECYCLE_EVENT', eventTypeId: '4-1916193' })]);
    expect((await getLifecycleJournalState(h.db.db, clientId())).subscriptionId).toBe(journal().subscriptions.get(appId())![0]!.id);
    // The poll runs every minute: that is the interval within which an uninstall takes effect.
    expect(pollLifecycleJournalJob.schedule).toBe('* * * * *');
  });

  it('journal reports an uninstall → within one poll: tokens deleted, QuickBooks revoked, jobs cancelled; a duplicate entry is harmless', async () => {
    await h.ctx.queue.send('webhooks.process', { portalId: A, source: 'quickbooks' }, { startAfterSeconds: 3600 });
    expect(h.hubspot.state.uninstall(A, appId())).toBe(true);
    journal().record(appId(), A, 'APP_UNINSTALL'); // HubSpot writing the same event twice

    const result = await pollLifecycleJournal(h.ctx);
    expect(result.uninstalled).toEqual([A]);
    expect(await getInstallation(h.db.db, A)).toMatchObject({ status: 'uninstalled' });
    expect(await h.db.db('hubspot_installations').where({ portal_id: A }).first()).toMatchObject({ access_token_sealed: null, refresh_token_sealed: null });
    expect(await getQboConnection(h.db.db, A)).toMatchObject({ status: 'disconnected' });
    expect([...h.qbo.state.grants.values()].filter((g) => g.realmId === '7600001' && !g.revoked)).toEqual([]);
    const queued = await h.db.db.raw<{ rows: { state: string }[] }>(`select state from pgboss.job where name = 'webhooks.process' and data->>'portalId' = ? and state <> 'completed'`, [String(A)]);
    expect(queued.rows.map((r) => r.state)).toEqual(['cancelled']);
    // The other accounts are untouched, and the cursor stands on the last entry.
    expect(await getInstallation(h.db.db, B)).toMatchObject({ status: 'active' });
    const entries = journal().live(appId());
    expect((await getLifecycleJournalState(h.db.db, clientId())).offset).toBe(entries.at(-1)!.offset);
    // Nothing new: the next poll reads nothing.
    expect(await pollLifecycleJournal(h.ctx)).toMatchObject({ entries: 0, uninstalled: [] });
  });

  it('survives 429s from the journal API and resumes from the stored cursor after a restart', async () => {
    expect(h.hubspot.state.uninstall(B, appId())).toBe(true);
    journal().throttleBurst.set(appId(), 2);
    // A new client (a restarted process: no cached token) with only the database's cursor.
    const restarted = new HubSpotAppJournal({ apiBaseUrl: h.ctx.env.HUBSPOT_API_BASE_URL, clientId: clientId(), clientSecret: h.ctx.env.HUBSPOT_CLIENT_SECRET! }, { backoff: { baseMs: 50, capMs: 200 } });
    const { offset } = await getLifecycleJournalState(h.db.db, clientId());
    const read = await restarted.readAfter(offset);
    expect(journal().throttleBurst.get(appId())).toBe(0);
    expect(read).toMatchObject({ kind: 'entry', entry: { events: [expect.objectContaining({ action: 'APP_UNINSTALL', portalId: B })] } });

    const result = await pollLifecycleJournal(h.ctx);
    expect(result).toMatchObject({ entries: 1, uninstalled: [B] }); // only the entry after the cursor
    expect(await getInstallation(h.db.db, B)).toMatchObject({ status: 'uninstalled' });
  });

  it('an offset HubSpot no longer keeps restarts from the earliest entry; an uninstall older than a reinstall is ignored', async () => {
    expect((await h.install(A)).status).toBe(302); // A reinstalls after its uninstall
    journal().expireAll(appId()); // every entry (and our offset) is past the 3-day retention
    expect(h.hubspot.state.uninstall(C, appId())).toBe(true);
    // And an old uninstall of A shows up again (re-read): A's current installation is newer.
    journal().record(appId(), A, 'APP_UNINSTALL');
    journal().live(appId()).at(-1)!.events[0]!.occurredAt = new Date(Date.now() - 3_600_000).toISOString();

    const result = await pollLifecycleJournal(h.ctx);
    expect(result).toMatchObject({ restartedFromEarliest: true, uninstalled: [C] });
    expect(await getInstallation(h.db.db, A)).toMatchObject({ status: 'active' });
    expect(await getInstallation(h.db.db, C)).toMatchObject({ status: 'uninstalled' });
  });

  it('the journal refuses an account OAuth token, and a subscription body with fields HubSpot does not take', async () => {
    const token = (await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${B}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { access_token: string };
    const withAccountToken = await fetch(`${h.hubspot.baseUrl}/webhooks-journal/journal/2026-03/earliest`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(withAccountToken.status).toBe(403);
    const cc = await fetch(`${h.hubspot.baseUrl}/oauth/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId(), client_secret: h.ctx.env.HUBSPOT_CLIENT_SECRET!, scope: 'developer.webhooks_journal.subscriptions.write' }),
    });
    const { access_token } = (await cc.json()) as { access_token: string };
    const bad = await fetch(`${h.hubspot.baseUrl}/webhooks-journal/subscriptions/2026-03`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subscriptionType: 'APP_LIFECYCLE_EVENT', eventTypeId: '4-1916193', portalId: B, targetUrl: 'https://x.test' }),
    });
    expect(bad.status).toBe(400);
    const noReadScope = await fetch(`${h.hubspot.baseUrl}/webhooks-journal/journal/2026-03/earliest`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(noReadScope.status).toBe(403);
    const wrongScope = await fetch(`${h.hubspot.baseUrl}/oauth/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId(), client_secret: h.ctx.env.HUBSPOT_CLIENT_SECRET!, scope: 'crm.objects.contacts.read' }),
    });
    expect(wrongScope.status).toBe(400);
  });
});
