import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

export type { Knex };

// bigint (int8) columns hold HubSpot portal ids and our serial ids; they fit in a JS number
// (< 2^53), and parsing them as numbers keeps the types honest across the codebase.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export interface DatabaseOptions {
  connectionString: string;
  poolMax?: number;
  /** Postgres schema to use (tests isolate suites by schema). */
  searchPath?: string;
}

export function createDatabase(options: DatabaseOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: options.connectionString, application_name: 'hubspot-qbo-sync' },
    searchPath: options.searchPath ? [options.searchPath] : undefined,
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
}

export async function isDatabaseReachable(db: Knex): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
