import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateLatest, migrationStatus } from '../../backend/src/db/migrate.ts';
import { migrations } from '../../migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

async function tables(t: TestDatabase): Promise<string[]> {
  const result = await t.db.raw<{ rows: Array<{ tablename: string }> }>(
    `select tablename from pg_tables where schemaname = 'public' and tablename not like 'knex_%' order by tablename`,
  );
  return result.rows.map((r) => r.tablename);
}

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t.drop());

  it('go up, all the way down, and up again', async () => {
    expect(await migrateLatest(t.db)).toEqual(migrations.map((m) => m.name));
    const created = await tables(t);
    expect(created).toEqual(
      expect.arrayContaining([
        'hubspot_installations',
        'qbo_connections',
        'oauth_states',
        'sync_definitions',
        'sync_records',
        'sync_activity',
        'sync_runs',
        'webhook_inbox',
        'vendor_rate_budgets',
        'export_jobs',
        'account_alerts',
      ]),
    );
    expect(await migrateDownAll(t.db)).toHaveLength(migrations.length);
    expect(await tables(t)).toEqual([]);
    expect(await migrateLatest(t.db)).toHaveLength(migrations.length);
    expect(await tables(t)).toEqual(created);
    expect((await migrationStatus(t.db)).pending).toEqual([]);
  });

  it('are timestamped and in order', () => {
    const names = migrations.map((m) => m.name);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
  });
});
