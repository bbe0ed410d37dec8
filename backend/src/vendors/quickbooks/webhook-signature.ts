/** Intuit webhooks: `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)), compared in constant time. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signIntuitPayload(rawBody: Buffer | string, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

export function verifyIntuitSignature(rawBody: Buffer | string, signature: string | undefined, verifierToken: string): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signIntuitPayload(rawBody, verifierToken), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
