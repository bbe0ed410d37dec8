/**
 * HubSpot request signature v3 (webhooks and hubspot.fetch calls from our UI extensions):
 * base64(HMAC-SHA256(clientSecret, METHOD + URI + rawBody + timestamp)), where the URI is the full
 * public URL with a fixed set of percent-escapes decoded, and the timestamp is at most 5 minutes old.
 * Our own implementation: @hubspot/api-client's does not decode the URI and compares with `===`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** Decodes exactly the escapes HubSpot decodes before signing; everything else stays as sent. */
export function normaliseSignedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

export function signV3(input: { method: string; uri: string; body: string; timestamp: string; secret: string }): string {
  const source = input.method.toUpperCase() + normaliseSignedUri(input.uri) + input.body + input.timestamp;
  return createHmac('sha256', input.secret).update(source, 'utf8').digest('base64');
}

export type SignatureFailure = 'missing' | 'bad_timestamp' | 'expired' | 'mismatch';

export function verifyV3(input: {
  method: string;
  uri: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  secret: string;
  now?: number;
}): { ok: true } | { ok: false; reason: SignatureFailure } {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(input.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const now = input.now ?? Date.now();
  // Reject old requests (replay) and ones from too far in the future (clock games), both by 5 minutes.
  if (Math.abs(now - Number(input.timestamp)) > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(signV3({ ...input, timestamp: input.timestamp }), 'utf8');
  const given = Buffer.from(input.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
