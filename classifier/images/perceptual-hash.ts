import sharp from 'sharp';

const SIZE = 32;
const LOW = 8;

// DCT-II basis, computed once: COS[k][n] = cos(π (2n + 1) k / 2N).
const COS = Array.from({ length: SIZE }, (_, k) => Float64Array.from({ length: SIZE }, (_, n) => Math.cos((Math.PI * (2 * n + 1) * k) / (2 * SIZE))));

/**
 * 64-bit perceptual hash (pHash) as 16 hex digits: flatten on white, trim uniform margins (so
 * added or cropped borders do not matter), shrink to 32×32 grey, take the 8×8 lowest DCT
 * frequencies and set each bit by comparison with their median. Resizing, recompression and
 * moderate colour shifts move few bits; a different image moves about half of them.
 */
export async function perceptualHash(image: Uint8Array): Promise<string> {
  const pixels = await greyPixels(image);
  const rows = Array.from({ length: SIZE }, (_, y) => pixels.subarray(y * SIZE, (y + 1) * SIZE));
  const coefficients: number[] = [];
  for (let u = 0; u < LOW; u++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) {
        const cosU = COS[u]![y]!;
        const row = rows[y]!;
        for (let x = 0; x < SIZE; x++) sum += row[x]! * cosU * COS[v]![x]!;
      }
      coefficients.push(sum);
    }
  }
  // The DC term only says how bright the image is; leave it out of the median.
  const median = [...coefficients.slice(1)].sort((a, b) => a - b)[Math.floor((coefficients.length - 1) / 2)]!;
  let bits = 0n;
  for (const coefficient of coefficients) bits = (bits << 1n) | (coefficient > median ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

async function greyPixels(image: Uint8Array): Promise<Uint8Array> {
  const flat = sharp(image, { limitInputPixels: 40_000_000 }).flatten({ background: '#ffffff' });
  const trimmed = await flat
    .clone()
    .trim({ threshold: 12 })
    .toBuffer()
    .catch(() => undefined); // a uniform image has nothing to trim
  return new Uint8Array(
    await sharp(trimmed ?? (await flat.png().toBuffer()))
      .resize(SIZE, SIZE, { fit: 'fill' })
      .greyscale()
      .raw()
      .toBuffer(),
  );
}

/** Bits that differ between two hashes (0 = same picture, about 32 = unrelated). */
export function hammingDistance(a: string, b: string): number {
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff > 0n) {
    count += Number(diff & 1n);
    diff >>= 1n;
  }
  return count;
}
