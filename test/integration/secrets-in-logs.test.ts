/**
 * Secrets never reach the logs: every token-handling path runs with a trace-level logger whose
 * output is captured, then searched for the secret values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenCipher } from '../../backend/src/crypto/token-cipher.ts';
import { getInstallationTokens, upsertInstallation } from '../../backend/src/db/installations.ts';
import { startService, type RunningService } from '../../backend/src/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { testEnv } from '../helpers/env.ts';
import { capturingLogger } from '../helpers/logs.ts';

const ACCESS = 'ACCESS-TOKEN-f1f2f3f4';
const REFRESH = 'REFRESH-TOKEN-a9b8c7d6';
const CLIENT_SECRET = 'CLIENT-SECRET-5e5e5e';
const KEY = Buffer.alloc(32, 9).toString('base64');

describe('secrets in logs', () => {
  let t: TestDatabase;
  let service: RunningService;
  const logs = capturingLogger('trace');

  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
    service = await startService(
      'all',
      testEnv({ DATABASE_URL: t.url, LOG_LEVEL: 'trace', TOKEN_ENCRYPTION_KEY: KEY, HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: CLIENT_SECRET }),
      logs.logger,
    );
  });
  afterAll(async () => {
    await service.stop();
    await t.drop();
  });

  it('redacts tokens and secrets wherever they sit in a logged object', () => {
    const { logger } = service.ctx;
    logger.info({ access_token: ACCESS, refresh_token: REFRESH }, 'token response');
    logger.info({ tokens: { accessToken: ACCESS, refreshToken: REFRESH } }, 'nested tokens');
    logger.info({ response: { body: { access_token: ACCESS } } }, 'vendor response');
    logger.info({ req: { headers: { authorization: `Bearer ${ACCESS}` } } }, 'request');
    logger.info({ client_secret: CLIENT_SECRET, config: { clientSecret: CLIENT_SECRET } }, 'oauth config');
    const out = logs.output();
    expect(out).toContain('[redacted]');
    for (const secret of [ACCESS, REFRESH, CLIENT_SECRET]) expect(out).not.toContain(secret);
  });

  it('stores, reads and fails on tokens without logging them', async () => {
    const cipher = service.ctx.cipher;
    await upsertInstallation(service.ctx.db, cipher, { portalId: 77, scopes: [], tokens: { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: new Date() } });
    expect((await getInstallationTokens(service.ctx.db, cipher, 77))?.accessToken).toBe(ACCESS);
    const stored = JSON.stringify(await t.db('hubspot_installations').where({ portal_id: 77 }).first());
    expect(stored).not.toContain(ACCESS);
    expect(stored).not.toContain(REFRESH);
    // a request carrying a bearer token that ends in an error is logged without the header value
    await fetch(`${service.url}/nope`, { headers: { authorization: `Bearer ${ACCESS}` } });
    const wrongKey = new TokenCipher({ id: 'other', key: Buffer.alloc(32, 1) });
    await expect(getInstallationTokens(service.ctx.db, wrongKey, 77)).rejects.toThrow(/unknown key/);
    const out = logs.output();
    for (const secret of [ACCESS, REFRESH, CLIENT_SECRET, KEY]) expect(out).not.toContain(secret);
  });
});
