/**
 * HubSpot drops a hubspot.fetch call after 15 s. View queries run under a Postgres statement timeout
 * below that, so a pathological filter answers with an error the page can show instead of hanging.
 */
import type { Knex } from '../db/knex.ts';
import { httpErrors } from '../http/errors.ts';

export const VIEW_STATEMENT_TIMEOUT_MS = 10_000;

export async function withViewTimeout<T>(db: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (trx) => {
      await trx.raw(`set local statement_timeout = ${VIEW_STATEMENT_TIMEOUT_MS}`);
      return work(trx);
    });
  } catch (err) {
    // 57014: query_canceled (the statement timeout fired).
    if ((err as { code?: string }).code === '57014') throw httpErrors.notReady('This view took too long to load. Narrow the filters (object type, state) and try again.');
    throw err;
  }
}
