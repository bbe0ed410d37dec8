import { parseEnv, type Env } from '../../backend/src/env.ts';

/** The variables every test service runs with (everything else takes its default). */
export const TEST_VARIABLES: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  PORT: '0',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  SANDBOX_MODE: 'off',
};

/** A valid test environment; override what a test is about. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({ ...TEST_VARIABLES, ...overrides });
}
