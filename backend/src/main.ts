/**
 * Entry point: `tsx backend/src/main.ts <all|web|worker|migrate>`.
 *   all     web server + worker in one process (npm start); applies migrations first
 *   web     HTTP only; worker   jobs only (scale these on several machines against one database)
 *   migrate apply pending migrations and exit
 */
import { EnvError, isSandboxMode, parseEnv } from './env.ts';
import { startDemoSandbox, type DemoSandbox } from '../sandbox/demo/start-demo.ts';
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

  let demo: DemoSandbox | undefined;
  if (isSandboxMode(env)) {
    if (mode !== 'all') throw new Error('No HubSpot credentials are set, so this would run against the sandbox emulators, which `npm start` (web + worker in one process) starts. Use `npm start`, or set HUBSPOT_CLIENT_ID/SECRET and QBO_CLIENT_ID/SECRET.');
    demo = await startDemoSandbox(env, logger);
  }
  const service = await startService(mode satisfies ServiceMode, demo?.env ?? env, logger);
  if (demo && service.url) {
    const pages = await demo.connect(service.url);
    logger.info(
      {
        hubspotSettingsPage: pages.settings,
        ...(pages.deal ? { dealWithPaymentCard: pages.deal } : {}),
        ...(pages.contact ? { contactWithSyncStatusCard: pages.contact } : {}),
        app: service.url,
        installAgain: `${service.url}/oauth/hubspot/install`,
        hubspotEmulator: `${demo.urls.hubspot}/_sandbox/accounts/${demo.data.portalId}`,
        quickbooksEmulator: `${demo.urls.quickbooks}/_sandbox/companies/${demo.data.realmId}`,
        health: `${service.url}/readyz`,
        objectView: 'npm run status (in another terminal)',
      },
      'ready: the demo account is installed and connected to QuickBooks. Open in a browser:',
    );
  }
  const stopAll = async () => {
    await service.stop();
    await demo?.close();
  };
  const timeout = env.SHUTDOWN_TIMEOUT_MS;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'signal received');
      const force = setTimeout(() => {
        logger.error({ timeoutMs: timeout }, 'shutdown timed out; exiting');
        process.exit(1);
      }, timeout + 5_000);
      force.unref();
      stopAll().then(
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
