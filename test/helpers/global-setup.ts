/**
 * One Postgres server for the whole run: DATABASE_URL when set, otherwise an embedded Postgres in a
 * temporary folder on a free port (deleted afterwards). Suites then create their own databases.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../backend/src/db/embedded-postgres.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return async () => undefined;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'hqs-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), database: 'postgres', persistent: false });
  project.provide('adminDatabaseUrl', pg.connectionString);
  return () => pg.stop();
}
