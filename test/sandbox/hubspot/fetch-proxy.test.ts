/**
 * hubspot.fetch as the emulator's proxy runs it (ui-extensions/fetch-proxy.ts), against a small server
 * standing in for our backend: permittedUrls, the local proxy map, appId and a v3 signature our own
 * verifier accepts, one retry on a 5xx or a dropped connection (not on a 4xx), the 1 MB limits, the only
 * header allowed, the 15 s ceiling and a short timeout.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchProxyError, HubSpotFetchProxy, type ProxyApp } from '../../../backend/sandbox/hubspot/ui-extensions/fetch-proxy.ts';
import { verifyV3 } from '../../../backend/src/vendors/hubspot/signature.ts';

const SECRET = 'proxy-test-secret';
const PUBLIC = 'https://sync.example.com';

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: IncomingMessage['headers'];
}

describe('hubspot.fetch proxy', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let app: ProxyApp;
  const proxy = new HubSpotFetchProxy();

  beforeAll(async () => {
    let flaky = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
        const path = (req.url ?? '').split('?')[0];
        if (path === '/flaky') return void res.writeHead(flaky++ % 2 === 0 ? 503 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
        if (path === '/always-500') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"down"}');
        if (path === '/drop') return void req.socket.destroy();
        if (path === '/bad-request') return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"invalid_request"}}');
        if (path === '/huge') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(1024 * 1024 + 10)}"`);
        if (path === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 1_000);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = { appId: 77, clientSecret: SECRET, permittedOrigins: [PUBLIC], localProxy: { [PUBLIC]: base } };
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const last = () => seen[seen.length - 1]!;
  const calls = (path: string) => seen.filter((s) => s.url.startsWith(path)).length;

  it('sends to the mapped origin with appId, JSON body and a v3 signature over the URL it reaches', async () => {
    const answer = await proxy.send(app, 1, `${PUBLIC}/api/v1/things?portalId=1`, { method: 'POST', body: { a: 1 }, timeout: 5_000 });
    expect(answer).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' } });
    const request = last();
    expect(request.url).toBe('/api/v1/things?portalId=1&appId=77');
    expect(request.body).toBe('{"a":1}');
    expect(request.headers['x-hubspot-signature-version']).toBe('v3');
    const valid = verifyV3({
      method: 'POST',
      uri: `${base}${request.url}`,
      body: request.body,
      timestamp: String(request.headers['x-hubspot-request-timestamp']),
      signature: String(request.headers['x-hubspot-signature-v3']),
      secret: SECRET,
    });
    expect(valid).toEqual({ ok: true });
  });

  it('refuses origins outside permittedUrls, plain HTTP, other headers, a GET body and timeouts above 15 s', async () => {
    await expect(proxy.send(app, 1, 'https://elsewhere.example.com/x', {})).rejects.toMatchObject({ category: 'FORBIDDEN' });
    await expect(proxy.send(app, 1, 'http://sync.example.com/x', {})).rejects.toBeInstanceOf(FetchProxyError);
    await expect(proxy.send(app, 1, `${PUBLIC}/x`, { headers: { 'x-custom': '1' } })).rejects.toThrow("Only 'Authorization' header is allowed");
    await expect(proxy.send(app, 1, `${PUBLIC}/x`, { method: 'GET', body: { a: 1 } })).rejects.toThrow('a GET request cannot have a body');
    await expect(proxy.send(app, 1, `${PUBLIC}/x`, { timeout: 20_000 })).rejects.toThrow('timeout must be between');
  });

  it('retries once on a 5xx or a dropped connection, never on a 4xx', async () => {
    expect((await proxy.send(app, 1, `${PUBLIC}/flaky`, { method: 'POST', body: {} })).status).toBe(200);
    expect(calls('/flaky')).toBe(2);
    expect((await proxy.send(app, 1, `${PUBLIC}/always-500`, {})).status).toBe(500);
    expect(calls('/always-500')).toBe(2);
    await expect(proxy.send(app, 1, `${PUBLIC}/drop`, {})).rejects.toMatchObject({ category: 'BAD_GATEWAY' });
    expect(calls('/drop')).toBe(2);
    expect((await proxy.send(app, 1, `${PUBLIC}/bad-request`, { method: 'POST', body: {} })).status).toBe(400);
    expect(calls('/bad-request')).toBe(1);
  });

  it('limits request and response bodies to 1 MB and gives up at the timeout', async () => {
    await expect(proxy.send(app, 1, `${PUBLIC}/x`, { method: 'POST', body: { big: 'y'.repeat(1024 * 1024) } })).rejects.toMatchObject({ category: 'PAYLOAD_TOO_LARGE' });
    await expect(proxy.send(app, 1, `${PUBLIC}/huge`, {})).rejects.toMatchObject({ category: 'PAYLOAD_TOO_LARGE' });
    await expect(proxy.send(app, 1, `${PUBLIC}/slow`, { timeout: 200 })).rejects.toMatchObject({ category: 'GATEWAY_TIMEOUT' });
  });
});
