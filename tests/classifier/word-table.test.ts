import { describe, expect, it } from 'vitest';
import { WordTable, wordHash } from '../../classifier/text/word-table.js';

// The tokenizer's cache of words read: found where they stand in a text's code units, by a hash taken while scanning.
describe('WordTable', () => {
  const unitsOf = (text: string) => Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  const add = (table: WordTable<number>, word: string, value: number) => table.add(unitsOf(word), 0, word.length, wordHash(word, 0, word.length), value);
  const find = (table: WordTable<number>, text: string, start: number, end: number) => table.find(unitsOf(text), start, end - start, wordHash(text, start, end));

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

  it('when a word is added from inside a longer text, then only its own units are kept', () => {
    const table = new WordTable<string>(100, 4);
    const text = 'le chien dort, ß 😀 ok';
    table.add(unitsOf(text), 3, 5, 7, 'dog');
    table.add(unitsOf(text), 15, 1, 8, 'sharp s');
    table.add(unitsOf(text), 17, 2, 9, 'smile');

    expect(table.find(unitsOf('chien'), 0, 5, 7)).toBe('dog');
    expect(table.find(unitsOf('chiens'), 0, 5, 7)).toBe('dog');
    expect(table.find(unitsOf('ß'), 0, 1, 8)).toBe('sharp s');
    expect(table.find(unitsOf('😀'), 0, 2, 9)).toBe('smile');
    expect(table.find(unitsOf('chienne'), 0, 7, 7)).toBeUndefined();
  });

  it('when two words share a hash, then each is found as itself, and a longer word that starts with one is not it', () => {
    const table = new WordTable<string>(100);
    table.add(unitsOf('chat'), 0, 4, 42, 'cat');
    table.add(unitsOf('chien'), 0, 5, 42, 'dog');

    expect(table.find(unitsOf('le chien dort'), 3, 5, 42)).toBe('dog');
    expect(table.find(unitsOf('le chat dort'), 3, 4, 42)).toBe('cat');
    expect(table.find(unitsOf('les chats'), 4, 5, 42)).toBeUndefined();
    expect(table.find(unitsOf('le chut'), 3, 4, 42)).toBeUndefined();
  });

  it('when the pool of keys fills, then it grows and the keys already kept still match', () => {
    const table = new WordTable<number>(100_000, 2);
    const words = Array.from({ length: 500 }, (_, i) => `${'x'.repeat(i % 40)}mot${i}`);
    words.forEach((word, i) => add(table, word, i));

    words.forEach((word, i) => expect(find(table, word, 0, word.length)).toBe(i));
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
