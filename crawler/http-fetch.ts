import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { SourceRejectedError, SourceUnavailableError } from '../lib/errors.js';
import { decodeBody } from './charset.js';
import { assertPublicUrl, type UrlGuardOptions } from './url-guard.js';

export interface FetchOptions {
  guard: UrlGuardOptions;
  userAgent: string;
  /** Decompressed bytes kept at most. @default 5 MiB */
  maxBodyBytes?: number;
  /** @default 10000 */
  connectTimeoutMs?: number;
  /** Time to the response headers. @default 15000 */
  headersTimeoutMs?: number;
  /** Time between body chunks. @default 15000 */
  bodyTimeoutMs?: number;
  /** @default 5 */
  maxRedirects?: number;
  /** Conditional request validators from the previous fetch. */
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { notModified: true; url: string; status: 304; headers: Record<string, string> }
  | {
      notModified: false;
      /** Final URL after redirects. */
      url: string;
      status: number;
      headers: Record<string, string>;
      /** Raw bytes as received (after decompression), for evidence. */
      body: Uint8Array;
      text: string;
      encoding: string;
    };

const MIB = 1024 * 1024;
const MAX_RETRY_AFTER_MS = 3_600_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET with the SSRF guard at every hop: redirects are followed by hand, each target re-checked,
 * and the connection goes to the address the guard validated (pinned, so DNS cannot change it
 * between check and connect). Failures are classified where they happen: permanent ones as
 * SourceRejectedError, transient ones as SourceUnavailableError naming the phase.
 */
export async function fetchGuarded(rawUrl: string, options: FetchOptions): Promise<FetchResult> {
  let current = rawUrl;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const guarded = await assertPublicUrl(current, options.guard).catch((error: Error) => {
      // A refused hop blocks the redirect; a resolver failing for now stays transient.
      throw hop === 0 || !(error instanceof SourceRejectedError)
        ? error
        : new SourceRejectedError(`blocked: redirect to ${current}: ${error.message}`, { cause: error, fr: `refusé : redirection vers ${current} : ${error.messageIn('fr')}` });
    });
    const response = await requestOnce(guarded.url, guarded.address, options);
    if (REDIRECTS.has(response.statusCode)) {
      response.body.destroy();
      const location = headerOf(response.headers, 'location');
      if (!location) throw new SourceRejectedError(`${current}: redirect ${response.statusCode} without Location`, { fr: `${current} : redirection ${response.statusCode} sans adresse (Location)` });
      current = new URL(location, guarded.url).toString();
      continue;
    }
    return await toResult(guarded.url.toString(), response, options);
  }
  const maxRedirects = options.maxRedirects ?? 5;
  throw new SourceRejectedError(`${rawUrl}: more than ${maxRedirects} redirects`, { fr: `${rawUrl} : plus de ${maxRedirects} redirections` });
}

type RawResponse = Awaited<ReturnType<typeof request>>;

async function requestOnce(url: URL, address: string, options: FetchOptions): Promise<RawResponse> {
  const dispatcher = new Agent({
    connect: {
      timeout: options.connectTimeoutMs ?? 10_000,
      // Pin the validated address: the name is never resolved again for this connection.
      lookup: (_hostname, _opts, callback) => callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]),
    },
    headersTimeout: options.headersTimeoutMs ?? 15_000,
    bodyTimeout: options.bodyTimeoutMs ?? 15_000,
  });
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: 'text/html,application/xhtml+xml,application/xml,application/json;q=0.9,*/*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  try {
    const response = await request(url, { method: 'GET', headers, dispatcher, maxRedirections: 0 });
    response.body.once('close', () => void dispatcher.close());
    // Bodies we drop on purpose (redirects, errors, caps) end with an abort error: not a failure.
    response.body.on('error', () => {});
    return response;
  } catch (error) {
    void dispatcher.close();
    throw failedPhase(url, error);
  }
}

async function toResult(url: string, response: RawResponse, options: FetchOptions): Promise<FetchResult> {
  const headers = flattenHeaders(response.headers);
  const status = response.statusCode;
  if (status === 304) {
    response.body.destroy();
    return { notModified: true, url, status: 304, headers };
  }
  if (status === 404 || status === 410) {
    response.body.destroy();
    throw new SourceRejectedError(`${url}: ${status} ${status === 410 ? 'Gone' : 'Not Found'}`, { fr: `${url} : ${status} (la page n’existe ${status === 410 ? 'plus' : 'pas'})` });
  }
  if (status === 429 || status >= 500) {
    response.body.destroy();
    const retryAfterMs = parseRetryAfter(headers['retry-after']);
    throw new SourceUnavailableError(`${url}: ${status}${retryAfterMs ? `, retry after ${retryAfterMs} ms` : ''}`, {
      retryAfterMs,
      fr: `${url} : ${status}${retryAfterMs ? `, nouvel essai dans ${retryAfterMs} ms` : ''}`,
    });
  }
  if (status >= 400) {
    response.body.destroy();
    throw new SourceRejectedError(`${url}: ${status}`, { fr: `${url} : ${status} (refusé par le site)` });
  }
  const body = await readCapped(response, options.maxBodyBytes ?? 5 * MIB, url);
  const decoded = decodeBody(body, headers['content-type']);
  return { notModified: false, url, status, headers, body, text: decoded.text, encoding: decoded.encoding };
}

/** Reads (and decompresses) at most `limit` bytes; more is a permanent error for this URL. */
async function readCapped(response: RawResponse, limit: number, url: string): Promise<Uint8Array> {
  const encoding = headerOf(response.headers, 'content-encoding')?.toLowerCase();
  let stream: Readable = response.body;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.body.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.body.pipe(createInflate());
  else if (encoding === 'br') stream = response.body.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        response.body.destroy();
        stream.destroy();
        throw new SourceRejectedError(`${url}: body larger than ${limit} bytes (after decompression)`, { fr: `${url} : page de plus de ${limit} octets (une fois décompressée)` });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof SourceRejectedError) throw error;
    throw failedPhase(url, error);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Retry-After in seconds or as an HTTP date, capped at one hour; absurd values are capped too. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(value).getTime() - now;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** Which step of a request failed, in both languages. */
function phaseOf(error: unknown): { en: string; fr: string } {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ECONNREFUSED' || code === 'ECONNRESET') return { en: 'connect', fr: 'la connexion' };
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { en: 'first byte', fr: 'l’attente de la réponse' };
  if (code === 'UND_ERR_BODY_TIMEOUT') return { en: 'body', fr: 'la lecture de la page' };
  if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') return { en: 'decompression', fr: 'la décompression' };
  return { en: 'request', fr: 'la requête' };
}

/** A request that failed on the way (connection, timeout, decompression): transient. */
function failedPhase(url: string | URL, error: unknown): SourceUnavailableError {
  const phase = phaseOf(error);
  const detail = (error as Error).message;
  return new SourceUnavailableError(`${url}: ${phase.en} failed: ${detail}`, { cause: error, fr: `${url} : échec de ${phase.fr} : ${detail}` });
}

function headerOf(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: RawResponse['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}
