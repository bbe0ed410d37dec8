/**
 * Boots the service in one of its modes and returns a handle whose stop() shuts it down in order:
 * stop taking HTTP requests, let in-flight jobs finish, close pools, stop the embedded database (when
 * this service started it; main.ts passes its own and stops it last). A start that fails half-way
 * undoes what it had started; the web port is bound before the worker attaches.
 */
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { createDatabase } from './db/knex.ts';
import { resolveDatabase, type ResolvedDatabase } from './db/database-url.ts';
import { migrateLatest, migrationStatus } from './db/migrate.ts';
import { cipherFromEnv } from './crypto/cipher-from-env.ts';
import { createJobQueue } from './jobs/queue.ts';
import { startWorker, type RunningWorker } from './jobs/worker.ts';
import { syncCatchUpJob } from './jobs/handlers/sync-catch-up.ts';
import type { AppContext } from './jobs/context.ts';
import { createHttpApp } from './http/app.ts';
import { listenWeb, type WebServer } from './http/listen.ts';
import { StartupError, throwIfAborted } from './startup-error.ts';

export type ServiceMode = 'all' | 'web' | 'worker';

export interface RunningService {
  ctx: AppContext;
  /** Base URL of the HTTP server (web and all modes). */
  url?: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** The web port, already bound (main.ts binds it first); otherwise the service binds PORT itself. */
  web?: WebServer;
  /** A database the caller resolved and stops; otherwise the service resolves one and stops it. */
  database?: ResolvedDatabase;
  /** Aborted (Ctrl-C while starting): the start stops after its current step and undoes what it started. */
  signal?: AbortSignal;
}

export async function startService(mode: ServiceMode, env: Env, logger: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  // What has been started so far, undone in reverse if a later step fails.
  const undo: Array<() => Promise<void>> = [];
  const unwind = async () => {
    for (const step of undo.reverse()) await step().catch((err: unknown) => logger.debug({ err }, 'while undoing a failed start'));
  };
  try {
    const database = options.database ?? (await resolveDatabase(env, logger));
    if (!options.database) undo.push(() => database.stop());
    throwIfAborted(options.signal);
    const db = createDatabase({ connectionString: database.connectionString, poolMax: env.DATABASE_POOL_MAX });
    undo.push(() => db.destroy());
    if (mode === 'all') {
      const applied = await migrateLatest(db);
      logger.info({ applied }, applied.length ? 'database migrations applied' : 'database schema up to date');
    } else {
      const { pending } = await migrationStatus(db);
      if (pending.length > 0) throw new StartupError(`The database has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`npm run migrate\` first.`);
    }
    throwIfAborted(options.signal);
    const cipher = await cipherFromEnv(env, logger);
    const queue = createJobQueue({ connectionString: database.connectionString, logger });
    await queue.start();
    undo.push(() => queue.stop({ graceful: false, timeoutMs: 1_000 }));
    const shutdownSignal = new AbortController();
    const ctx: AppContext = { env, db, logger, cipher, queue, shutdown: shutdownSignal.signal };

    // The web port before the worker: a busy port stops the start before any job is taken.
    let web: WebServer | undefined;
    if (mode !== 'worker') {
      const bound = options.web ?? (await listenWeb(env));
      if (!options.web) undo.push(() => bound.close());
      bound.attach(createHttpApp(ctx));
      web = bound;
      logger.info({ url: web.url, health: `${web.url}/healthz`, ready: `${web.url}/readyz`, metrics: `${web.url}/metrics` }, 'web server listening');
      if (env.HUBSPOT_DEV_PROXY_LOCAL_URL) {
        logger.warn({ localUrl: env.HUBSPOT_DEV_PROXY_LOCAL_URL }, 'hs project dev mode: HubSpot signatures are also accepted for this local URL (never set this in production)');
      }
    }
    throwIfAborted(options.signal);
    let worker: RunningWorker | undefined;
    if (mode !== 'web') worker = await startWorker(ctx, { concurrency: env.WORKER_CONCURRENCY, queueConcurrency: { [syncCatchUpJob.name]: env.WORKER_CATCH_UP_CONCURRENCY }, pollingIntervalSeconds: env.WORKER_POLL_INTERVAL_SECONDS });

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        logger.info({ mode }, 'shutting down: finishing in-flight work');
        shutdownSignal.abort();
        await web?.close();
        await queue.stop({ graceful: true, timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
        await worker?.stop();
        await db.destroy();
        if (!options.database) await database.stop();
        logger.info('shut down cleanly');
      })());
    return { ctx, url: web?.url, stop };
  } catch (err) {
    await unwind();
    throw err;
  }
}
