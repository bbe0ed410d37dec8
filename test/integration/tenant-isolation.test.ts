/**
 * Tenant isolation at the data-access layer: every read scoped to account A returns only A's rows,
 * and the schema itself refuses a row of A that points at B's record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenCipher } from '../../backend/src/crypto/token-cipher.ts';
import { getInstallation, getInstallationTokens, upsertInstallation } from '../../backend/src/db/installations.ts';
import { getQboConnection, getQboTokens, saveQboConnection } from '../../backend/src/db/qbo-connections.ts';
import { createSyncDefinition, getSyncDefinition, listSyncDefinitions, updateSyncDefinition } from '../../backend/src/db/sync-definitions.ts';
import { countSyncRecordsByState, getSyncRecord, insertSyncRecord, listSyncRecords, updateSyncRecord } from '../../backend/src/db/sync-records.ts';
import { appendActivity, listActivity } from '../../backend/src/db/sync-activity.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const A = 1001;
const B = 2002;
const cipher = new TokenCipher({ id: 'k1', key: Buffer.alloc(32, 3) });
const tokens = (s: string) => ({ accessToken: `at-${s}`, refreshToken: `rt-${s}`, expiresAt: new Date(Date.now() + 1_800_000) });

describe('tenant isolation', () => {
  let t: TestDatabase;
  let recordOfB: number;

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const portalId of [A, B]) {
      await upsertInstallation(t.db, cipher, { portalId, scopes: ['crm.objects.contacts.read'], tokens: tokens(String(portalId)) });
      await saveQboConnection(t.db, cipher, {
        portalId,
        realmId: `realm-${portalId}`,
        environment: 'sandbox',
        companyName: `Company ${portalId}`,
        country: 'US',
        homeCurrency: 'USD',
        preferences: {},
        tokens: { ...tokens(`qbo-${portalId}`), refreshTokenExpiresAt: new Date(Date.now() + 8_640_000_000) },
      });
      await createSyncDefinition(t.db, {
        portalId,
        objectType: 'contacts',
        direction: 'two_way',
        conflictWinner: 'hubspot',
        fieldMappings: [],
        filters: {},
        setupDate: new Date(),
      });
      for (let i = 0; i < 3; i++) {
        const record = await insertSyncRecord(t.db, {
          portal_id: portalId,
          object_type: 'contacts',
          hubspot_id: `${portalId}-${i}`,
          state: i === 0 ? 'failed' : 'synced',
          display_name: `Shared Name ${i}`,
        });
        await appendActivity(t.db, { portalId, recordId: record.id, objectType: 'contacts', action: 'create', direction: 'to_qbo', outcome: 'success' });
        if (portalId === B) recordOfB = record.id;
      }
    }
  });
  afterAll(async () => t.drop());

  it('lists and counts only the account’s own records', async () => {
    const page = await listSyncRecords(t.db, A, { limit: 100, search: 'shared name' });
    expect(page).toHaveLength(3);
    expect(page.every((r) => r.portal_id === A)).toBe(true);
    const counts = await countSyncRecordsByState(t.db, A);
    expect(counts.contacts).toEqual({ pending: 0, synced: 2, failed: 1, excluded: 0 });
  });

  it('cannot read or change another account’s record by id', async () => {
    expect(await getSyncRecord(t.db, A, recordOfB)).toBeUndefined();
    expect(await updateSyncRecord(t.db, A, recordOfB, { state: 'excluded' })).toBeUndefined();
    expect((await getSyncRecord(t.db, B, recordOfB))?.state).toBe('synced');
    expect(await listActivity(t.db, A, recordOfB, { limit: 10 })).toEqual([]);
    expect(await listActivity(t.db, B, recordOfB, { limit: 10 })).toHaveLength(1);
  });

  it('scopes definitions, connections and tokens', async () => {
    const defsA = await listSyncDefinitions(t.db, A);
    expect(defsA.map((d) => d.portal_id)).toEqual([A]);
    const defB = await getSyncDefinition(t.db, B, 'contacts');
    expect(await updateSyncDefinition(t.db, A, defB!.id, { status: 'disabled' })).toBeUndefined();
    expect((await getSyncDefinition(t.db, B, 'contacts'))?.status).toBe('enabled');
    expect((await getQboConnection(t.db, A))?.realmId).toBe(`realm-${A}`);
    expect((await getInstallationTokens(t.db, cipher, A))?.refreshToken).toBe(`rt-${A}`);
    expect((await getQboTokens(t.db, cipher, B))?.accessToken).toBe(`at-qbo-${B}`);
  });

  it('a sealed token copied into another account’s row does not open', async () => {
    const sealedOfB = await t.db('hubspot_installations').where({ portal_id: B }).first<{ refresh_token_sealed: string } | undefined>('refresh_token_sealed');
    await t.db('hubspot_installations').where({ portal_id: A }).update({ refresh_token_sealed: sealedOfB!.refresh_token_sealed });
    await expect(getInstallationTokens(t.db, cipher, A)).rejects.toThrow(/failed authentication/);
    await upsertInstallation(t.db, cipher, { portalId: A, scopes: [], tokens: tokens(String(A)) });
    expect((await getInstallation(t.db, A))?.status).toBe('active');
  });

  it('the schema refuses an activity row of A pointing at B’s record', async () => {
    await expect(
      appendActivity(t.db, { portalId: A, recordId: recordOfB, objectType: 'contacts', action: 'update', direction: 'to_qbo', outcome: 'success' }),
    ).rejects.toThrow(/foreign key/);
  });

  it('the activity log is append-only', async () => {
    await expect(t.db('sync_activity').where({ portal_id: A }).update({ message: 'rewritten' })).rejects.toThrow(/append-only/);
  });

  it('a realm belongs to one account at a time', async () => {
    await expect(
      saveQboConnection(t.db, cipher, {
        portalId: A,
        realmId: `realm-${B}`,
        environment: 'sandbox',
        companyName: null,
        country: null,
        homeCurrency: null,
        preferences: {},
        tokens: { ...tokens('x'), refreshTokenExpiresAt: new Date() },
      }),
    ).rejects.toThrow(/qbo_connections_live_realm_uidx/);
  });
});
