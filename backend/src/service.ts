/**
 * Boots the service in one of its modes and returns a handle whose stop() shuts it down in order:
 * stop taking HTTP requests, let in-flight jobs finish, close pools, stop the embedded database.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { createDatabase } from './db/knex.ts';
import { resolveDatabase } from './db/database-url.ts';
import { migrateLatest, migrationStatus } from './db/migrate.ts';
import { cipherFromEnv } from './crypto/cipher-from-env.ts';
import { createJobQueue } from './jobs/queue.ts';
import { startWorker } from './jobs/worker.ts';
import type { AppContext } from './jobs/context.ts';
import { createHttpApp } from './http/app.ts';

export type ServiceMode = 'all' | 'web' | 'worker';

export interface RunningService {
  ctx: AppContext;
  /** Base URL of the HTTP server (web and all modes). */
  url?: string;
  stop(): Promise<void>;
}

export async function startService(mode: ServiceMode, env: Env, logger: Logger): Promise<RunningService> {
  const database = await resolveDatabase(env, logger);
  const db = createDatabase({ connectionString: database.connectionString, poolMax: env.DATABASE_POOL_MAX });
  if (mode === 'all') {
    const applied = await migrateLatest(db);
    logger.info({ applied }, applied.length ? 'database migrations applied' : 'database schema up to date');
  } else {
    const { pending } = await migrationStatus(db);
    if (pending.length > 0) throw new Error(`The database has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`npm run migrate\` first.`);
  }
  const cipher = await cipherFromEnv(env, logger);
  const queue = createJobQueue({ connectionString: database.connectionString, logger });
  await queue.start();
  const shutdownSignal = new AbortController();
  const ctx: AppContext = { env, db, logger, cipher, queue, shutdown: shutdownSignal.signal };

  if (mode !== 'web') await startWorker(ctx, { concurrency: env.WORKER_CONCURRENCY, pollingIntervalSeconds: env.WORKER_POLL_INTERVAL_SECONDS });

  let server: Server | undefined;
  let url: string | undefined;
  if (mode !== 'worker') {
    const app = createHttpApp(ctx);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(env.PORT, env.HOST, () => resolve(s));
      s.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
    logger.info({ url, health: `${url}/healthz`, ready: `${url}/readyz`, metrics: `${url}/metrics` }, 'web server listening');
    if (env.HUBSPOT_DEV_PROXY_LOCAL_URL) {
      logger.warn({ localUrl: env.HUBSPOT_DEV_PROXY_LOCAL_URL }, 'hs project dev mode: HubSpot signatures are also accepted for this local URL (never set this in production)');
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info({ mode }, 'shutting down: finishing in-flight work');
      shutdownSignal.abort();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await queue.stop({ graceful: true, timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
      await db.destroy();
      await database.stop();
      logger.info('shut down cleanly');
    })());
  return { ctx, url, stop };
}
