/**
 * Decodes a fetched body the way browsers do: byte-order mark first, then the Content-Type
 * header's charset, then a `<meta charset>` (or http-equiv) in the first 2 KB, else UTF-8.
 * Invalid bytes become U+FFFD; unknown labels fall back to UTF-8 rather than failing.
 */
export interface DecodedBody {
  text: string;
  /** The encoding used (WHATWG name). */
  encoding: string;
  /** Where it came from. */
  from: 'bom' | 'header' | 'meta' | 'default';
}

const META_SCAN_BYTES = 2048;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;
const HEADER_CHARSET = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i;

export function decodeBody(body: Uint8Array, contentType: string | undefined): DecodedBody {
  const bom = sniffBom(body);
  if (bom) return decodeWith(body.subarray(bom.length), bom.encoding, 'bom');
  const fromHeader = contentType ? HEADER_CHARSET.exec(contentType)?.[1] : undefined;
  if (fromHeader && isKnown(fromHeader)) return decodeWith(body, fromHeader, 'header');
  const head = new TextDecoder('latin1').decode(body.subarray(0, META_SCAN_BYTES));
  const fromMeta = META_CHARSET.exec(head)?.[1];
  if (fromMeta && isKnown(fromMeta)) return decodeWith(body, fromMeta, 'meta');
  return decodeWith(body, 'utf-8', 'default');
}

function sniffBom(body: Uint8Array): { encoding: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function isKnown(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(body: Uint8Array, label: string, from: DecodedBody['from']): DecodedBody {
  const decoder = new TextDecoder(label, { fatal: false, ignoreBOM: true });
  return { text: decoder.decode(body), encoding: decoder.encoding, from };
}
