/**
 * The app as the benchmarks run it: its own Postgres (embedded, unless DATABASE_URL points at one),
 * both emulators with their real limits, the service in this process, logs at warn. `close` stops all.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../backend/src/db/embedded-postgres.ts';
import { createLogger } from '../backend/src/logger.ts';
import { startSandboxedApp } from '../backend/sandbox/demo/sandboxed-app.ts';
import { freePort } from '../backend/sandbox/common/free-port.ts';

export type BenchApp = Awaited<ReturnType<typeof startSandboxedApp>> & { dir: string; stop(): Promise<void> };

export async function startBenchApp(extraEnv: (dir: string) => Record<string, string> = () => ({}), options: { limitsMultiplier?: number } = {}): Promise<BenchApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hqs-bench-'));
  // An empty DATABASE_URL means unset (as parseEnv reads it): the bench then gets its own throwaway
  // Postgres, never the service's default embedded one under .data/ (the demo's, shared across runs).
  const external = process.env.DATABASE_URL || undefined;
  const pg = external ? undefined : await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort(), database: 'bench', persistent: false });
  const app = await startSandboxedApp({
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL: external ?? pg!.connectionString,
      LOG_LEVEL: 'warn',
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
      WORKER_POLL_INTERVAL_SECONDS: '0.5',
      SANDBOX_MODE: 'off',
      ...extraEnv(dir),
    },
    logger: createLogger('warn'),
    ...(options.limitsMultiplier !== undefined ? { limitsMultiplier: options.limitsMultiplier } : {}),
  });
  return {
    ...app,
    dir,
    stop: async () => {
      await app.close();
      await pg?.stop();
    },
  };
}

/** Samples the process's resident memory; `peakMb()` is the highest seen so far. */
export function trackPeakRss(everyMs = 200): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return { peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20), stop: () => clearInterval(timer) };
}
