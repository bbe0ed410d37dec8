/**
 * Lifecycle through the emulator: a GDPR deletion (a webhook) removes our copies of the contact;
 * uninstalling (reported by the webhooks journal) deletes tokens at once, stops the account's work, and the data is purged
 * only after the retention period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInstallation } from '../../backend/src/db/installations.ts';
import { getQboConnection } from '../../backend/src/db/qbo-connections.ts';
import { insertSyncRecord } from '../../backend/src/db/sync-records.ts';
import { appendActivity } from '../../backend/src/db/sync-activity.ts';
import { pollLifecycleJournal } from '../../backend/src/connections/lifecycle-journal.ts';
import { purgeUninstalledAccountsJob } from '../../backend/src/jobs/handlers/purge-uninstalled-accounts.ts';
import { startAppHarness, eventually, type AppHarness } from '../helpers/app-harness.ts';

const PORTAL = 55_000_001;
const REALM = '7500001';

describe('lifecycle webhooks', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({ UNINSTALL_RETENTION_DAYS: '30' });
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
  });
  afterAll(async () => h.close());

  it('privacy deletion of a contact removes our copies (link, snapshots, activity)', async () => {
    const created = await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/objects/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { email: 'forget.me@example.com', firstname: 'Forget' } }),
    });
    const contact = (await created.json()) as { id: string };
    const kept = await insertSyncRecord(h.db.db, { portal_id: PORTAL, object_type: 'contacts', hubspot_id: '999999', state: 'synced', email: 'keep@example.com' });
    const record = await insertSyncRecord(h.db.db, {
      portal_id: PORTAL,
      object_type: 'contacts',
      hubspot_id: contact.id,
      qbo_id: '58',
      state: 'synced',
      email: 'forget.me@example.com',
      hubspot_snapshot: { email: 'forget.me@example.com' },
    });
    await appendActivity(h.db.db, { portalId: PORTAL, recordId: record.id, objectType: 'contacts', action: 'create', direction: 'to_qbo', outcome: 'success' });

    const token = (await (await fetch(`${h.hubspot.baseUrl}/_sandbox/accounts/${PORTAL}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { access_token: string };
    const gdpr = await fetch(`${h.hubspot.baseUrl}/crm/v3/objects/contacts/gdpr-delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ objectId: contact.id }),
    });
    expect(gdpr.status).toBe(204);
    await eventually(async () => (await h.db.db('sync_records').where({ id: record.id }).first()) === undefined);
    expect(await h.db.db('sync_activity').where({ record_id: record.id })).toEqual([]);
    expect(await h.db.db('sync_records').where({ id: kept.id }).first()).toBeTruthy();
    const inbox = await h.db.db('webhook_inbox').where({ portal_id: PORTAL, source: 'hubspot' }).whereNotNull('processed_at');
    expect(inbox.length).toBeGreaterThan(0);
  });

  it('uninstall: the webhooks journal tells us, tokens are deleted, QuickBooks revoked, data kept until purge', async () => {
    await h.ctx.queue.send('webhooks.process', { portalId: PORTAL, source: 'quickbooks' }, { startAfterSeconds: 3600 });
    await eventually(async () => (h.hubspot.state.journal.subscriptions.get(h.apps.hubspot.appId)?.length ?? 0) > 0); // made at install
    expect(h.hubspot.state.uninstall(PORTAL, h.apps.hubspot.appId)).toBe(true);
    await pollLifecycleJournal(h.ctx); // the scheduled poll (every minute)
    const installation = await eventually(async () => {
      const i = await getInstallation(h.db.db, PORTAL);
      return i?.status === 'uninstalled' ? i : undefined;
    });
    expect(installation.uninstalledAt).toBeTruthy();
    const row = await h.db.db('hubspot_installations').where({ portal_id: PORTAL }).first();
    expect(row).toMatchObject({ access_token_sealed: null, refresh_token_sealed: null });
    expect(await getQboConnection(h.db.db, PORTAL)).toMatchObject({ status: 'disconnected' });
    expect([...h.qbo.state.grants.values()].filter((g) => g.realmId === REALM && !g.revoked)).toEqual([]);
    const queued = await h.db.db.raw<{ rows: Array<{ state: string }> }>(`select state from pgboss.job where name = 'webhooks.process' and data->>'portalId' = ? and state <> 'completed'`, [String(PORTAL)]);
    expect(queued.rows.map((r) => r.state)).toEqual(['cancelled']);
    // signed UI calls for the account are refused from now on
    expect((await h.signedFetch('/api/v1/connection', PORTAL)).status).toBe(403);

    // the retention period has not passed: the purge keeps everything
    await purgeUninstalledAccountsJob.handle(h.ctx, {});
    expect(await h.db.db('sync_records').where({ portal_id: PORTAL })).toHaveLength(1);
    // once it has, the account and everything it owns are deleted
    await h.db.db('hubspot_installations').where({ portal_id: PORTAL }).update({ purge_after: h.db.db.raw(`now() - interval '1 second'`) });
    await purgeUninstalledAccountsJob.handle(h.ctx, {});
    expect(await getInstallation(h.db.db, PORTAL)).toBeUndefined();
    for (const table of ['sync_records', 'qbo_connections', 'webhook_inbox']) expect(await h.db.db(table).where({ portal_id: PORTAL })).toEqual([]);
  });

  it('installing again after the purge starts afresh', async () => {
    expect((await h.install(PORTAL)).status).toBe(302);
    expect(await getInstallation(h.db.db, PORTAL)).toMatchObject({ status: 'active', uninstalledAt: null });
  });
});
