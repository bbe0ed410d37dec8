/** Runs npm (or a Node tool) inside the extracted archive, as HubSpot's build machine would: no npm_config_* of ours leaking in. */
import { execFile } from 'node:child_process';

export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function cleanEnv(): NodeJS.ProcessEnv {
  // `npm run hubspot:check` sets npm_config_* (workspaces, prefix…) that would steer the npm we start.
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

export function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout, stderr: stderr || (error && !stdout ? error.message : '') });
    });
  });
}

/**
 * npm's flags of HubSpot's remote build (`@hubspot/ui-extensions-dev-server` `uie build`, which mirrors
 * it), plus --prefer-offline: packages already in npm's cache are not downloaded again, so a run after
 * the first (and after the repository's own `npm ci`, which caches the same lint toolchain) stays
 * fast and works without the registry.
 */
export const NPM_CI_ARGS = ['ci', '--ignore-scripts', '--no-audit', '--no-optional', '--no-fund', '--prefer-offline'];
export const NPM_LOCK_ONLY_ARGS = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'];

/** The last meaningful lines of npm's error output, on one line. */
export function npmError(result: RunResult): string {
  const lines = result.stderr.split('\n').map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim()).filter((line) => line && !/^(A complete log|Log files were)/.test(line));
  return lines.slice(0, 6).join(' ').slice(0, 600) || 'npm failed without a message';
}
