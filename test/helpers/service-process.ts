/**
 * The service as an operator runs it: `node --import tsx backend/src/main.ts <mode>` in a process of
 * its own, in its own process group (as a terminal would run it), so a test can send the group a
 * Ctrl-C (SIGINT to every process in it, as the terminal does) or SIGKILL the process.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { TEST_VARIABLES } from './env.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface ServiceProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  /** Waits until the output contains `text` (throws with the output if the process exits first or time runs out). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Ctrl-C in the terminal: SIGINT to the whole process group. */
  interrupt(): void;
  kill(signal?: NodeJS.Signals): void;
}

/** The environment of a child service: the test's, without any vendor credentials, plus `variables`. */
export function childEnvironment(variables: Record<string, string>): Record<string, string> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(HUBSPOT_|QBO_|PUBLIC_BASE_URL|DATABASE_URL|VITEST|TEST_BROWSER)/.test(e[0])));
  return { ...inherited, ...TEST_VARIABLES, NODE_ENV: 'development', LOG_LEVEL: 'info', SANDBOX_MODE: 'auto', ...variables };
}

export function startServiceProcess(args: string[], variables: Record<string, string>, script = 'backend/src/main.ts'): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: childEnvironment(variables) });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    output: () => output,
    exited,
    waitFor: async (text, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      const found = () => (typeof text === 'string' ? output.includes(text) : text.test(output));
      while (!found()) {
        if (done) throw new Error(`the process exited before printing ${String(text)}:\n${output.slice(-4000)}`);
        if (Date.now() > deadline) throw new Error(`no ${String(text)} within ${timeoutMs} ms:\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    interrupt: () => {
      if (child.pid !== undefined && !done) process.kill(-child.pid, 'SIGINT');
    },
    kill: (signal = 'SIGKILL') => {
      if (!done) child.kill(signal);
    },
  };
}

/** Lines that look like a stack trace (an error printed with its frames). */
export function stackLines(output: string): string[] {
  return output.split('\n').filter((line) => /^\s+at .+[:(]/.test(line) || /\\n\s+at /.test(line));
}
