import { describe, expect, it } from 'vitest';
import { checkDownloadLink, signedDownloadUrl } from '../../../backend/src/exports/download-link.ts';
import { testEnv } from '../../helpers/env.ts';

const ID = '7d0c6c55-4a2c-4d5e-9a55-2f1f0c3b9a10';
const OTHER_ID = '1b8e8f0e-5b8e-4f7e-8a44-0c1d2e3f4a5b';
const env = testEnv({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'client-secret', PUBLIC_BASE_URL: 'https://sync.example.com' });
const now = new Date('2026-11-24T12:00:00Z');
const expiresAt = new Date('2026-11-25T12:00:00Z');

function partsOf(url: string) {
  const u = new URL(url);
  return { expires: u.searchParams.get('expires')!, signature: u.searchParams.get('signature')! };
}

describe('export download links', () => {
  const url = signedDownloadUrl(env, ID, expiresAt);
  const { expires, signature } = partsOf(url);

  it('point at the public origin and verify until they expire', () => {
    expect(url).toBe(`https://sync.example.com/exports/${ID}/download?expires=${expiresAt.getTime() / 1000}&signature=${signature}`);
    expect(checkDownloadLink(env, ID, expires, signature, now)).toEqual({ ok: true });
    expect(checkDownloadLink(env, ID, expires, signature, expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are bound to the export id and the expiry', () => {
    expect(checkDownloadLink(env, OTHER_ID, expires, signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkDownloadLink(env, ID, String(Number(expires) + 1), signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accept one spelling of the signature only (the last character’s unused bits make others decode the same)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const sameBytes = [0, 1, 2, 3].map((bits) => alphabet[(last & ~3) | bits]!).filter((c) => c !== signature.at(-1));
    for (const c of sameBytes) {
      const variant = `${signature.slice(0, -1)}${c}`;
      expect(Buffer.from(variant, 'base64url').equals(Buffer.from(signature, 'base64url'))).toBe(true);
      expect(checkDownloadLink(env, ID, expires, variant, now)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('cannot be minted without the app’s secrets (client secret and token key both count)', () => {
    const otherSecret = testEnv({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'another-secret' });
    const otherTokenKey = testEnv({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'client-secret', TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') });
    for (const other of [otherSecret, otherTokenKey]) {
      const forged = partsOf(signedDownloadUrl(other, ID, expiresAt));
      expect(checkDownloadLink(env, ID, forged.expires, forged.signature, now)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('refuse malformed parameters before any comparison', () => {
    for (const [e, s] of [
      [undefined, signature],
      [expires, undefined],
      ['soon', signature],
      [expires, signature.slice(1)],
      [expires, `${signature}=`],
      [[expires], signature],
    ] as const) {
      expect(checkDownloadLink(env, ID, e, s, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
