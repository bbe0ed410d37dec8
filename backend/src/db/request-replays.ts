/** Answers kept for repeated writes (`requestId`): see migrations/20261202080000_api_request_replays.ts. */
import type { Knex } from './knex.ts';

export const REQUEST_REPLAYS = 'api_request_replays';

export interface DBRequestReplay {
  portal_id: string | number;
  request_id: string;
  method: string;
  path: string;
  status: number | null;
  body: unknown;
  created_at: Date;
}

/** Claims `requestId` for this request; false when it was claimed before (a repeat). */
export async function claimRequest(db: Knex, portalId: number, requestId: string, method: string, path: string): Promise<boolean> {
  const inserted = await db(REQUEST_REPLAYS).insert({ portal_id: portalId, request_id: requestId, method, path }).onConflict(['portal_id', 'request_id']).ignore().returning('request_id');
  return inserted.length === 1;
}

export async function getReplay(db: Knex, portalId: number, requestId: string): Promise<DBRequestReplay | undefined> {
  return (await db(REQUEST_REPLAYS).where({ portal_id: portalId, request_id: requestId }).first()) as DBRequestReplay | undefined;
}

export async function storeAnswer(db: Knex, portalId: number, requestId: string, status: number, body: unknown): Promise<void> {
  await db(REQUEST_REPLAYS).where({ portal_id: portalId, request_id: requestId }).update({ status, body: body === undefined ? null : JSON.stringify(body) });
}

/** A claim whose request failed on our side: the repeat must run it again. */
export async function releaseClaim(db: Knex, portalId: number, requestId: string): Promise<void> {
  await db(REQUEST_REPLAYS).where({ portal_id: portalId, request_id: requestId }).delete();
}

export async function deleteReplaysBefore(db: Knex, before: Date): Promise<number> {
  return db(REQUEST_REPLAYS).where('created_at', '<', before).delete();
}
