/**
 * Tokens that never break: one refresh for many concurrent callers across processes (QuickBooks
 * rotates refresh tokens, so a second refresh would burn the first), and a refused refresh token
 * surfaced as "needs reconnect" (QuickBooks) or as an uninstall (HubSpot).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qboAccessToken } from '../../backend/src/connections/qbo-tokens.ts';
import { hubspotAccessToken } from '../../backend/src/connections/hubspot-tokens.ts';
import { getInstallation, getInstallationTokens } from '../../backend/src/db/installations.ts';
import { getQboConnection, getQboTokens } from '../../backend/src/db/qbo-connections.ts';
import { NeedsReconnectError } from '../../backend/src/vendors/token-refresh.ts';
import { envToVariables } from '../../backend/src/env.ts';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const PORTAL = 53_000_001;
const REALM = '7300001';

type CallerResult = { ok: true; token: string } | { ok: false; error: string };

function otherProcess(h: AppHarness, callers: number): { ready: Promise<void>; go(): void; done: Promise<CallerResult[]> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/refresh-worker.ts', String(PORTAL), String(callers)], {
    env: { ...process.env, ...envToVariables(h.ctx.env), LOG_LEVEL: 'silent' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) signalReady();
  });
  const done = new Promise<CallerResult[]>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length)) as CallerResult[]) : reject(new Error(`worker exited ${code}`)))),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

const refreshTokensOfRealm = (h: AppHarness) => {
  const grants = new Set([...h.qbo.state.grants.values()].filter((g) => g.realmId === REALM).map((g) => g.id));
  return [...h.qbo.state.refreshTokens.values()].filter((t) => grants.has(t.grantId)).length;
};

/**
 * A slow network in front of Intuit's token endpoint (300 ms each way of the call), so concurrent
 * refreshes really overlap: without the cross-process lock, both processes would refresh.
 */
async function slowTokenEndpoint(): Promise<{ url: string; target: { url: string }; calls: () => number; close(): Promise<void> }> {
  const target = { url: '' };
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        void fetch(target.url, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '', authorization: req.headers.authorization ?? '' }, body: Buffer.concat(chunks) }).then(async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        });
      }, 300);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, target, calls: () => calls, close: () => new Promise((r) => server.close(() => r())) };
}

describe('token refresh', () => {
  let h: AppHarness;
  let slow: Awaited<ReturnType<typeof slowTokenEndpoint>>;
  beforeAll(async () => {
    slow = await slowTokenEndpoint();
    h = await startAppHarness({ QBO_OAUTH_TOKEN_URL: slow.url });
    slow.target.url = `${h.qbo.baseUrl}/oauth2/v1/tokens/bearer`;
    expect((await h.install(PORTAL)).status).toBe(302);
    expect((await h.connect(PORTAL, REALM)).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
    await slow.close();
  });

  it('20 concurrent callers in two processes: exactly one refresh, nobody sees invalid_grant', async () => {
    const before = await getQboTokens(h.db.db, h.ctx.cipher, PORTAL);
    await h.db.db('qbo_connections').where({ portal_id: PORTAL }).update({ access_token_expires_at: h.db.db.raw(`now() - interval '1 minute'`) });
    const issuedBefore = refreshTokensOfRealm(h);
    const tokenCallsBefore = slow.calls();
    const worker = otherProcess(h, 10);
    await worker.ready; // both processes start calling at the same moment
    worker.go();
    const here = await Promise.all(Array.from({ length: 10 }, () => qboAccessToken(h.ctx, PORTAL).then((t) => ({ ok: true as const, token: t.accessToken }))));
    const there = await worker.done;
    const all: CallerResult[] = [...here, ...there];
    expect(all.filter((r) => !r.ok)).toEqual([]);
    const tokens = new Set(all.map((r) => (r.ok ? r.token : '')));
    expect(tokens.size).toBe(1);
    expect(tokens.has(before!.accessToken)).toBe(false);
    expect(refreshTokensOfRealm(h) - issuedBefore).toBe(1);
    expect(slow.calls() - tokenCallsBefore).toBe(1);
    // the rotated refresh token was stored before the new access token was handed out
    const after = await getQboTokens(h.db.db, h.ctx.cipher, PORTAL);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.accessToken).toBe([...tokens][0]);
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  it('a fresh token is used as is (no refresh)', async () => {
    const issued = refreshTokensOfRealm(h);
    await qboAccessToken(h.ctx, PORTAL);
    expect(refreshTokensOfRealm(h)).toBe(issued);
  });

  it('QuickBooks refusing the refresh token: needs reconnect, alert raised, the account’s queued jobs cancelled', async () => {
    await h.ctx.queue.send('webhooks.process', { portalId: PORTAL, source: 'quickbooks' }, { startAfterSeconds: 3600 });
    for (const g of h.qbo.state.grants.values()) if (g.realmId === REALM) g.revoked = true;
    await h.db.db('qbo_connections').where({ portal_id: PORTAL }).update({ access_token_expires_at: h.db.db.raw(`now() - interval '1 minute'`) });
    await expect(qboAccessToken(h.ctx, PORTAL)).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(await getQboConnection(h.db.db, PORTAL)).toMatchObject({ status: 'needs_reconnect' });
    const alerts = await h.db.db('account_alerts').where({ portal_id: PORTAL, kind: 'qbo_needs_reconnect' }).whereNull('dismissed_at');
    expect(alerts).toHaveLength(1);
    const queued = await h.db.db.raw<{ rows: Array<{ state: string }> }>(`select state from pgboss.job where name = 'webhooks.process' and data->>'portalId' = ?`, [String(PORTAL)]);
    expect(queued.rows.map((r) => r.state)).toEqual(['cancelled']);
  });

  it('HubSpot refusing the refresh token means the app was uninstalled: tokens deleted, data kept', async () => {
    const tokens = await getInstallationTokens(h.db.db, h.ctx.cipher, PORTAL);
    const revoke = await fetch(`${h.hubspot.baseUrl}/oauth/v1/refresh-tokens/${tokens!.refreshToken}`, { method: 'DELETE' });
    expect(revoke.status).toBe(204);
    await h.db.db('hubspot_installations').where({ portal_id: PORTAL }).update({ access_token_expires_at: h.db.db.raw(`now() - interval '1 minute'`) });
    await expect(hubspotAccessToken(h.ctx, PORTAL)).rejects.toBeInstanceOf(NeedsReconnectError);
    const installation = await getInstallation(h.db.db, PORTAL);
    expect(installation).toMatchObject({ status: 'uninstalled' });
    const row = await h.db.db('hubspot_installations').where({ portal_id: PORTAL }).first();
    expect(row).toMatchObject({ access_token_sealed: null, refresh_token_sealed: null });
    expect(row.purge_after.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});
