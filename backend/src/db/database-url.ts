/**
 * Where the database is: DATABASE_URL when set (checked with one connection first, so a wrong URL is
 * one clear line); otherwise the embedded Postgres under EMBEDDED_PG_DIR, started by this process, or
 * attached to when another process of ours (say `npm run web` beside `npm run worker`) already started it.
 */
import path from 'node:path';
import pg from 'pg';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { StartupError, databaseError } from '../startup-error.ts';
import { attachEmbeddedPostgres, embeddedClusterExists, startEmbeddedPostgres } from './embedded-postgres.ts';

export const EMBEDDED_DATABASE_NAME = 'hubspot_qbo_sync';

export interface ResolvedDatabase {
  connectionString: string;
  /** Stops the embedded server when this process started (or adopted) it; no-op otherwise. */
  stop(): Promise<void>;
  source: 'DATABASE_URL' | 'embedded-started' | 'embedded-attached';
}

export interface ResolveOptions {
  /**
   * `start` (the service): start the embedded server, creating the cluster on first use.
   * `existing` (`npm run status`): use a cluster that exists; never create one.
   */
  embedded?: 'start' | 'existing';
}

/** One connection, so a wrong DATABASE_URL fails here with its reason rather than inside a pool or a migration. */
async function checkReachable(connectionString: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw databaseError(err, connectionString, variable);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function resolveDatabase(env: Env, logger: Logger, options: ResolveOptions = {}): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    await checkReachable(env.DATABASE_URL, 'DATABASE_URL');
    return { connectionString: env.DATABASE_URL, stop: async () => undefined, source: 'DATABASE_URL' };
  }
  const dataDir = path.resolve(env.EMBEDDED_PG_DIR);
  const attached = await attachEmbeddedPostgres({ dataDir, database: EMBEDDED_DATABASE_NAME });
  if (attached) {
    logger.info({ dataDir, adopted: attached.owned }, attached.owned ? 'DATABASE_URL not set: using the embedded Postgres left running by an earlier process (stopped at shutdown)' : 'DATABASE_URL not set: using the embedded Postgres already running');
    return { connectionString: attached.connectionString, stop: () => attached.stop(), source: 'embedded-attached' };
  }
  if (options.embedded === 'existing' && !embeddedClusterExists(dataDir)) {
    throw new StartupError(`No database yet: DATABASE_URL is not set and there is no embedded Postgres in ${dataDir} (EMBEDDED_PG_DIR). Run \`npm start\` first, or set DATABASE_URL.`);
  }
  logger.info({ dataDir, port: env.EMBEDDED_PG_PORT }, 'DATABASE_URL not set: starting the embedded Postgres (data persists in this folder)');
  const running = await startEmbeddedPostgres({
    dataDir,
    port: env.EMBEDDED_PG_PORT,
    database: EMBEDDED_DATABASE_NAME,
    detached: true,
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
  });
  return { connectionString: running.connectionString, stop: () => running.stop(), source: 'embedded-started' };
}
