import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseSignedUri, verifyV3 } from '../../backend/src/vendors/hubspot/signature.ts';

const secret = 'client-secret-123';
/** Independent of the implementation under test: the documented recipe, written out by hand. */
function referenceSignature(method: string, decodedUri: string, body: string, ts: string): string {
  return createHmac('sha256', secret).update(`${method}${decodedUri}${body}${ts}`).digest('base64');
}

describe('HubSpot signature v3', () => {
  const now = 1_790_000_000_000;
  const ts = String(now - 1_000);
  const uri = 'https://sync.example.com/api/v1/connection?portalId=123&appId=9';
  const body = '{"replace":false}';

  it('accepts a valid signature', () => {
    const signature = referenceSignature('POST', uri, body, ts);
    expect(verifyV3({ method: 'POST', uri, body, timestamp: ts, signature, secret, now })).toEqual({ ok: true });
  });

  it('rejects a tampered body, a swapped portalId, a wrong secret and a wrong method', () => {
    const signature = referenceSignature('POST', uri, body, ts);
    expect(verifyV3({ method: 'POST', uri, body: '{"replace":true}', timestamp: ts, signature, secret, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyV3({ method: 'POST', uri: uri.replace('123', '456'), body, timestamp: ts, signature, secret, now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyV3({ method: 'POST', uri, body, timestamp: ts, signature, secret: 'other', now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyV3({ method: 'GET', uri, body, timestamp: ts, signature, secret, now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects timestamps older (or newer) than 5 minutes, and missing headers', () => {
    const old = String(now - 5 * 60_000 - 1);
    expect(verifyV3({ method: 'POST', uri, body, timestamp: old, signature: referenceSignature('POST', uri, body, old), secret, now })).toEqual({ ok: false, reason: 'expired' });
    const future = String(now + 5 * 60_000 + 1);
    expect(verifyV3({ method: 'POST', uri, body, timestamp: future, signature: referenceSignature('POST', uri, body, future), secret, now })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyV3({ method: 'POST', uri, body, timestamp: undefined, signature: 'x', secret, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyV3({ method: 'POST', uri, body, timestamp: 'soon', signature: 'x', secret, now })).toEqual({ ok: false, reason: 'bad_timestamp' });
  });

  it('decodes exactly the escapes HubSpot decodes before signing', () => {
    const sent = 'https://sync.example.com/api/v1/records?q=O%27Brien%20%26%20Sons%3A%40x&portalId=1';
    expect(normaliseSignedUri(sent)).toBe("https://sync.example.com/api/v1/records?q=O'Brien%20%26%20Sons:@x&portalId=1");
    const signature = referenceSignature('GET', "https://sync.example.com/api/v1/records?q=O'Brien%20%26%20Sons:@x&portalId=1", '', ts);
    expect(verifyV3({ method: 'GET', uri: sent, body: '', timestamp: ts, signature, secret, now })).toEqual({ ok: true });
  });
});
