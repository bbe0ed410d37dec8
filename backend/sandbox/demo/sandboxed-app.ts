/**
 * Our service running against freshly started emulators, with the app registered there: both
 * emulators on free ports, the service on a port known in advance (the redirect URLs registered
 * with the emulators must name it). Tests and benchmarks build on it.
 */
import { startHubSpotSandbox, type HubSpotSandbox } from '../hubspot/index.ts';
import { startQboSandbox, type QboSandbox } from '../qbo/index.ts';
import { freePort } from '../common/free-port.ts';
import { parseEnv } from '../../src/env.ts';
import type { Logger } from '../../src/logger.ts';
import { startService, type RunningService, type ServiceMode } from '../../src/service.ts';
import { provisionApps, sandboxEnvOverrides, type ProvisionedApps } from './provision.ts';

export interface SandboxedApp {
  url: string;
  service: RunningService;
  hubspot: HubSpotSandbox;
  qbo: QboSandbox;
  apps: ProvisionedApps;
  close(): Promise<void>;
}

export interface SandboxedAppOptions {
  env: Record<string, string>;
  logger: Logger;
  mode?: ServiceMode;
  /** Both emulators' limits and our budgets times this (benchmarks at 100k records; default 1, the real limits). */
  limitsMultiplier?: number;
}

export async function startSandboxedApp(options: SandboxedAppOptions): Promise<SandboxedApp> {
  const limitsMultiplier = options.limitsMultiplier ?? 1;
  const hubspot = await startHubSpotSandbox({ limitsMultiplier });
  const qbo = await startQboSandbox({ limitsMultiplier });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const urls = { hubspot: hubspot.baseUrl, quickbooks: qbo.baseUrl };
  const apps = await provisionApps({ ...urls, publicBaseUrl: url });
  // The caller's variables may replace the emulator wiring (a test slowing the token URL down), not the port.
  const env = parseEnv({ ...sandboxEnvOverrides(urls, apps), ...options.env, VENDOR_LIMITS_MULTIPLIER: String(limitsMultiplier), PORT: String(port), PUBLIC_BASE_URL: url });
  const service = await startService(options.mode ?? 'all', env, options.logger);
  return {
    url,
    service,
    hubspot,
    qbo,
    apps,
    close: async () => {
      await service.stop();
      await Promise.all([hubspot.close(), qbo.close()]);
    },
  };
}
