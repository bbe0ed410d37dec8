/**
 * OAuth `state` for both hand-offs: random, stored only as a hash, single use, expiring, and bound to
 * the browser that started the flow (a secret in a cookie whose hash is stored beside the state).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from './knex.ts';

export const OAUTH_STATES = 'oauth_states';

export type OAuthStateKind = 'hubspot_install' | 'qbo_connect';

interface DBOAuthState {
  state_hash: string;
  kind: OAuthStateKind;
  portal_id: number | null;
  browser_hash: string | null;
  expected_realm_id: string | null;
  replace_existing: boolean;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

const hash = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');
export const newSecret = () => randomBytes(32).toString('base64url');

export interface NewOAuthState {
  kind: OAuthStateKind;
  portalId?: number | null;
  expectedRealmId?: string | null;
  replaceExisting?: boolean;
  ttlMs: number;
  /** The browser binding; may be attached later with bindOAuthStateToBrowser. */
  browserSecret?: string | null;
}

/** Returns the state to send to the vendor (the database keeps only its hash). */
export async function createOAuthState(db: Knex, input: NewOAuthState): Promise<string> {
  const state = newSecret();
  await db(OAUTH_STATES).insert({
    state_hash: hash(state),
    kind: input.kind,
    portal_id: input.portalId ?? null,
    browser_hash: input.browserSecret ? hash(input.browserSecret) : null,
    expected_realm_id: input.expectedRealmId ?? null,
    replace_existing: input.replaceExisting ?? false,
    expires_at: new Date(Date.now() + input.ttlMs),
  });
  return state;
}

/**
 * Binds a not-yet-bound, unused state to the browser now holding `browserSecret` (the QuickBooks
 * connect starts in HubSpot's servers, so the browser is only known when it opens our start URL).
 */
export async function bindOAuthStateToBrowser(db: Knex, state: string, browserSecret: string): Promise<boolean> {
  const updated = await db(OAUTH_STATES)
    .where({ state_hash: hash(state) })
    .whereNull('browser_hash')
    .whereNull('used_at')
    .andWhere('expires_at', '>', db.fn.now())
    .update({ browser_hash: hash(browserSecret) });
  return updated === 1;
}

export type ConsumedState =
  | { ok: true; kind: OAuthStateKind; portalId: number | null; expectedRealmId: string | null; replaceExisting: boolean }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'wrong_browser' | 'wrong_kind' };

/** Uses a state once. A second use, an expired state or another browser's cookie is refused. */
export async function consumeOAuthState(db: Knex, input: { state: string; browserSecret: string | undefined; kind: OAuthStateKind }): Promise<ConsumedState> {
  const [row] = (await db(OAUTH_STATES)
    .where({ state_hash: hash(input.state) })
    .whereNull('used_at')
    .update({ used_at: db.fn.now() })
    .returning('*')) as DBOAuthState[];
  if (!row) {
    const seen = await db(OAUTH_STATES).where({ state_hash: hash(input.state) }).first<{ used_at: Date | null } | undefined>('used_at');
    return { ok: false, reason: seen ? 'used' : 'unknown' };
  }
  if (row.kind !== input.kind) return { ok: false, reason: 'wrong_kind' };
  if (row.expires_at.getTime() < Date.now()) return { ok: false, reason: 'expired' };
  if (!row.browser_hash || !input.browserSecret || !sameHash(row.browser_hash, hash(input.browserSecret))) return { ok: false, reason: 'wrong_browser' };
  return { ok: true, kind: row.kind, portalId: row.portal_id, expectedRealmId: row.expected_realm_id, replaceExisting: row.replace_existing };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function deleteExpiredOAuthStates(db: Knex, olderThan: Date): Promise<number> {
  return db(OAUTH_STATES).where('expires_at', '<', olderThan).delete();
}
