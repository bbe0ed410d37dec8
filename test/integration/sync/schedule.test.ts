/** The scheduler queues a catch-up for each due sync, but never a second one while a pass is queued or running. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { syncScheduleJob } from '../../../backend/src/jobs/handlers/sync-schedule.ts';

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
});
