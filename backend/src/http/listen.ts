/**
 * The web server's port, bound before anything else starts (main.ts): a busy PORT is one line within
 * the first second, before the emulators, the database or the worker. Until the app is attached,
 * requests get the 503 envelope ("starting").
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '../env.ts';
import { listenError } from '../startup-error.ts';
import { errorEnvelope } from './errors.ts';

export interface WebServer {
  server: Server;
  url: string;
  /** Hands every request from now on to `app`. */
  attach(app: RequestListener): void;
  close(): Promise<void>;
}

const starting: RequestListener = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' });
  res.end(JSON.stringify(errorEnvelope('not_ready', 'The service is starting; try again in a few seconds.')));
};

export async function listenWeb(env: Pick<Env, 'PORT' | 'HOST'>): Promise<WebServer> {
  const server = createServer(starting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, { port: env.PORT, host: env.HOST, variable: 'PORT', what: 'the web server' })));
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`,
    attach: (app) => {
      server.removeListener('request', starting);
      server.on('request', app);
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      })),
  };
}
