/**
 * Signed, expiring download links for exports. The link is opened by the user's browser (no
 * HubSpot signature), so the URL itself is the credential: an HMAC-SHA256 over the export id and the
 * expiry, with a key derived (HKDF) from the app's secrets — the HubSpot client secret and, when
 * set, the token encryption key, so neither HubSpot nor a leaked database alone can mint links.
 * The check is constant-time, and a link stops working at its expiry even if the file is still there.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Env } from '../env.ts';
import { publicBaseUrl } from '../connections/config.ts';
import { httpErrors } from '../http/errors.ts';

export const EXPORT_DOWNLOAD_PATH = '/exports/:exportId/download';

function signingKey(env: Env): Buffer {
  if (!env.HUBSPOT_CLIENT_SECRET) throw httpErrors.notReady('HubSpot app credentials are not configured on this server.');
  const secret = `${env.HUBSPOT_CLIENT_SECRET}\n${env.TOKEN_ENCRYPTION_KEY ?? ''}`;
  return Buffer.from(hkdfSync('sha256', secret, 'hubspot-qbo-sync', 'export-download-link/v1', 32));
}

function signatureOf(env: Env, exportId: string, expiresEpochSeconds: number): Buffer {
  return createHmac('sha256', signingKey(env)).update(`export-download\n${exportId}\n${expiresEpochSeconds}`).digest();
}

export function signedDownloadUrl(env: Env, exportId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const signature = signatureOf(env, exportId, expires).toString('base64url');
  return `${publicBaseUrl(env)}/exports/${encodeURIComponent(exportId)}/download?expires=${expires}&signature=${signature}`;
}

export type LinkCheck = { ok: true } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function checkDownloadLink(env: Env, exportId: string, expires: unknown, signature: unknown, now = new Date()): LinkCheck {
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return { ok: false, reason: 'malformed' };
  // Compared as text: decoding first would accept other spellings of the same bytes (the last base64
  // character carries 2 unused bits), so one genuine link would have four working variants.
  const expected = Buffer.from(signatureOf(env, exportId, Number(expires)).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature, so an expired link says so only to whoever holds a genuine one.
  if (Number(expires) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
