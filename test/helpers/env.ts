import { parseEnv, type Env } from '../../backend/src/env.ts';

/** A valid test environment; override what a test is about. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    SANDBOX_MODE: 'off',
    ...overrides,
  });
}
