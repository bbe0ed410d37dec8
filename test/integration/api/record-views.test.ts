/**
 * The object view, record view, activity and retry endpoints against the real service (web only: no
 * worker, so a queued retry stays visible in the queue). Records are seeded through the db functions;
 * views-after-sync.test.ts covers records written by the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { insertSyncRecord, type NewSyncRecord } from '../../../backend/src/db/sync-records.ts';
import { appendActivity } from '../../../backend/src/db/sync-activity.ts';
import { qboAppBaseUrl } from '../../../backend/src/connections/config.ts';
import { createSyncDefinition, updateSyncDefinition } from '../../../backend/src/db/sync-definitions.ts';
import {
  activityResponseSchema,
  errorEnvelopeSchema,
  objectViewResponseSchema,
  recordListResponseSchema,
  recordResponseSchema,
  retryResponseSchema,
  type RecordListResponse,
  type RecordRow,
} from '@quickbooks-sync/contract';

const A = 58_100_001;
const B = 58_100_002;

describe('record views API', () => {
  let h: AppHarness;
  const ids: Record<string, number> = {};

  async function getJson(path: string, portalId = A) {
    const res = await h.signedFetch(path, portalId);
    return { status: res.status, body: (await res.json()) as unknown };
  }
  async function records(query: string, portalId = A): Promise<RecordListResponse> {
    const res = await getJson(`/api/v1/records${query}`, portalId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return recordListResponseSchema.parse(res.body);
  }
  async function expectInvalid(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) {
    const res = await h.signedFetch(path, A, { method, body });
    expect(res.status).toBe(400);
    const envelope = errorEnvelopeSchema.parse(await res.json());
    expect(envelope.error.code).toBe('invalid_request');
    return envelope;
  }

  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    for (const [portal, realm] of [[A, '7810001'], [B, '7810002']] as const) {
      expect((await h.install(portal)).status).toBe(302);
      expect((await h.connect(portal, realm)).status).toBe(200);
    }
    const db = h.db.db;
    await createSyncDefinition(db, { portalId: A, objectType: 'contacts', direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: [], filters: { toQbo: [], toHubSpot: [] }, setupDate: new Date() });
    const products = await createSyncDefinition(db, { portalId: A, objectType: 'products', direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: [], filters: { toQbo: [], toHubSpot: [] }, setupDate: new Date() });
    await updateSyncDefinition(db, A, products.id, { status: 'disabled' });

    const seed = async (key: string, record: NewSyncRecord) => {
      ids[key] = Number((await insertSyncRecord(db, record)).id);
    };
    // A: 20 synced contacts, 3 failed (2 display name, 1 ambiguous), 2 excluded, 1 pending; 2 products.
    for (let i = 0; i < 20; i++) {
      await seed(`synced${i}`, { portal_id: A, object_type: 'contacts', hubspot_id: String(1000 + i), qbo_id: String(500 + i), state: 'synced', origin: 'hubspot', display_name: `Person ${i}`, email: `p${i}@a.test`, last_direction: 'to_qbo', last_synced_at: new Date(Date.UTC(2026, 10, 1, 12, i)) });
    }
    await seed('failedName1', { portal_id: A, object_type: 'contacts', hubspot_id: '2001', state: 'failed', reason_code: 'display_name_taken', message: 'QuickBooks customer #9 already uses the display name “Acme”.', display_name: 'Acme Buyer', email: 'buyer@acme.test', origin: 'hubspot' });
    await seed('failedName2', { portal_id: A, object_type: 'contacts', hubspot_id: '2002', state: 'failed', reason_code: 'display_name_taken', message: 'x'.repeat(5_000), display_name: 'Acme Payer', email: 'payer@acme.test', origin: 'hubspot' });
    await seed('failedBoth', { portal_id: A, object_type: 'contacts', hubspot_id: '2003', qbo_id: '903', state: 'failed', reason_code: 'qbo_rejected', message: 'QuickBooks refused the update.', display_name: 'Both Sides', email: 'both@x.test', origin: 'hubspot' });
    await seed('excluded1', { portal_id: A, object_type: 'contacts', hubspot_id: '3001', state: 'excluded', reason_code: 'no_match_key', message: 'No e-mail.', display_name: 'No Mail' });
    await seed('excluded2', { portal_id: A, object_type: 'contacts', qbo_id: '3002', state: 'excluded', reason_code: 'filtered_out', message: 'Excluded by the sync filter: Active is false.', display_name: '100% Percent_Co', origin: 'quickbooks' });
    await seed('pending1', { portal_id: A, object_type: 'contacts', hubspot_id: '4001', state: 'pending', display_name: 'Waiting' });
    await seed('product1', { portal_id: A, object_type: 'products', hubspot_id: '5001', qbo_id: '71', state: 'synced', display_name: 'Widget' });
    await seed('product2', { portal_id: A, object_type: 'products', hubspot_id: '5002', state: 'failed', reason_code: 'sku_missing', message: 'No SKU.', display_name: 'Gadget' });
    // B: a record that shares A's name and ids, and a failed one.
    await seed('bShared', { portal_id: B, object_type: 'contacts', hubspot_id: '1000', qbo_id: '500', state: 'synced', display_name: 'Person 0', email: 'p0@a.test' });
    await seed('bFailed', { portal_id: B, object_type: 'contacts', hubspot_id: '2001', state: 'failed', reason_code: 'display_name_taken', message: 'B only', display_name: 'B Failed' });
    await createSyncDefinition(db, { portalId: B, objectType: 'contacts', direction: 'two_way', conflictWinner: 'hubspot', fieldMappings: [], filters: { toQbo: [], toHubSpot: [] }, setupDate: new Date() });

    // Activity of failedName1: 7 entries, 4 of them written in one statement (same occurred_at: the cursor must break ties by id).
    const entry = (i: number) => ({ portalId: A, recordId: ids.failedName1!, objectType: 'contacts' as const, action: 'fail' as const, direction: 'to_qbo' as const, outcome: 'failure' as const, reasonCode: 'display_name_taken', message: `attempt ${i}` });
    await appendActivity(db, entry(0));
    await appendActivity(db, entry(1));
    await appendActivity(db, entry(2));
    await appendActivity(db, [entry(3), entry(4), entry(5), entry(6)]);
    await appendActivity(db, { portalId: A, recordId: ids.synced0!, objectType: 'contacts', action: 'update', direction: 'to_qbo', outcome: 'success', details: { before: { notes: 'a'.repeat(20_000) }, after: { notes: 'b' } } });
    await appendActivity(db, { portalId: B, recordId: ids.bFailed!, objectType: 'contacts', action: 'fail', direction: 'to_qbo', outcome: 'failure', message: 'B only' });
  });
  afterAll(async () => h.close());

  describe('object view', () => {
    it('counts per object type and state, with per-reason counts and labels, for the signed account only', async () => {
      const res = await getJson('/api/v1/object-view');
      expect(res.status).toBe(200);
      const view = objectViewResponseSchema.parse(res.body);
      expect(view.objects.map((o) => o.objectType)).toEqual(['contacts', 'products', 'invoices', 'payments']);
      const [contacts, products, invoices] = view.objects;
      expect(contacts).toEqual({
        objectType: 'contacts',
        syncStatus: 'enabled',
        counts: { synced: 20, failed: 3, excluded: 2, pending: 1 },
        total: 26,
        reasons: [
          { state: 'failed', reasonCode: 'display_name_taken', label: 'Display name already used in QuickBooks', count: 2 },
          { state: 'excluded', reasonCode: 'filtered_out', label: 'Excluded by the sync filter', count: 1 },
          { state: 'excluded', reasonCode: 'no_match_key', label: 'No e-mail (or SKU) to match on', count: 1 },
          { state: 'failed', reasonCode: 'qbo_rejected', label: 'Refused by QuickBooks', count: 1 },
        ],
      });
      // A reason code without a label yet still reads as words.
      expect(products).toMatchObject({ syncStatus: 'disabled', total: 2, reasons: [{ reasonCode: 'sku_missing', label: 'Sku missing', count: 1 }] });
      expect(invoices).toMatchObject({ syncStatus: 'not_set_up', total: 0, reasons: [] });

      const b = objectViewResponseSchema.parse((await getJson('/api/v1/object-view', B)).body);
      expect(b.objects[0]!.counts).toEqual({ synced: 1, failed: 1, excluded: 0, pending: 0 });
    });

    it('narrows to one object type; rejects an unknown one with the 400 envelope', async () => {
      const view = objectViewResponseSchema.parse((await getJson('/api/v1/object-view?objectType=products')).body);
      expect(view.objects.map((o) => o.objectType)).toEqual(['products']);
      const bad = await expectInvalid('/api/v1/object-view?objectType=deals');
      expect(bad.error.details).toEqual([expect.objectContaining({ path: 'objectType' })]);
      await expectInvalid('/api/v1/object-view?colour=red');
    });
  });

  describe('record view', () => {
    it('lists newest first with every column, links, and a shortened long message', async () => {
      const page = await records('?limit=100');
      expect(page.nextCursor).toBeNull();
      expect(page.records).toHaveLength(28);
      expect(page.records.map((r) => r.id)).toEqual([...page.records.map((r) => r.id)].sort((x, y) => y - x));
      const synced0 = page.records.find((r) => r.id === ids.synced0)!;
      expect(synced0).toEqual<RecordRow>({
        id: ids.synced0!,
        objectType: 'contacts',
        displayName: 'Person 0',
        email: 'p0@a.test',
        hubspotId: '1000',
        qboId: '500',
        state: 'synced',
        reasonCode: null,
        reasonLabel: null,
        message: null,
        lastSyncedAt: '2026-11-01T12:00:00.000Z',
        lastAttemptAt: null,
        lastDirection: 'to_qbo',
        origin: 'hubspot',
        hubspotUrl: `${h.ctx.env.HUBSPOT_AUTH_BASE_URL}/contacts/${A}/record/0-1/1000`,
        qboUrl: `${qboAppBaseUrl(h.ctx.env)}/app/customerdetail?nameId=500`,
        retryable: false,
      });
      const long = page.records.find((r) => r.id === ids.failedName2)!;
      expect(long.message).toHaveLength(1_000);
      expect(long.retryable).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(100_000);
    });

    it('filters by object type, state, reason and text (name, e-mail, either id), never across accounts', async () => {
      const ofA = (page: RecordListResponse) => page.records.map((r) => r.id).sort((x, y) => x - y);
      expect(ofA(await records('?objectType=products'))).toEqual([ids.product1, ids.product2]);
      expect(ofA(await records('?objectType=products&state=&search=&reasonCode='))).toEqual([ids.product1, ids.product2]);
      expect(ofA(await records('?state=failed'))).toEqual([ids.failedName1, ids.failedName2, ids.failedBoth, ids.product2]);
      expect(ofA(await records('?objectType=contacts&state=failed&reasonCode=display_name_taken'))).toEqual([ids.failedName1, ids.failedName2]);
      expect(ofA(await records('?search=acme'))).toEqual([ids.failedName1, ids.failedName2]);
      expect(ofA(await records('?search=P0%40A.TEST'))).toEqual([ids.synced0]);
      expect(ofA(await records('?search=903'))).toEqual([ids.failedBoth]);
      expect(ofA(await records('?search=1000'))).toEqual([ids.synced0]);
      // LIKE wildcards in the search are literal characters.
      expect(ofA(await records('?search=100%25'))).toEqual([ids.excluded2]);
      expect(ofA(await records('?search=_'))).toEqual([ids.excluded2]);
      // B sees its own record with the same name and ids, never A's.
      expect((await records('?search=Person%200', B)).records.map((r) => r.id)).toEqual([ids.bShared]);
    });

    it('pages by cursor without gaps or duplicates, also while new records arrive', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: RecordListResponse = await records(`?objectType=contacts&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.records.length).toBeLessThanOrEqual(4);
        seen.push(...page.records.map((r) => r.id));
        cursor = page.nextCursor;
        if (pages++ === 1) await insertSyncRecord(h.db.db, { portal_id: A, object_type: 'contacts', hubspot_id: '9999', state: 'pending', display_name: 'Late arrival' });
      } while (cursor);
      expect(pages).toBe(7);
      expect(new Set(seen).size).toBe(seen.length);
      const contactIds = Object.entries(ids).filter(([k]) => !k.startsWith('product') && !k.startsWith('b')).map(([, id]) => id);
      expect([...seen].sort((x, y) => x - y)).toEqual(contactIds.sort((x, y) => x - y));
      expect(seen).toEqual([...seen].sort((x, y) => y - x));
    });

    it('rejects bad queries with the 400 envelope', async () => {
      await expectInvalid('/api/v1/records?limit=0');
      await expectInvalid('/api/v1/records?limit=101');
      await expectInvalid('/api/v1/records?limit=ten');
      await expectInvalid('/api/v1/records?state=broken');
      await expectInvalid('/api/v1/records?state=failed&state=synced');
      await expectInvalid('/api/v1/records?reasonCode=DROP%20TABLE');
      await expectInvalid('/api/v1/records?status=failed');
      const cursor = await expectInvalid('/api/v1/records?cursor=not-a-cursor');
      expect(cursor.error.details).toEqual([{ path: 'cursor', message: 'not a cursor this API issued' }]);
    });

    it('reads one record by id or by its HubSpot / QuickBooks id; another account’s is not found', async () => {
      const one = recordResponseSchema.parse((await getJson(`/api/v1/records/${ids.failedBoth}`)).body);
      expect(one.record).toMatchObject({ id: ids.failedBoth, state: 'failed', reasonLabel: 'Refused by QuickBooks', message: 'QuickBooks refused the update.' });
      const lookup = recordResponseSchema.parse((await getJson('/api/v1/records/lookup?objectType=contacts&hubspotId=2003')).body);
      expect(lookup.record?.id).toBe(ids.failedBoth);
      const byQbo = recordResponseSchema.parse((await getJson('/api/v1/records/lookup?objectType=contacts&qboId=903')).body);
      expect(byQbo.record?.id).toBe(ids.failedBoth);
      expect(recordResponseSchema.parse((await getJson('/api/v1/records/lookup?objectType=contacts&hubspotId=424242')).body)).toEqual({ record: null });
      await expectInvalid('/api/v1/records/lookup?objectType=contacts');

      const foreign = await getJson(`/api/v1/records/${ids.bFailed}`);
      expect(foreign.status).toBe(404);
      expect(errorEnvelopeSchema.parse(foreign.body).error.code).toBe('not_found');
      expect((await getJson('/api/v1/records/abc')).status).toBe(404);
    });
  });

  describe('activity', () => {
    it('pages a record’s activity newest first, ties broken by id, without gaps or duplicates', async () => {
      const messages: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await getJson(`/api/v1/records/${ids.failedName1}/activity?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        const page = activityResponseSchema.parse(res.body);
        messages.push(...page.entries.map((e) => e.message ?? ''));
        expect(page.entries.every((e) => e.summary === 'Could not sync to QuickBooks' && e.reasonLabel === 'Display name already used in QuickBooks')).toBe(true);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(messages).toEqual(['attempt 6', 'attempt 5', 'attempt 4', 'attempt 3', 'attempt 2', 'attempt 1', 'attempt 0']);
    });

    it('replaces oversized details, and hides another account’s activity', async () => {
      const page = activityResponseSchema.parse((await getJson(`/api/v1/records/${ids.synced0}/activity`)).body);
      expect(page.entries).toEqual([expect.objectContaining({ action: 'update', summary: 'Updated in QuickBooks', details: { truncated: true } })]);
      const foreign = await getJson(`/api/v1/records/${ids.bFailed}/activity`);
      expect(foreign.status).toBe(404);
      await expectInvalid(`/api/v1/records/${ids.synced0}/activity?limit=51`);
    });
  });

  describe('retry', () => {
    const queuedRecordJobs = async () =>
      (await h.db.db.raw<{ rows: Array<{ data: Record<string, unknown> }> }>(`select data from pgboss.job where name = 'sync.record' and state = 'created'`)).rows.map((r) => r.data);

    it('queues the failed record’s pass from the side its failure read, and notes it in the activity', async () => {
      const res = await h.signedFetch(`/api/v1/records/${ids.failedName1}/retry?userEmail=ann%40a.test`, A, { method: 'POST' });
      expect(res.status).toBe(202);
      expect(retryResponseSchema.parse(await res.json())).toEqual({ recordId: ids.failedName1, queued: true });
      expect(await queuedRecordJobs()).toContainEqual({ portalId: A, objectType: 'contacts', side: 'hubspot', id: '2001' });
      const activity = activityResponseSchema.parse((await getJson(`/api/v1/records/${ids.failedName1}/activity?limit=1`)).body);
      expect(activity.entries[0]).toMatchObject({ action: 'retry', summary: 'Retry requested', direction: 'to_qbo', message: 'Retry requested by ann@a.test.' });
    });

    it('answers 409 for a record that is not failed or whose sync is not enabled, 404 for another account’s', async () => {
      const synced = await h.signedFetch(`/api/v1/records/${ids.synced1}/retry`, A, { method: 'POST' });
      expect(synced.status).toBe(409);
      expect(errorEnvelopeSchema.parse(await synced.json()).error).toMatchObject({ code: 'conflict', details: { state: 'synced' } });
      const disabled = await h.signedFetch(`/api/v1/records/${ids.product2}/retry`, A, { method: 'POST' });
      expect(disabled.status).toBe(409);
      const before = (await queuedRecordJobs()).length;
      const foreign = await h.signedFetch(`/api/v1/records/${ids.bFailed}/retry`, A, { method: 'POST' });
      expect(foreign.status).toBe(404);
      expect(errorEnvelopeSchema.parse(await foreign.json()).error.code).toBe('not_found');
      expect(await queuedRecordJobs()).toHaveLength(before);
    });
  });
});
