/**
 * Careless starts of `npm start` / `npm run status`, each answered by one line that names the setting
 * and the likely cause — no stack, nothing left running, and (for a busy web port) before the worker
 * attaches: a busy web port, a busy emulator port, a DATABASE_URL that does not parse or reaches no
 * server, Ctrl-C while starting, and `npm run status` with no database at all.
 */
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort } from '../helpers/free-port.ts';
import { stackLines, startServiceProcess } from '../helpers/service-process.ts';

let dir: string;
let db: TestDatabase;

async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return server;
}

async function ports() {
  return { PORT: String(await freePort()), SANDBOX_HUBSPOT_PORT: String(await freePort()), SANDBOX_QBO_PORT: String(await freePort()) };
}

/** The log lines at level ≥ 50 (error, fatal) and any plain stderr line. */
function problemLines(output: string): string[] {
  return output.split('\n').filter((line) => line.trim() !== '' && (!line.startsWith('{') || /"level":(50|60)/.test(line)));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hqs-careless-'));
  db = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('careless starts', () => {
  it('a busy web port: one line naming PORT, before the emulators, the database or the worker start', async () => {
    const vars = await ports();
    const blocker = await occupy(Number(vars.PORT));
    try {
      const run = startServiceProcess(['all'], { ...vars, DATABASE_URL: db.url, SANDBOX_DATA_DIR: path.join(dir, 'web') });
      expect(await run.exited).toBe(1);
      const problems = problemLines(run.output());
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`port ${vars.PORT} (PORT) is already in use`);
      expect(problems[0]).toContain('another `npm start`');
      expect(run.output()).not.toContain('worker started');
      expect(run.output()).not.toContain('emulators started');
      expect(stackLines(run.output())).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('a busy emulator port: one line naming SANDBOX_QBO_PORT, before the worker', async () => {
    const vars = await ports();
    const blocker = await occupy(Number(vars.SANDBOX_QBO_PORT));
    try {
      const run = startServiceProcess(['all'], { ...vars, DATABASE_URL: db.url, SANDBOX_DATA_DIR: path.join(dir, 'qbo') });
      expect(await run.exited).toBe(1);
      const problems = problemLines(run.output());
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`the QuickBooks emulator cannot listen on 127.0.0.1:${vars.SANDBOX_QBO_PORT}: port ${vars.SANDBOX_QBO_PORT} (SANDBOX_QBO_PORT) is already in use`);
      expect(run.output()).not.toContain('worker started');
      expect(stackLines(run.output())).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('a DATABASE_URL with nothing listening: one line naming the variable and the cause, password hidden', async () => {
    const url = `postgres://app:s3cret@127.0.0.1:${await freePort()}/nothing`;
    const run = startServiceProcess(['all'], { ...(await ports()), DATABASE_URL: url, SANDBOX_DATA_DIR: path.join(dir, 'db') });
    expect(await run.exited).toBe(1);
    const problems = problemLines(run.output());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/DATABASE_URL: cannot use the database at postgres:\/\/app:\*\*\*@127\.0\.0\.1:\d+\/nothing: nothing is listening there .*\(ECONNREFUSED\)/);
    expect(run.output()).not.toContain('s3cret');
    expect(stackLines(run.output())).toEqual([]);
  });

  it('a DATABASE_URL that does not parse: one line naming the variable', async () => {
    const run = startServiceProcess(['all'], { ...(await ports()), DATABASE_URL: 'postgres://app:p@ss@host:notaport/db' });
    expect(await run.exited).toBe(1);
    const problems = problemLines(run.output());
    expect(problems).toEqual([expect.stringMatching(/^Invalid configuration:$/), expect.stringMatching(/^ {2}- DATABASE_URL: must be a postgres:\/\/user:password@host:port\/database URL/)]);
    expect(run.output()).not.toContain('p@ss');
  });

  it('Ctrl-C while starting: a log line, everything started is stopped, exit 0, no stacks', async () => {
    const vars = await ports();
    const run = startServiceProcess(['all'], { ...vars, DATABASE_URL: db.url, SANDBOX_DATA_DIR: path.join(dir, 'ctrl-c') });
    await run.waitFor('emulators started and seeded');
    run.interrupt();
    expect(await run.exited).toBe(0);
    const output = run.output();
    expect(output).toContain('signal received while starting');
    expect(output).toContain('stopped before ready');
    expect(output).not.toContain('"ready: ');
    expect(problemLines(output)).toEqual([]);
    expect(stackLines(output)).toEqual([]);
    // Nothing is left listening: the same ports start again at once.
    for (const port of Object.values(vars)) (await occupy(Number(port))).close();
  });

  it('npm run status with no database: one line, and no cluster is created', async () => {
    const pgDir = path.join(dir, 'never', 'postgres');
    const run = startServiceProcess([], { EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(await freePort()) }, 'backend/src/cli/status.ts');
    expect(await run.exited).toBe(1);
    expect(run.output().trim().split('\n')).toEqual([`npm run status: No database yet: DATABASE_URL is not set and there is no embedded Postgres in ${pgDir} (EMBEDDED_PG_DIR). Run \`npm start\` first, or set DATABASE_URL.`]);
    expect(existsSync(pgDir)).toBe(false);
  });

  it('npm run status with an unreachable DATABASE_URL: one line naming it', async () => {
    const run = startServiceProcess([], { DATABASE_URL: `postgres://app@127.0.0.1:${await freePort()}/x` }, 'backend/src/cli/status.ts');
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm run status: DATABASE_URL: cannot use the database at .*: nothing is listening there/);
  });
});
