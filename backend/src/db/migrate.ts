import type { Knex } from 'knex';
import { migrations, type Migration } from '../../../migrations/index.ts';

/** Feeds knex our statically imported migrations (see migrations/index.ts for why). */
const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** Rolls back every migration (tests prove each `down` works). */
export async function migrateDownAll(db: Knex): Promise<string[]> {
  const [, reverted] = (await db.migrate.rollback({ migrationSource }, true)) as [number, string[]];
  return reverted;
}

export async function migrationStatus(db: Knex): Promise<{ applied: string[]; pending: string[] }> {
  const [applied, pending] = (await db.migrate.list({ migrationSource })) as [Array<{ name: string }>, Migration[]];
  return { applied: applied.map((m) => m.name), pending: pending.map((m) => m.name) };
}
