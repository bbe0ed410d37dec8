/** The QuickBooks company (realm) connected to a HubSpot account: at most one per account. */
import type { Knex } from './knex.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import { CLEARED_TOKENS, sealTokens, unsealTokens, type OAuthTokens, type SealedTokenColumns } from './sealed-tokens.ts';

export const QBO_CONNECTIONS = 'qbo_connections';

export type QboConnectionStatus = 'connected' | 'needs_reconnect' | 'disconnected';

export interface DBQboConnection extends SealedTokenColumns {
  id: number;
  portal_id: number;
  realm_id: string;
  environment: 'sandbox' | 'production';
  status: QboConnectionStatus;
  status_reason: string | null;
  company_name: string | null;
  country: string | null;
  home_currency: string | null;
  refresh_token_expires_at: Date | null;
  preferences: Record<string, unknown>;
  connected_at: Date;
  disconnected_at: Date | null;
  updated_at: Date;
}

export interface QboConnection {
  portalId: number;
  realmId: string;
  environment: 'sandbox' | 'production';
  status: QboConnectionStatus;
  statusReason: string | null;
  companyName: string | null;
  country: string | null;
  homeCurrency: string | null;
  refreshTokenExpiresAt: Date | null;
  preferences: Record<string, unknown>;
  connectedAt: Date;
}

export interface QboTokens extends OAuthTokens {
  refreshTokenExpiresAt: Date;
}

export function qboConnectionFromRow(row: DBQboConnection): QboConnection {
  return {
    portalId: row.portal_id,
    realmId: row.realm_id,
    environment: row.environment,
    status: row.status,
    statusReason: row.status_reason,
    companyName: row.company_name,
    country: row.country,
    homeCurrency: row.home_currency,
    refreshTokenExpiresAt: row.refresh_token_expires_at,
    preferences: row.preferences,
    connectedAt: row.connected_at,
  };
}

// Bound to the portal (not the row id) because a reconnect to another realm replaces the row's content.
const tokenOwner = (portalId: number) => `${QBO_CONNECTIONS}:${portalId}`;

export async function getQboConnection(db: Knex, portalId: number): Promise<QboConnection | undefined> {
  const row = (await db(QBO_CONNECTIONS).where({ portal_id: portalId }).first()) as DBQboConnection | undefined;
  return row ? qboConnectionFromRow(row) : undefined;
}

/** The account a live realm belongs to (QBO webhooks name the realm, not the HubSpot account). */
export async function findPortalByRealm(db: Knex, realmId: string): Promise<number | undefined> {
  const row = await db(QBO_CONNECTIONS).where({ realm_id: realmId }).whereNot('status', 'disconnected').first<{ portal_id: number } | undefined>('portal_id');
  return row?.portal_id;
}

export interface ConnectInput {
  portalId: number;
  realmId: string;
  environment: 'sandbox' | 'production';
  companyName: string | null;
  country: string | null;
  homeCurrency: string | null;
  preferences: Record<string, unknown>;
  tokens: QboTokens;
}

/** Connects (or replaces) the account's QuickBooks company. */
export async function saveQboConnection(db: Knex, cipher: TokenCipher, input: ConnectInput): Promise<QboConnection> {
  const values = {
    realm_id: input.realmId,
    environment: input.environment,
    status: 'connected' as const,
    status_reason: null,
    company_name: input.companyName,
    country: input.country,
    home_currency: input.homeCurrency,
    preferences: JSON.stringify(input.preferences),
    ...sealTokens(cipher, tokenOwner(input.portalId), input.tokens),
    refresh_token_expires_at: input.tokens.refreshTokenExpiresAt,
    disconnected_at: null,
  };
  const [row] = (await db(QBO_CONNECTIONS)
    .insert({ portal_id: input.portalId, ...values })
    .onConflict('portal_id')
    .merge({ ...values, connected_at: db.fn.now(), updated_at: db.fn.now() })
    .returning('*')) as DBQboConnection[];
  return qboConnectionFromRow(row as DBQboConnection);
}

export async function getQboTokens(
  db: Knex,
  cipher: TokenCipher,
  portalId: number,
  options: { forUpdate?: boolean } = {},
): Promise<(QboTokens & { realmId: string }) | undefined> {
  let query = db(QBO_CONNECTIONS).where({ portal_id: portalId }).whereNot('status', 'disconnected').first();
  if (options.forUpdate) query = query.forUpdate();
  const row = (await query) as DBQboConnection | undefined;
  const tokens = row ? unsealTokens(cipher, tokenOwner(portalId), row) : undefined;
  if (!row || !tokens) return undefined;
  return { ...tokens, refreshTokenExpiresAt: row.refresh_token_expires_at ?? tokens.expiresAt, realmId: row.realm_id };
}

export async function saveQboTokens(db: Knex, cipher: TokenCipher, portalId: number, tokens: QboTokens): Promise<void> {
  await db(QBO_CONNECTIONS)
    .where({ portal_id: portalId })
    .update({
      ...sealTokens(cipher, tokenOwner(portalId), tokens),
      refresh_token_expires_at: tokens.refreshTokenExpiresAt,
      updated_at: db.fn.now(),
    });
}

export async function setQboConnectionStatus(db: Knex, portalId: number, status: QboConnectionStatus, reason: string | null): Promise<void> {
  await db(QBO_CONNECTIONS).where({ portal_id: portalId }).update({ status, status_reason: reason, updated_at: db.fn.now() });
}

/** Disconnect: tokens gone, row kept (company name and links stay for a reconnect). */
export async function markQboDisconnected(db: Knex, portalId: number, reason: string): Promise<void> {
  await db(QBO_CONNECTIONS).where({ portal_id: portalId }).update({
    status: 'disconnected',
    status_reason: reason,
    ...CLEARED_TOKENS,
    refresh_token_expires_at: null,
    disconnected_at: db.fn.now(),
    updated_at: db.fn.now(),
  });
}

/** The company's Preferences as read again (each setup visit), so setup checks and rules see today's settings. */
export async function updateQboPreferences(db: Knex, portalId: number, preferences: Record<string, unknown>): Promise<void> {
  await db(QBO_CONNECTIONS).where({ portal_id: portalId }).update({ preferences: JSON.stringify(preferences), updated_at: db.fn.now() });
}
