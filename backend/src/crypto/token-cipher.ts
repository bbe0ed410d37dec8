/**
 * AES-256-GCM for OAuth tokens at rest. Each ciphertext names the key that sealed it
 * (`v1.<keyId>.<iv>.<tag>.<data>`), so the operator can rotate: set a new current key, keep the old
 * one in TOKEN_ENCRYPTION_PREVIOUS_KEYS, and rows are re-sealed under the new key as they are read
 * or by `rotateTokenKeys`. The associated data binds a ciphertext to its row and column, so a token
 * copied into another account's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export interface TokenKey {
  id: string;
  key: Buffer;
}

export class TokenCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenCipherError';
  }
}

export class TokenCipher {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: TokenKey,
    previous: TokenKey[] = [],
  ) {
    for (const k of [current, ...previous]) {
      if (k.key.length !== 32) throw new TokenCipherError(`key "${k.id}" must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new TokenCipherError(`key id "${k.id}" must be 1-32 of [A-Za-z0-9_-]`);
      this.keys.set(k.id, k.key);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  /** `context` names where the value lives, e.g. "hubspot_installations:123:refresh_token". */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new TokenCipherError('not a sealed token');
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new TokenCipherError(`token was sealed with unknown key "${keyId}"; add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenCipherError('token failed authentication (wrong key, wrong row, or tampered)');
    }
  }

  keyIdOf(sealed: string): string | undefined {
    const parts = sealed.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }

  /** True when the value should be re-sealed under the current key. */
  needsRotation(sealed: string): boolean {
    return this.keyIdOf(sealed) !== this.current.id;
  }
}

/** Parses "kid:base64,kid2:base64" (TOKEN_ENCRYPTION_PREVIOUS_KEYS). */
export function parsePreviousKeys(value: string): TokenKey[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new TokenCipherError('TOKEN_ENCRYPTION_PREVIOUS_KEYS entries look like "kid:base64key"');
      return { id: entry.slice(0, colon), key: Buffer.from(entry.slice(colon + 1), 'base64') };
    });
}
