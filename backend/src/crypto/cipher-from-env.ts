import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { TokenCipher, parsePreviousKeys } from './token-cipher.ts';

const DEV_KEY_FILE = '.data/dev-token-encryption-key';

/**
 * The token cipher from TOKEN_ENCRYPTION_KEY (+ previous keys). Outside production, a missing key is
 * generated once and kept in a git-ignored file, so a fresh machine starts with nothing to set and
 * tokens stay readable across restarts.
 */
export async function cipherFromEnv(env: Env, logger: Logger): Promise<TokenCipher> {
  const previous = parsePreviousKeys(env.TOKEN_ENCRYPTION_PREVIOUS_KEYS);
  if (env.TOKEN_ENCRYPTION_KEY) {
    return new TokenCipher({ id: env.TOKEN_ENCRYPTION_KEY_ID, key: Buffer.from(env.TOKEN_ENCRYPTION_KEY, 'base64') }, previous);
  }
  const file = path.resolve(DEV_KEY_FILE);
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    logger.warn({ file }, 'TOKEN_ENCRYPTION_KEY not set: generated a development key (set the variable in production)');
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  return new TokenCipher({ id: 'dev', key }, previous);
}
