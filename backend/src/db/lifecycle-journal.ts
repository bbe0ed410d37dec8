/** The lifecycle-journal poll's state per HubSpot app (client id): its subscription and its cursor. */
import type { Knex } from './knex.ts';

export const LIFECYCLE_JOURNAL = 'hubspot_lifecycle_journal';

export interface LifecycleJournalState {
  subscriptionId: number | null;
  offset: string | null;
}

export async function getLifecycleJournalState(db: Knex, clientId: string): Promise<LifecycleJournalState> {
  const row = (await db(LIFECYCLE_JOURNAL).where({ client_id: clientId }).first()) as { subscription_id: string | null; journal_offset: string | null } | undefined;
  return { subscriptionId: row?.subscription_id ? Number(row.subscription_id) : null, offset: row?.journal_offset ?? null };
}

async function upsert(db: Knex, clientId: string, values: Record<string, unknown>): Promise<void> {
  await db(LIFECYCLE_JOURNAL)
    .insert({ client_id: clientId, ...values, updated_at: db.fn.now() })
    .onConflict('client_id')
    .merge({ ...values, updated_at: db.fn.now() });
}

export const saveLifecycleSubscription = (db: Knex, clientId: string, subscriptionId: number) => upsert(db, clientId, { subscription_id: subscriptionId });

/** The cursor moves only after the entry's events were handled (at-least-once; handling is idempotent). */
export const saveLifecycleOffset = (db: Knex, clientId: string, offset: string | null) =>
  upsert(db, clientId, { journal_offset: offset, last_entry_at: db.fn.now(), last_polled_at: db.fn.now() });

export const markLifecyclePolled = (db: Knex, clientId: string) => upsert(db, clientId, { last_polled_at: db.fn.now() });
