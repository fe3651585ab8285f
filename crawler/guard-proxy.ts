import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { assertPublicUrl, type UrlGuardOptions } from './url-guard.js';

export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's proxy setting. */
  url: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade'];

function forwardedHeaders(headers: IncomingHttpHeaders, host: string): IncomingHttpHeaders {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
  return { ...kept, host };
}

/**
 * The only way out for a crawling Chromium: an HTTP proxy on loopback that applies the SSRF guard
 * to every connection and dials the address the guard validated (so DNS cannot change between
 * check and connect). Request interception cannot see everything a page does (preconnects, some
 * prefetches); a proxy sees every socket. Plain http is forwarded; https and wss are CONNECT
 * tunnels to the pinned address. Refused connections get 403 and nothing is dialled.
 */
export async function startGuardProxy(guard: UrlGuardOptions): Promise<GuardProxy> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const guarded = await assertPublicUrl(req.url ?? '', guard);
        const upstream = httpRequest(
          {
            host: guarded.address,
            port: Number(guarded.url.port || 80),
            method: req.method,
            path: `${guarded.url.pathname}${guarded.url.search}`,
            headers: forwardedHeaders(req.headers, guarded.url.host),
          },
          (response) => {
            res.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        req.pipe(upstream);
      } catch {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('blocked by the monitor');
      }
    })();
  });
  server.on('connect', (req, client, head) => {
    void (async () => {
      client.on('error', () => client.destroy());
      try {
        const guarded = await assertPublicUrl(`https://${req.url ?? ''}/`, guard);
        const upstream = connect(Number(guarded.url.port || 443), guarded.address, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
      } catch {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      }
    })();
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
