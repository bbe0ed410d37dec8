import type { Env } from '../env.ts';
import type { Knex } from '../db/knex.ts';
import type { Logger } from '../logger.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import type { JobQueue } from './queue.ts';

/** What a job handler (and an HTTP service) may use. Built once in main.ts. */
export interface AppContext {
  env: Env;
  db: Knex;
  logger: Logger;
  cipher: TokenCipher;
  queue: JobQueue;
  /** Aborted when the process starts shutting down: long passes stop at their next checkpoint. */
  shutdown?: AbortSignal;
}
