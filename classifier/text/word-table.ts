/**
 * Words and what was read of them, found by a hash of their characters that the tokenizer takes
 * while it scans the text: a word already read is found where it stands in the text, without
 * copying it out first (most words of a post have been read before). Open addressing, grown by
 * doubling; emptied, back to its first size, when it holds `limit` words.
 */
export class WordTable<T> {
  private hashes!: Int32Array;
  private words!: (string | undefined)[];
  private values!: (T | undefined)[];
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly initialCapacity = 1024,
  ) {
    this.allocate(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** What was read of the word `text[start, start + length)`, whose hash (wordHash) is `hash`. */
  find(text: string, start: number, length: number, hash: number): T | undefined {
    const mask = this.words.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.words[slot];
      if (word === undefined) return undefined;
      if (this.hashes[slot] === hash && word.length === length && text.startsWith(word, start)) return this.values[slot];
    }
  }

  /** Keeps what was read of a word not in the table. */
  add(word: string, hash: number, value: T): void {
    if (this.count >= this.limit) {
      this.allocate(this.initialCapacity);
      this.count = 0;
    }
    if (2 * (this.count + 1) > this.words.length) this.grow();
    this.insert(word, hash, value);
    this.count++;
  }

  private insert(word: string, hash: number, value: T): void {
    const mask = this.words.length - 1;
    let slot = hash & mask;
    while (this.words[slot] !== undefined) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.words[slot] = word;
    this.values[slot] = value;
  }

  private grow(): void {
    const { hashes, words, values } = this;
    this.allocate(2 * words.length);
    for (let slot = 0; slot < words.length; slot++) {
      const word = words[slot];
      if (word !== undefined) this.insert(word, hashes[slot]!, values[slot]!);
    }
  }

  private allocate(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.words = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }
}

export const WORD_HASH_SEED = 0x811c9dc5 | 0;
export const WORD_HASH_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `text[start, end)`, as a signed 32-bit integer. */
export function wordHash(text: string, start: number, end: number): number {
  let hash = WORD_HASH_SEED;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), WORD_HASH_PRIME);
  return hash;
}
