/**
 * Authorization codes, access tokens and refresh tokens. Codes are single-use and short-lived, access
 * tokens expire (30 min by default), refresh tokens live until revoked or the app is uninstalled.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface Grant {
  portalId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
  user: string;
}

export interface AuthCode extends Grant {
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessToken extends Grant {
  token: string;
  expiresAt: number;
  refreshToken: string | null;
}

export interface RefreshToken extends Grant {
  token: string;
  revoked: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

export class TokenStore {
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, AccessToken>();
  readonly refreshTokens = new Map<string, RefreshToken>();

  constructor(public accessTokenTtlSeconds: number) {}

  issueCode(grant: Grant, redirectUri: string, now = Date.now()): string {
    const code = randomUUID();
    this.codes.set(code, { ...grant, redirectUri, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /** HubSpot access tokens are long opaque strings (region prefix + base64url). */
  issueAccessToken(grant: Grant, refreshToken: string | null, ttlSeconds = this.accessTokenTtlSeconds, now = Date.now()): AccessToken {
    const token = `CN${randomBytes(96).toString('base64url')}`;
    const record: AccessToken = { ...grant, token, refreshToken, expiresAt: now + ttlSeconds * 1000 };
    this.accessTokens.set(token, record);
    return record;
  }

  issueRefreshToken(grant: Grant): RefreshToken {
    const token = `na1-${randomUUID().slice(0, 4)}-${randomUUID()}`;
    const record: RefreshToken = { ...grant, token, revoked: false };
    this.refreshTokens.set(token, record);
    return record;
  }

  /** Uninstall: every token of the app for that account stops working. */
  revokeInstall(portalId: number, appId: number): void {
    for (const [token, t] of this.accessTokens) if (t.portalId === portalId && t.appId === appId) this.accessTokens.delete(token);
    for (const t of this.refreshTokens.values()) if (t.portalId === portalId && t.appId === appId) t.revoked = true;
  }

  revokeRefreshToken(token: string): boolean {
    const record = this.refreshTokens.get(token);
    if (!record || record.revoked) return false;
    record.revoked = true;
    for (const [access, t] of this.accessTokens) if (t.refreshToken === token) this.accessTokens.delete(access);
    return true;
  }
}
