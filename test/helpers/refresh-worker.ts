/**
 * A second worker process for the token tests: asks for a QuickBooks access token from N concurrent
 * callers and prints what each got. Run with `node --import tsx`, env as the service's.
 */
import { parseEnv } from '../../backend/src/env.ts';
import { createLogger } from '../../backend/src/logger.ts';
import { createDatabase } from '../../backend/src/db/knex.ts';
import { cipherFromEnv } from '../../backend/src/crypto/cipher-from-env.ts';
import { createJobQueue } from '../../backend/src/jobs/queue.ts';
import { qboAccessToken } from '../../backend/src/connections/qbo-tokens.ts';

const env = parseEnv();
const logger = createLogger('silent');
const db = createDatabase({ connectionString: env.DATABASE_URL!, poolMax: 12 });
const ctx = { env, db, logger, cipher: await cipherFromEnv(env, logger), queue: createJobQueue({ connectionString: env.DATABASE_URL!, logger }) };
const portalId = Number(process.argv[2]);
const callers = Number(process.argv[3]);
// Start together with the parent: say we're loaded, then wait for its signal on stdin.
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const results = await Promise.all(
  Array.from({ length: callers }, () =>
    qboAccessToken(ctx, portalId).then(
      (t) => ({ ok: true as const, token: t.accessToken }),
      (e: unknown) => ({ ok: false as const, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
    ),
  ),
);
process.stdout.write(JSON.stringify(results));
await db.destroy();
