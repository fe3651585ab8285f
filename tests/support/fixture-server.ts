import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

/** A loopback HTTP server for crawler tests; routes are given per test file. */
export async function startFixtureServer(routes: Record<string, Handler>): Promise<{ base: string; host: string; close(): Promise<void>; hits: string[] }> {
  const hits: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const handler = routes[(req.url ?? '/').split('?')[0]!];
    if (!handler) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    handler(req, res, base);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  return {
    base,
    host: `127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

/**
 * A TCP listener that only counts connections: any count above 0 means a guard let a request
 * through. On `port: 80` and host `::` it catches every loopback form an attacker could name.
 */
export async function startCanary(at: { port?: number; host?: string } = {}): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections++;
    socket.once('data', (chunk) => process.stderr.write(`CANARY ${chunk.toString('latin1').split('\r\n')[0]}\n`));
    setTimeout(() => socket.destroy(), 200);
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen({ port: at.port ?? 0, host: at.host ?? '127.0.0.1', ipv6Only: false }, () => resolveListen());
  });
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

export const gzipBomb = (decompressedBytes: number) => gzipSync(Buffer.alloc(decompressedBytes));
