/**
 * `npm run sandbox`: both emulators on their ports (SANDBOX_HUBSPOT_PORT, SANDBOX_QBO_PORT), empty
 * (nothing is saved: `npm start`'s demo keeps its own state), with their control APIs documented in
 * hubspot/README.md and qbo/README.md.
 */
import { EnvError, parseEnv } from '../src/env.ts';
import { StartupError, listenError } from '../src/startup-error.ts';
import { startHubSpotSandbox } from './hubspot/index.ts';
import { startQboSandbox } from './qbo/index.ts';

const fail = (err: unknown): never => {
  process.stderr.write(err instanceof StartupError || err instanceof EnvError ? `${err.message}\n` : `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
};

const env = (() => {
  try {
    return parseEnv();
  } catch (err) {
    return fail(err);
  }
})();
const host = '127.0.0.1';
const hubspot = await startHubSpotSandbox({ port: env.SANDBOX_HUBSPOT_PORT, host, limitsMultiplier: env.VENDOR_LIMITS_MULTIPLIER }).catch((err: unknown) =>
  fail(listenError(err, { port: env.SANDBOX_HUBSPOT_PORT, host, variable: 'SANDBOX_HUBSPOT_PORT', what: 'the HubSpot emulator' })),
);
const quickbooks = await startQboSandbox({ port: env.SANDBOX_QBO_PORT, host, limitsMultiplier: env.VENDOR_LIMITS_MULTIPLIER }).catch(async (err: unknown) => {
  await hubspot.close();
  return fail(listenError(err, { port: env.SANDBOX_QBO_PORT, host, variable: 'SANDBOX_QBO_PORT', what: 'the QuickBooks emulator' }));
});
process.stdout.write(
  [
    'Sandbox emulators running:',
    `  HubSpot     ${hubspot.baseUrl}   (API + OAuth; control API ${hubspot.baseUrl}/_sandbox, see backend/sandbox/hubspot/README.md)`,
    `  QuickBooks  ${quickbooks.baseUrl}   (API ${quickbooks.baseUrl}/v3/company/{realmId}, OAuth ${quickbooks.urls.authorize}; control API ${quickbooks.baseUrl}/_sandbox, see backend/sandbox/qbo/README.md)`,
    'Point the app at them with HUBSPOT_API_BASE_URL / HUBSPOT_AUTH_BASE_URL / QBO_API_BASE_URL / QBO_OAUTH_* . Ctrl-C stops.',
    '',
  ].join('\n'),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([hubspot.close(), quickbooks.close()]).then(() => process.exit(0));
  });
}
