import { describe, expect, it } from 'vitest';
import { WordTable, wordHash } from '../../classifier/text/word-table.js';

// The tokenizer's cache of words read: found where they stand in a text, by a hash taken while scanning.
describe('WordTable', () => {
  const add = (table: WordTable<number>, word: string, value: number) => table.add(word, wordHash(word, 0, word.length), value);
  const find = (table: WordTable<number>, text: string, start: number, end: number) => table.find(text, start, end - start, wordHash(text, start, end));

  it('when more words are added than its first size holds, then it grows and finds every one where it stands in a text', () => {
    const table = new WordTable<number>(10_000, 16);
    const words = Array.from({ length: 3_000 }, (_, i) => `mot${i}`);
    words.forEach((word, i) => add(table, word, i));
    const text = ` ${words.join(' ')} `;
    let at = 1;
    words.forEach((word, i) => {
      expect(find(table, text, at, at + word.length)).toBe(i);
      at += word.length + 1;
    });
    expect(table.size).toBe(3_000);
  });

  it('when two words share a hash, then each is found as itself, and a longer word that starts with one is not it', () => {
    const table = new WordTable<string>(100);
    table.add('chat', 42, 'cat');
    table.add('chien', 42, 'dog');

    expect(table.find('le chien dort', 3, 5, 42)).toBe('dog');
    expect(table.find('le chat dort', 3, 4, 42)).toBe('cat');
    expect(table.find('les chats', 4, 5, 42)).toBeUndefined();
  });

  it('when it holds its limit of words, then the next word empties it first', () => {
    const table = new WordTable<number>(3);
    ['un', 'deux', 'trois'].forEach((word, i) => add(table, word, i));
    add(table, 'quatre', 3);

    expect(table.size).toBe(1);
    expect(find(table, 'un', 0, 2)).toBeUndefined();
    expect(find(table, 'quatre', 0, 6)).toBe(3);
  });
});
