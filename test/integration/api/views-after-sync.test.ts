/**
 * The views over records written by the real contacts sync (not seeded rows): the object view's
 * counts and reasons, the record view's failed record with its activity, and a retry that reaches
 * the engine again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, eventually, type AppHarness } from '../../helpers/app-harness.ts';
import { hubspotUser, qboUser } from '../../helpers/vendor-data.ts';
import { defaultContactMappings } from '@quickbooks-sync/contract/definitions';
import { activityResponseSchema, connectionStatusSchema, exportJobViewSchema, objectViewResponseSchema, recordListResponseSchema, syncListResponseSchema } from '@quickbooks-sync/contract';

const PORTAL = 58_300_001;
const REALM = '7830001';

describe('views after a real contacts sync', () => {
  let h: AppHarness;
  const get = async (path: string) => {
    const res = await h.signedFetch(path, PORTAL);
    expect(res.status).toBe(200);
    return res.json() as Promise<unknown>;
  };

  beforeAll(async () => {
    h = await startAppHarness();
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
    const hs = hubspotUser(h, PORTAL);
    const qb = await qboUser(h, REALM);
    const acme = await hs.create('companies', { name: 'Acme Anvils' });
    // Two contacts of one company: the second customer cannot take the same display name (R14), so it fails.
    for (const [first, mail] of [['Ann', 'ann@anvils.test'], ['Amy', 'amy@anvils.test']] as const) {
      const contact = await hs.create('contacts', { email: mail, firstname: first, lastname: 'Anvil' });
      await hs.associate('contacts', contact.id, 'companies', acme.id, [1]);
    }
    await hs.create('contacts', { firstname: 'No', lastname: 'Mail' });
    await qb.create('Customer', { DisplayName: 'Cat Customer', PrimaryEmailAddr: { Address: 'cat@qbo.test' } });
    const res = await h.signedFetch('/api/v1/syncs/contacts', PORTAL, {
      method: 'PUT',
      body: { direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: defaultContactMappings(), filters: { toQbo: [], toHubSpot: [] }, options: {} },
    });
    expect(res.status).toBe(200);
    await eventually(async () => {
      const runs = await h.db.db('sync_runs').where({ portal_id: PORTAL, trigger: 'first_sync', status: 'succeeded' });
      return runs.length > 0 ? runs : undefined;
    }, 60_000);
  });
  afterAll(async () => h.close());

  it('the existing settings routes answer what the shared contract says', async () => {
    const syncs = syncListResponseSchema.parse(await get('/api/v1/syncs'));
    expect(syncs.syncs).toEqual([expect.objectContaining({ objectType: 'contacts', status: 'enabled', counts: { synced: 2, failed: 1, excluded: 1, pending: 0 } })]);
    const connection = connectionStatusSchema.parse(await get('/api/v1/connection'));
    expect(connection.quickbooks).toMatchObject({ status: 'connected', realmId: REALM });
  });

  it('the object view counts what the engine recorded, with reasons', async () => {
    const view = objectViewResponseSchema.parse(await get('/api/v1/object-view?objectType=contacts'));
    expect(view.objects).toEqual([
      {
        objectType: 'contacts',
        syncStatus: 'enabled',
        counts: { synced: 2, failed: 1, excluded: 1, pending: 0 },
        total: 4,
        reasons: [
          { state: 'failed', reasonCode: 'display_name_taken', label: 'Display name already used in QuickBooks', count: 1 },
          { state: 'excluded', reasonCode: 'no_match_key', label: 'No e-mail (or SKU) to match on', count: 1 },
        ],
      },
    ]);
  });

  it('the failed record shows its reason and activity, and a retry runs its pass again', async () => {
    const failed = recordListResponseSchema.parse(await get('/api/v1/records?state=failed'));
    expect(failed.records).toHaveLength(1);
    const record = failed.records[0]!;
    expect(record).toMatchObject({ objectType: 'contacts', reasonCode: 'display_name_taken', retryable: true, qboId: null });
    expect(record.message).toContain('Acme Anvils');
    const activity = activityResponseSchema.parse(await get(`/api/v1/records/${record.id}/activity`));
    expect(activity.entries.map((e) => [e.action, e.direction, e.outcome])).toEqual([['fail', 'to_qbo', 'failure']]);

    const attemptsBefore = (await h.db.db('sync_records').where({ id: record.id }).first()).attempts as number;
    const retry = await h.signedFetch(`/api/v1/records/${record.id}/retry`, PORTAL, { method: 'POST' });
    expect(retry.status).toBe(202);
    // The engine ran the record again (same clash, so still failed, one more attempt).
    await eventually(async () => ((await h.db.db('sync_records').where({ id: record.id }).first()).attempts > attemptsBefore ? true : undefined), 30_000);
    const after = activityResponseSchema.parse(await get(`/api/v1/records/${record.id}/activity`));
    expect(after.entries[0]).toMatchObject({ action: 'retry', direction: 'to_qbo' });
  });

  it('exports the synced records without SMTP: the link is announced in the app only, said once in the log', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await h.signedFetch('/api/v1/exports?userEmail=someone%40anvils.test', PORTAL, { method: 'POST', body: { format: 'csv', filters: { objectType: 'contacts', state: 'synced' } } });
      expect(res.status).toBe(202);
      const { id } = exportJobViewSchema.parse(await res.json());
      const done = await eventually(async () => {
        const view = exportJobViewSchema.parse(await get(`/api/v1/exports/${id}`));
        return view.status === 'succeeded' ? view : undefined;
      });
      expect(done.rowCount).toBe(2);
      const csv = await (await fetch(done.downloadUrl!)).text();
      expect(csv).toContain('cat@qbo.test');
    }
    expect(h.logs().match(/SMTP_URL is not set/g)).toHaveLength(1);
  });
});
