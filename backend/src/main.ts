/**
 * Entry point: `tsx backend/src/main.ts <all|web|worker|migrate>`.
 *   all     web server + worker in one process (npm start); applies migrations first
 *   web     HTTP only; worker   jobs only (scale these on several machines against one database)
 *   migrate apply pending migrations and exit
 *
 * Signals are handled from the first line: Ctrl-C (or SIGTERM) while starting stops after the current
 * step and undoes what was started; once ready, it drains in-flight work and stops everything in
 * order — HTTP, jobs and pools, then the emulators (which save their state), the embedded Postgres
 * last. A second Ctrl-C exits at once. A start that cannot go on for a reason the operator can fix
 * (a busy port, a wrong DATABASE_URL) is one line, without a stack.
 */
import { EnvError, isSandboxMode, parseEnv, type Env } from './env.ts';
import { databaseKnowsDemo, startDemoSandbox, type DemoSandbox } from '../sandbox/demo/start-demo.ts';
import { createLogger, type Logger } from './logger.ts';
import { createDatabase } from './db/knex.ts';
import { resolveDatabase, type ResolvedDatabase } from './db/database-url.ts';
import { migrateLatest } from './db/migrate.ts';
import { startService, type RunningService, type ServiceMode } from './service.ts';
import { listenWeb, type WebServer } from './http/listen.ts';
import { StartupAborted, StartupError, throwIfAborted } from './startup-error.ts';

const MODES = ['all', 'web', 'worker', 'migrate'] as const;
type Mode = (typeof MODES)[number];

interface Started {
  web?: WebServer;
  demo?: DemoSandbox;
  database?: ResolvedDatabase;
  service?: RunningService;
}

/** Stops what was started, in order; the embedded Postgres last, after everything that uses it. */
async function stopAll(started: Started, logger: Logger): Promise<void> {
  const step = async (what: string, fn: () => Promise<void> | undefined) => {
    try {
      await fn();
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, `while stopping ${what}`);
    }
  };
  await step('the service', () => started.service?.stop());
  await step('the web server', () => started.web?.close());
  await step('the emulators', () => started.demo?.close());
  await step('the database', () => started.database?.stop());
}

async function migrate(env: Env, logger: Logger, started: Started): Promise<void> {
  started.database = await resolveDatabase(env, logger);
  const db = createDatabase({ connectionString: started.database.connectionString });
  try {
    const applied = await migrateLatest(db);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'nothing to migrate');
  } finally {
    await db.destroy();
  }
}

async function start(mode: Exclude<Mode, 'migrate'>, env: Env, logger: Logger, started: Started, signal: AbortSignal): Promise<void> {
  const sandbox = isSandboxMode(env);
  if (sandbox && mode !== 'all') {
    throw new StartupError('No HubSpot credentials are set, so this would run against the sandbox emulators, which `npm start` (web + worker in one process) starts. Use `npm start`, or set HUBSPOT_CLIENT_ID/SECRET and QBO_CLIENT_ID/SECRET.');
  }
  // The web port first: a busy one is reported before anything else has started.
  if (mode !== 'worker') started.web = await listenWeb(env);
  started.database = await resolveDatabase(env, logger);
  throwIfAborted(signal);
  if (sandbox) {
    const knows = await databaseKnowsDemo(started.database.connectionString);
    started.demo = await startDemoSandbox(env, logger, { publicBaseUrl: env.PUBLIC_BASE_URL ?? started.web?.url, databaseKnowsDemo: knows, signal });
    throwIfAborted(signal);
  }
  const serviceEnv = started.demo?.env ?? env;
  started.service = await startService(mode satisfies ServiceMode, serviceEnv, logger, { web: started.web, database: started.database, signal });
  const { demo, service } = started;
  if (demo && service.url) {
    const pages = await demo.connect(service.url, signal);
    logger.info(
      {
        hubspotSettingsPage: pages.settings,
        ...(pages.deal ? { dealWithPaymentCard: pages.deal } : {}),
        ...(pages.contact ? { contactWithSyncStatusCard: pages.contact } : {}),
        ...(pages.vatInvoice ? { ukInvoiceWithVat: pages.vatInvoice } : {}),
        app: service.url,
        installAgain: `${service.url}/oauth/hubspot/install`,
        hubspotEmulator: `${demo.urls.hubspot}/_sandbox/accounts/${demo.data.portalId}`,
        quickbooksEmulator: `${demo.urls.quickbooks}/_sandbox/companies/${demo.data.realmId}`,
        health: `${service.url}/readyz`,
        objectView: 'npm run status (in another terminal)',
      },
      'ready: the demo account is installed and connected to QuickBooks. Open in a browser:',
    );
  } else {
    logger.info({ mode, url: service.url }, 'ready');
  }
}

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!MODES.includes(mode)) {
    process.stderr.write(`Unknown mode "${mode}". Use one of: ${MODES.join(', ')}.\n`);
    process.exit(2);
  }
  let env: Env;
  try {
    env = parseEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  const started: Started = {};
  const starting = new AbortController();
  let ready = false;
  let stopping = false;

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping || starting.signal.aborted) {
        logger.warn({ signal }, 'second signal: exiting now without finishing the shutdown');
        process.exit(1);
      }
      if (!ready) {
        logger.info({ signal }, 'signal received while starting: stopping after the current step');
        starting.abort(new StartupAborted(signal));
        return;
      }
      stopping = true;
      logger.info({ signal }, 'signal received: shutting down');
      const force = setTimeout(() => {
        logger.error({ timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
        process.exit(1);
      }, env.SHUTDOWN_TIMEOUT_MS + 5_000);
      force.unref();
      void stopAll(started, logger).then(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
  }

  const stoppedBeforeReady = async () => {
    await stopAll(started, logger);
    logger.info({ signal: (starting.signal.reason as StartupAborted).signal }, 'stopped before ready: everything that had started is stopped');
    process.exit(0);
  };
  try {
    if (mode === 'migrate') await migrate(env, logger, started);
    else await start(mode, env, logger, started, starting.signal);
  } catch (err) {
    // Stopping while starting makes the step in flight fail (its database or emulator went away): not news.
    if (starting.signal.aborted) return stoppedBeforeReady();
    await stopAll(started, logger);
    if (err instanceof StartupError) logger.fatal(`cannot start: ${err.message}`);
    else logger.fatal({ err }, 'failed to start');
    process.exit(1);
  }
  if (starting.signal.aborted) return stoppedBeforeReady();
  if (mode === 'migrate') return stopAll(started, logger);
  ready = true;
}

void main();
