/**
 * The columns every token-holding table shares (access_token_sealed, refresh_token_sealed,
 * token_key_id, access_token_expires_at), sealed with the row's identity as associated data.
 */
import type { TokenCipher } from '../crypto/token-cipher.ts';

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface SealedTokenColumns {
  access_token_sealed: string | null;
  refresh_token_sealed: string | null;
  token_key_id: string | null;
  access_token_expires_at: Date | null;
}

/** `owner` identifies the row, e.g. "hubspot_installations:123"; a sealed token only opens in its own row. */
export function sealTokens(cipher: TokenCipher, owner: string, tokens: OAuthTokens): SealedTokenColumns {
  return {
    access_token_sealed: cipher.encrypt(tokens.accessToken, `${owner}:access_token`),
    refresh_token_sealed: cipher.encrypt(tokens.refreshToken, `${owner}:refresh_token`),
    token_key_id: cipher.currentKeyId,
    access_token_expires_at: tokens.expiresAt,
  };
}

export function unsealTokens(cipher: TokenCipher, owner: string, row: SealedTokenColumns): OAuthTokens | undefined {
  if (!row.access_token_sealed || !row.refresh_token_sealed || !row.access_token_expires_at) return undefined;
  return {
    accessToken: cipher.decrypt(row.access_token_sealed, `${owner}:access_token`),
    refreshToken: cipher.decrypt(row.refresh_token_sealed, `${owner}:refresh_token`),
    expiresAt: row.access_token_expires_at,
  };
}

export const CLEARED_TOKENS: SealedTokenColumns = {
  access_token_sealed: null,
  refresh_token_sealed: null,
  token_key_id: null,
  access_token_expires_at: null,
};
