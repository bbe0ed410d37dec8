import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipher, TokenCipherError, parsePreviousKeys } from '../../backend/src/crypto/token-cipher.ts';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('TokenCipher (AES-256-GCM)', () => {
  it('round-trips and never stores the plaintext', () => {
    const cipher = new TokenCipher(key('k1'));
    const sealed = cipher.encrypt('refresh-token-value', 'row:1:refresh_token');
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(sealed, 'row:1:refresh_token')).toBe('refresh-token-value');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new TokenCipher(key('k1'));
    expect(cipher.encrypt('same', 'ctx')).not.toBe(cipher.encrypt('same', 'ctx'));
  });

  it('refuses a ciphertext moved to another row or column', () => {
    const cipher = new TokenCipher(key('k1'));
    const sealed = cipher.encrypt('secret', 'hubspot_installations:1:access_token');
    expect(() => cipher.decrypt(sealed, 'hubspot_installations:2:access_token')).toThrow(TokenCipherError);
  });

  it('detects tampering', () => {
    const cipher = new TokenCipher(key('k1'));
    const parts = cipher.encrypt('secret', 'ctx').split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[4] = data.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'ctx')).toThrow(/failed authentication/);
  });

  it('rotates: old ciphertexts open with the previous key and are flagged for re-sealing', () => {
    const oldKey = key('k1');
    const before = new TokenCipher(oldKey);
    const sealedOld = before.encrypt('secret', 'ctx');
    const after = new TokenCipher(key('k2'), [oldKey]);
    expect(after.decrypt(sealedOld, 'ctx')).toBe('secret');
    expect(after.needsRotation(sealedOld)).toBe(true);
    const resealed = after.encrypt(after.decrypt(sealedOld, 'ctx'), 'ctx');
    expect(after.keyIdOf(resealed)).toBe('k2');
    expect(after.needsRotation(resealed)).toBe(false);
    // a cipher that was never given the old key says which key is missing
    expect(() => new TokenCipher(key('k3')).decrypt(sealedOld, 'ctx')).toThrow(/unknown key "k1"/);
  });

  it('parses previous keys and rejects malformed ones', () => {
    const k = randomBytes(32).toString('base64');
    expect(parsePreviousKeys(`old:${k}, older:${k}`).map((p) => p.id)).toEqual(['old', 'older']);
    expect(parsePreviousKeys('')).toEqual([]);
    expect(() => parsePreviousKeys('nocolon')).toThrow(TokenCipherError);
    expect(() => new TokenCipher({ id: 'short', key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
