import { describe, expect, it } from 'vitest';
import { EnvError, isSandboxMode, parseEnv } from '../../backend/src/env.ts';

describe('env schema', () => {
  it('starts with nothing set: vendor URLs default to the real vendors', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HUBSPOT_API_BASE_URL).toBe('https://api.hubapi.com');
    expect(env.QBO_OAUTH_TOKEN_URL).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(isSandboxMode(env)).toBe(true);
  });

  it('lists every bad variable in one error, without echoing secrets', () => {
    let caught: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=', HUBSPOT_API_BASE_URL: 'ftp://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const error = caught as EnvError;
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'HUBSPOT_API_BASE_URL', 'LOG_LEVEL', 'PORT', 'TOKEN_ENCRYPTION_KEY']);
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('(got "eighty")');
    expect(error.message).toContain('32 bytes');
    expect(error.message).not.toContain('hunter2');
  });

  it('requires production secrets in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrowError(/TOKEN_ENCRYPTION_KEY: is required when NODE_ENV=production/);
  });

  it('treats empty strings as unset and strips trailing slashes from URLs', () => {
    const env = parseEnv({ DATABASE_URL: '', QBO_API_BASE_URL: 'http://127.0.0.1:4020/' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.QBO_API_BASE_URL).toBe('http://127.0.0.1:4020');
  });

  it('refuses a pool too small for the jobs that hold a connection while they run', () => {
    expect(parseEnv({}).DATABASE_POOL_MAX).toBeGreaterThanOrEqual(parseEnv({}).WORKER_CATCH_UP_CONCURRENCY + parseEnv({}).WORKER_CONCURRENCY + 4);
    expect(() => parseEnv({ DATABASE_POOL_MAX: '20', WORKER_CATCH_UP_CONCURRENCY: '16', WORKER_CONCURRENCY: '4' })).toThrowError(/DATABASE_POOL_MAX: must be at least .* \(24\)/);
    expect(parseEnv({ DATABASE_POOL_MAX: '24', WORKER_CATCH_UP_CONCURRENCY: '16', WORKER_CONCURRENCY: '4' }).DATABASE_POOL_MAX).toBe(24);
  });

  it('requires client id and secret together', () => {
    expect(() => parseEnv({ HUBSPOT_CLIENT_ID: 'abc' })).toThrowError(/HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are set together/);
  });

  it('leaves sandbox mode when real HubSpot credentials are configured', () => {
    expect(isSandboxMode(parseEnv({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' }))).toBe(false);
    expect(isSandboxMode(parseEnv({ SANDBOX_MODE: 'on', HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: 'secret' }))).toBe(true);
  });
});
