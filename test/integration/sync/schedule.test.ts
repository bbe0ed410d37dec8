/** The scheduler queues a catch-up for each due sync, but never a second one while a pass is queued or running. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { syncScheduleJob } from '../../../backend/src/jobs/handlers/sync-schedule.ts';
import { enqueueSyncPasses } from '../../../backend/src/jobs/handlers/sync-catch-up.ts';

const PORTAL = 60_000_001;

async function catchUps(h: AppHarness): Promise<string[]> {
  const rows = await h.db.db.raw<{ rows: Array<{ state: string }> }>(`select state from pgboss.job where name = 'sync.catch-up' and data->>'portalId' = ? order by created_on`, [String(PORTAL)]);
  return rows.rows.map((r) => r.state);
}

describe('sync schedule', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web' });
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, '8000001')).status).toBe(200);
    expect((await h.signedFetch('/api/v1/syncs/contacts/recommended', PORTAL, { method: 'POST', body: {} })).status).toBe(201);
  });
  afterAll(async () => h.close());

  it('does not pile up passes behind one that is queued or running', async () => {
    expect(await catchUps(h)).toEqual(['created']); // the first sync, queued at setup
    await syncScheduleJob.handle(h.ctx, {});
    expect(await catchUps(h)).toEqual(['created']);
    await h.db.db.raw(`update pgboss.job set state = 'completed', completed_on = now() where name = 'sync.catch-up'`);
    await h.db.db('sync_definitions').where({ portal_id: PORTAL }).update({ next_sync_at: h.db.db.raw(`now() - interval '1 second'`) });
    await syncScheduleJob.handle(h.ctx, {});
    expect(await catchUps(h)).toEqual(['completed', 'created']);
    await h.db.db('sync_definitions').where({ portal_id: PORTAL }).update({ status: 'disabled' });
    await h.db.db.raw(`update pgboss.job set state = 'completed', completed_on = now() where name = 'sync.catch-up'`);
    await syncScheduleJob.handle(h.ctx, {});
    expect(await catchUps(h)).toEqual(['completed', 'completed']);
  });

  it('queues a whole round in one batch: each due sync once, none beside a running pass, duplicates dropped', async () => {
    expect((await h.signedFetch('/api/v1/syncs/products/recommended', PORTAL, { method: 'POST', body: {} })).status).toBe(201);
    await h.db.db('sync_definitions').where({ portal_id: PORTAL }).update({ status: 'enabled', next_sync_at: h.db.db.raw(`now() - interval '1 second'`) });
    await h.db.db.raw(`update pgboss.job set state = 'completed', completed_on = now() where name = 'sync.catch-up'`);
    // The products first sync is running: the round must leave it alone and queue contacts only.
    await h.db.db.raw(`update pgboss.job set state = 'active', started_on = now() where id = (select id from pgboss.job where name = 'sync.catch-up' and data->>'objectType' = 'products' order by created_on desc limit 1)`);
    const queued = async () => (await h.db.db.raw<{ rows: Array<{ kind: string }> }>(`select data->>'objectType' || ':' || state as kind from pgboss.job where name = 'sync.catch-up' and state in ('created', 'active') and data->>'portalId' = ? order by 1`, [String(PORTAL)])).rows.map((r) => r.kind);
    await syncScheduleJob.handle(h.ctx, {});
    await syncScheduleJob.handle(h.ctx, {});
    expect(await queued()).toEqual(['contacts:created', 'products:active']);
    // A batch naming the same pass twice, or one already queued, adds nothing (the queue's policy).
    await enqueueSyncPasses(h.ctx, [{ portalId: PORTAL, objectType: 'contacts', trigger: 'schedule' }, { portalId: PORTAL, objectType: 'contacts', trigger: 'schedule' }]);
    expect(await queued()).toEqual(['contacts:created', 'products:active']);
  });
});
