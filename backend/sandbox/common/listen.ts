import type { RequestListener } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ListeningServer {
  /** e.g. http://127.0.0.1:4010 (no trailing slash) */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Tells when the emulator answered a request that may have changed its state (anything but GET/HEAD/OPTIONS). */
export function notifyingWrites(handler: RequestListener, onWrite: (() => void) | undefined): RequestListener {
  if (!onWrite) return handler;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') res.once('finish', onWrite);
    handler(req, res);
  };
}

/**
 * Starts an HTTP server for an emulator. `port` 0 picks a free port (tests, benchmarks). close()
 * destroys open sockets too, so a held-open "timeout" fault never keeps a test process alive.
 */
export async function listen(handler: RequestListener, port = 0, host = '127.0.0.1'): Promise<ListeningServer> {
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
