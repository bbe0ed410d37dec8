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
  const db = knexFactory({
    client: 'pg',
    connection: { connectionString: options.connectionString, application_name: 'hubspot-qbo-sync' },
    searchPath: options.searchPath ? [options.searchPath] : undefined,
    pool: { min: 0, max: options.poolMax ?? 10 },
  });
  watchForStalledAcquires(db);
  return db;
}

interface TarnPool {
  numFree(): number;
  numPendingAcquires(): number;
  numPendingValidations(): number;
  _tryAcquireOrCreate(): void;
}

/**
 * Measured (bench contacts-sync, during backfills with edits): tarn 3.1.2, knex's pool, can leave
 * acquires waiting beside free connections (39 free, 10 waiting, no validation in flight) for a minute,
 * until every waiter timed out and the pass failed. It hands a free connection to a waiter only when
 * something is acquired, released, created or destroyed; one of its paths (an acquire that times out
 * while its connection is being validated) puts the connection back without serving the next waiter,
 * and we did not pin down which path the benchmark hit. When nothing else moves, nothing ever will.
 * So: when free connections and waiters are both seen on two checks in a row, with no validation in
 * flight, the pool is asked to hand them out (its own dispatch step). Seen working on the stuck
 * process itself (through the inspector): 10 waiters served at once.
 */
function watchForStalledAcquires(db: Knex): void {
  let suspect = false;
  const timer = setInterval(() => {
    // Dropped by destroy and made again by initialize: absent is not gone.
    const pool = (db.client as { pool?: TarnPool }).pool;
    if (!pool) return;
    const stalled = pool.numFree() > 0 && pool.numPendingAcquires() > 0 && pool.numPendingValidations() === 0;
    if (stalled && suspect) pool._tryAcquireOrCreate();
    suspect = stalled;
  }, 250);
  timer.unref();
}

export async function isDatabaseReachable(db: Knex): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
