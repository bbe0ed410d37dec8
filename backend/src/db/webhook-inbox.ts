/** Every inbound webhook event, stored before it is acknowledged; redeliveries are recognised by key. */
import type { Knex } from './knex.ts';

export const WEBHOOK_INBOX = 'webhook_inbox';

export interface InboxEvent {
  portalId: number;
  source: 'hubspot' | 'quickbooks';
  dedupeKey: string;
  payload: unknown;
}

/** Inserts new events; returns the ids of those not seen before (duplicates are dropped). */
export async function insertInboxEvents(db: Knex, events: InboxEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await db(WEBHOOK_INBOX)
    .insert(events.map((e) => ({ portal_id: e.portalId, source: e.source, dedupe_key: e.dedupeKey, payload: JSON.stringify(e.payload) })))
    .onConflict(['source', 'dedupe_key'])
    .ignore()
    .returning<Array<{ id: number }>>('id');
  return rows.map((r) => r.id);
}

export async function markInboxProcessed(db: Knex, ids: number[], error: string | null = null): Promise<void> {
  if (ids.length === 0) return;
  await db(WEBHOOK_INBOX).whereIn('id', ids).update({ processed_at: db.fn.now(), error });
}

/** Retention: processed events older than the cutoff are deleted. Returns how many. */
export async function deleteProcessedInboxEvents(db: Knex, olderThan: Date): Promise<number> {
  return db(WEBHOOK_INBOX).whereNotNull('processed_at').andWhere('processed_at', '<', olderThan).delete();
}

export async function countUnprocessedInboxEvents(db: Knex, portalId: number): Promise<number> {
  const row = (await db(WEBHOOK_INBOX).where({ portal_id: portalId }).whereNull('processed_at').count('* as count').first()) as { count: string } | undefined;
  return Number(row?.count ?? 0);
}

export interface DBInboxEvent {
  id: number;
  portal_id: number;
  source: 'hubspot' | 'quickbooks';
  dedupe_key: string;
  payload: unknown;
  received_at: Date;
  processed_at: Date | null;
  error: string | null;
}

/** Oldest first; `skip locked` lets several workers drain one account's inbox without taking the same rows. */
export async function lockUnprocessedInboxEvents(db: Knex, portalId: number, source: 'hubspot' | 'quickbooks', limit: number): Promise<DBInboxEvent[]> {
  return (await db(WEBHOOK_INBOX)
    .where({ portal_id: portalId, source })
    .whereNull('processed_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()) as DBInboxEvent[];
}

/**
 * HubSpot records whose property was recently set to this value, from the property-change events in
 * the inbox (case-insensitive, trimmed; `collapseSpaces`: runs of white space count as one, as company
 * names are matched): what search cannot show yet during its indexing lag.
 */
export async function recentHubSpotIdsWithProperty(db: Knex, portalId: number, property: string, value: string, withinMinutes = 10, options: { collapseSpaces?: boolean } = {}): Promise<string[]> {
  const stored = options.collapseSpaces ? `regexp_replace(lower(trim(payload->>'propertyValue')), '\\s+', ' ', 'g')` : `lower(trim(payload->>'propertyValue'))`;
  const wanted = options.collapseSpaces ? value.trim().replace(/\s+/g, ' ').toLowerCase() : value.trim().toLowerCase();
  const rows: Array<{ id: string | null }> = await db(WEBHOOK_INBOX)
    .where({ portal_id: portalId, source: 'hubspot' })
    .whereRaw(`payload->>'propertyName' = ?`, [property])
    .whereRaw(`${stored} = ?`, [wanted])
    .whereRaw(`received_at > now() - make_interval(mins => ?)`, [withinMinutes])
    .distinct(db.raw(`payload->>'objectId' as id`));
  return rows.map((r) => r.id).filter((id): id is string => typeof id === 'string' && id !== '');
}
