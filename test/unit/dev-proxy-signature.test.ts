/**
 * `hs project dev`: HubSpot's local proxy signs the mapped local URL, not the public one. Accepted only
 * when HUBSPOT_DEV_PROXY_LOCAL_URL says so, and that setting is refused in production.
 */
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { parseEnv, EnvError } from '../../backend/src/env.ts';
import { verifiedHubSpotRequest } from '../../backend/src/http/middleware/hubspot-signature.ts';
import type { AppContext } from '../../backend/src/jobs/context.ts';
import { signV3 } from '../../backend/src/vendors/hubspot/signature.ts';

const SECRET = 'client-secret';
const silent = { warn: () => {}, info: () => {}, error: () => {} };

function check(env: Record<string, string>, signedOrigin: string): string {
  const ctx = { env: parseEnv({ HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://sync.acme.test', ...env }), logger: silent } as unknown as AppContext;
  const timestamp = String(Date.now());
  const path = '/api/v1/connection?portalId=42';
  const headers: Record<string, string> = {
    'x-hubspot-request-timestamp': timestamp,
    'x-hubspot-signature-v3': signV3({ method: 'GET', uri: `${signedOrigin}${path}`, body: '', timestamp, secret: SECRET }),
  };
  const req = { method: 'GET', originalUrl: path, path: '/api/v1/connection', rawBody: Buffer.alloc(0), get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
  let outcome = 'not called';
  try {
    verifiedHubSpotRequest(ctx)(req, {} as Response, () => (outcome = 'accepted'));
  } catch (err) {
    outcome = (err as { code?: string }).code ?? String(err);
  }
  return outcome;
}

describe('hs project dev signatures', () => {
  it('the public URL is always what is checked', () => {
    expect(check({}, 'https://sync.acme.test')).toBe('accepted');
  });

  it('a signature over the local URL is refused unless HUBSPOT_DEV_PROXY_LOCAL_URL names it', () => {
    expect(check({}, 'http://localhost:3000')).toBe('invalid_signature');
    expect(check({ HUBSPOT_DEV_PROXY_LOCAL_URL: 'http://localhost:3000' }, 'http://localhost:3000')).toBe('accepted');
    expect(check({ HUBSPOT_DEV_PROXY_LOCAL_URL: 'http://localhost:3000' }, 'http://localhost:4000')).toBe('invalid_signature');
  });

  it('cannot be configured in production, nor with a path', () => {
    const production = { NODE_ENV: 'production', HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: SECRET, PUBLIC_BASE_URL: 'https://sync.acme.test', HUBSPOT_DEV_PROXY_LOCAL_URL: 'http://localhost:3000' };
    expect(() => parseEnv(production)).toThrow(EnvError);
    expect(() => parseEnv(production)).toThrow(/HUBSPOT_DEV_PROXY_LOCAL_URL: is for hs project dev only/);
    expect(() => parseEnv({ HUBSPOT_DEV_PROXY_LOCAL_URL: 'http://localhost:3000/app' })).toThrow(/origin only/);
  });
});
