/**
 * `npm run sandbox`: both emulators on their ports (SANDBOX_HUBSPOT_PORT, SANDBOX_QBO_PORT), empty,
 * with their control APIs documented in hubspot/README.md and qbo/README.md.
 */
import { parseEnv } from '../src/env.ts';
import { startHubSpotSandbox } from './hubspot/index.ts';
import { startQboSandbox } from './qbo/index.ts';

const env = parseEnv();
const hubspot = await startHubSpotSandbox({ port: env.SANDBOX_HUBSPOT_PORT });
const quickbooks = await startQboSandbox({ port: env.SANDBOX_QBO_PORT });
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
