/**
 * Where the database is: DATABASE_URL when set; otherwise the embedded Postgres under
 * EMBEDDED_PG_DIR, started by this process, or attached to when another process of ours (say
 * `npm run web` beside `npm run worker`) already started it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export const EMBEDDED_DATABASE_NAME = 'hubspot_qbo_sync';

export interface ResolvedDatabase {
  connectionString: string;
  /** Stops the embedded server when this process started it; no-op otherwise. */
  stop(): Promise<void>;
  source: 'DATABASE_URL' | 'embedded-started' | 'embedded-attached';
}

export async function resolveDatabase(env: Env, logger: Logger): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { connectionString: env.DATABASE_URL, stop: async () => undefined, source: 'DATABASE_URL' };
  const dataDir = path.resolve(env.EMBEDDED_PG_DIR);
  const attached = await attachToRunningEmbedded(dataDir, env.EMBEDDED_PG_PORT);
  if (attached) {
    logger.info({ dataDir, port: env.EMBEDDED_PG_PORT }, 'DATABASE_URL not set: using the embedded Postgres already running');
    return { connectionString: attached, stop: async () => undefined, source: 'embedded-attached' };
  }
  logger.info({ dataDir, port: env.EMBEDDED_PG_PORT }, 'DATABASE_URL not set: starting the embedded Postgres (data persists in this folder)');
  const running = await startEmbeddedPostgres({
    dataDir,
    port: env.EMBEDDED_PG_PORT,
    database: EMBEDDED_DATABASE_NAME,
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
  });
  return { connectionString: running.connectionString, stop: () => running.stop(), source: 'embedded-started' };
}

async function attachToRunningEmbedded(dataDir: string, port: number): Promise<string | undefined> {
  const passwordFile = `${dataDir}.password`;
  if (!existsSync(passwordFile) || !existsSync(path.join(dataDir, 'postmaster.pid'))) return undefined;
  const password = (await readFile(passwordFile, 'utf8')).trim();
  const connectionString = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return connectionString;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
