/**
 * A database of its own for each suite, on the run's Postgres server: suites run in parallel
 * without seeing each other's rows, pg-boss schemas or migrations.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Knex } from '../../backend/src/db/knex.ts';
import { migrateLatest } from '../../backend/src/db/migrate.ts';

export interface TestDatabase {
  url: string;
  db: Knex;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = withDatabase(inject('adminDatabaseUrl'), name);
  const db = createDatabase({ connectionString: url, poolMax: 5 });
  if (options.migrate !== false) await migrateLatest(db);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
