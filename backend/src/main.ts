/**
 * Entry point: `tsx backend/src/main.ts <all|web|worker|migrate>`.
 *   all     web server + worker in one process (npm start); applies migrations first
 *   web     HTTP only; worker   jobs only (scale these on several machines against one database)
 *   migrate apply pending migrations and exit
 */
import { EnvError, parseEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { createDatabase } from './db/knex.ts';
import { resolveDatabase } from './db/database-url.ts';
import { migrateLatest } from './db/migrate.ts';
import { startService, type ServiceMode } from './service.ts';

const MODES = ['all', 'web', 'worker', 'migrate'] as const;

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as (typeof MODES)[number];
  if (!MODES.includes(mode)) throw new Error(`Unknown mode "${mode}". Use one of: ${MODES.join(', ')}.`);
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL);

  if (mode === 'migrate') {
    const database = await resolveDatabase(env, logger);
    const db = createDatabase({ connectionString: database.connectionString });
    const applied = await migrateLatest(db);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'nothing to migrate');
    await db.destroy();
    await database.stop();
    return;
  }

  const service = await startService(mode satisfies ServiceMode, env, logger);
  const timeout = env.SHUTDOWN_TIMEOUT_MS;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'signal received');
      const force = setTimeout(() => {
        logger.error({ timeoutMs: timeout }, 'shutdown timed out; exiting');
        process.exit(1);
      }, timeout + 5_000);
      force.unref();
      service.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'error during shutdown');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof EnvError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
