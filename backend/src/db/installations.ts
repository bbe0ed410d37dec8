/** HubSpot accounts that installed the app. Tokens are stored sealed (see crypto/token-cipher.ts). */
import type { Knex } from './knex.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import { CLEARED_TOKENS, sealTokens, unsealTokens, type OAuthTokens, type SealedTokenColumns } from './sealed-tokens.ts';

export type { OAuthTokens };

export const INSTALLATIONS = 'hubspot_installations';

export type InstallationStatus = 'active' | 'needs_reconnect' | 'uninstalled';

export interface DBInstallation extends SealedTokenColumns {
  portal_id: number;
  status: InstallationStatus;
  status_reason: string | null;
  hub_domain: string | null;
  scopes: string[];
  installed_by_user_id: number | null;
  installed_by_email: string | null;
  settings: Record<string, unknown>;
  setup_completed_at: Date | null;
  installed_at: Date;
  updated_at: Date;
  uninstalled_at: Date | null;
  purge_after: Date | null;
}

export interface Installation {
  portalId: number;
  status: InstallationStatus;
  statusReason: string | null;
  hubDomain: string | null;
  scopes: string[];
  settings: Record<string, unknown>;
  setupCompletedAt: Date | null;
  installedAt: Date;
  uninstalledAt: Date | null;
}

export function installationFromRow(row: DBInstallation): Installation {
  return {
    portalId: row.portal_id,
    status: row.status,
    statusReason: row.status_reason,
    hubDomain: row.hub_domain,
    scopes: row.scopes,
    settings: row.settings,
    setupCompletedAt: row.setup_completed_at,
    installedAt: row.installed_at,
    uninstalledAt: row.uninstalled_at,
  };
}

export interface InstallInput {
  portalId: number;
  hubDomain?: string | null;
  scopes: string[];
  installedByUserId?: number | null;
  installedByEmail?: string | null;
  tokens: OAuthTokens;
}

const tokenOwner = (portalId: number) => `${INSTALLATIONS}:${portalId}`;

/** Install or reinstall: one row per portal, reactivated and re-tokened on reinstall. */
export async function upsertInstallation(db: Knex, cipher: TokenCipher, input: InstallInput): Promise<Installation> {
  const sealed = sealTokens(cipher, tokenOwner(input.portalId), input.tokens);
  const [row] = (await db(INSTALLATIONS)
    .insert({
      portal_id: input.portalId,
      status: 'active',
      hub_domain: input.hubDomain ?? null,
      scopes: input.scopes,
      installed_by_user_id: input.installedByUserId ?? null,
      installed_by_email: input.installedByEmail ?? null,
      ...sealed,
    })
    .onConflict('portal_id')
    .merge({
      status: 'active',
      status_reason: null,
      hub_domain: input.hubDomain ?? null,
      scopes: input.scopes,
      ...sealed,
      // The latest install: an uninstall HubSpot reports for an earlier time was of a previous installation.
      installed_at: db.fn.now(),
      uninstalled_at: null,
      purge_after: null,
      updated_at: db.fn.now(),
    })
    .returning('*')) as DBInstallation[];
  return installationFromRow(row as DBInstallation);
}

export async function getInstallation(db: Knex, portalId: number): Promise<Installation | undefined> {
  const row = (await db(INSTALLATIONS).where({ portal_id: portalId }).first()) as DBInstallation | undefined;
  return row ? installationFromRow(row) : undefined;
}

/** Reads and unseals the tokens; `forUpdate` locks the row (single-flight refresh). */
export async function getInstallationTokens(
  db: Knex,
  cipher: TokenCipher,
  portalId: number,
  options: { forUpdate?: boolean } = {},
): Promise<OAuthTokens | undefined> {
  let query = db(INSTALLATIONS).where({ portal_id: portalId }).first();
  if (options.forUpdate) query = query.forUpdate();
  const row = (await query) as DBInstallation | undefined;
  return row ? unsealTokens(cipher, tokenOwner(portalId), row) : undefined;
}

export async function saveInstallationTokens(db: Knex, cipher: TokenCipher, portalId: number, tokens: OAuthTokens): Promise<void> {
  await db(INSTALLATIONS)
    .where({ portal_id: portalId })
    .update({ ...sealTokens(cipher, tokenOwner(portalId), tokens), updated_at: db.fn.now() });
}

export async function setInstallationStatus(db: Knex, portalId: number, status: InstallationStatus, reason: string | null): Promise<void> {
  await db(INSTALLATIONS).where({ portal_id: portalId }).update({ status, status_reason: reason, updated_at: db.fn.now() });
}

/** Uninstall: tokens are deleted at once; the data stays until `purgeAfter`. */
export async function markUninstalled(db: Knex, portalId: number, purgeAfter: Date): Promise<void> {
  await db(INSTALLATIONS).where({ portal_id: portalId }).update({
    status: 'uninstalled',
    ...CLEARED_TOKENS,
    uninstalled_at: db.fn.now(),
    purge_after: purgeAfter,
    updated_at: db.fn.now(),
  });
}

/** Portals whose retention period after uninstall has ended. */
export async function listInstallationsDueForPurge(db: Knex, now: Date): Promise<number[]> {
  const rows = await db(INSTALLATIONS).where('status', 'uninstalled').andWhere('purge_after', '<=', now).select<Array<{ portal_id: number }>>('portal_id');
  return rows.map((r) => r.portal_id);
}

/** Deletes an account and, through ON DELETE CASCADE, everything it owns. */
export async function purgeInstallation(db: Knex, portalId: number): Promise<void> {
  await db(INSTALLATIONS).where({ portal_id: portalId, status: 'uninstalled' }).delete();
}

/** Re-seals every row still under an old key with the current key. Returns how many rows changed. */
export async function rotateInstallationTokenKeys(db: Knex, cipher: TokenCipher): Promise<number> {
  const rows = await db(INSTALLATIONS).whereNot('token_key_id', cipher.currentKeyId).select<Array<{ portal_id: number }>>('portal_id');
  let rotated = 0;
  for (const { portal_id } of rows) {
    await db.transaction(async (trx) => {
      const tokens = await getInstallationTokens(trx, cipher, portal_id, { forUpdate: true });
      if (!tokens) return;
      await saveInstallationTokens(trx, cipher, portal_id, tokens);
      rotated++;
    });
  }
  return rotated;
}
