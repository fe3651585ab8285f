import { describe, expect, it } from 'vitest';
import { CONTACT_OUTSIDE } from '../../classifier/matchers/contact-outside.js';
import { gatedPattern } from '../../classifier/matchers/gated-pattern.js';
import { DENIED_CLAUSE } from '../../classifier/matchers/speech-cues.js';

/** Deterministic texts made of the pattern's own words, so that many of them match it. */
function textsOf(pieces: readonly string[], count: number): string[] {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: 2 + Math.floor(next() * 8) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.8 ? ' ' : ''),
  );
}

const CONTACT_WORDS = [
  'ecris', 'ecrit', 'texte', 'add', 'call', 'dm', 'pm', 'message', 'viens', 'join', 'follow', 'moi', 'me', 'nous', 'sur', 'on', 'via', 'par',
  'snap', 'snapchat', 'insta', 'instagram', 'whatsapp', 'whats app', 'telegram', 'kik', 'messenger', 'zoom', 'google meet', 'teams',
  'en prive', 'in private', 'privately', 'par texto', 'by text', 'on my phone', 'mon cell', 'mon numero', 'my number', 'my cell', 'mon', 'my',
  "c'est", 'is', 'ton', 'ta', 'your', 'her', 'donne', 'give', "what's", "c'est quoi", 'quel est', 'numero', 'number', 'cellulaire', 'telephone',
  'courriel', 'e-mail', 'email', 'tu as', "t'as", 'as-tu', 'do you have', 'got', 'parler', 'talk', 'continue', 'meet', 'voir', 'hors de',
  'en dehors de', 'au lieu de', 'outside', 'instead of', 'la', "l'", 'the', 'plateforme', 'platform', 'application', 'app', 'en', 'in', 'prive',
  'private', 'x', '-', '.', ',',
];

const DENIAL_WORDS = [
  'ce n', "c'", 'c', 'ca n', 'il n', "'", 'est', 'pas', 'vrai', 'de dire', 'que', 'il est', 'faux', 'de pretendre', "d'affirmer", 'personne',
  'aucun', 'aucune', 'gens', 'ne', 'pense', 'croit', 'vraiment', 'je', 'j', 'on', 'nous', 'ils', "n'", 'ai', 'a', 'avons', 'jamais', 'dit', 'ecrit',
  'arretez', 'arrete', 'arretons', 'repeter', 'contrairement', 'a ce que', 'certains', 'disent', 'it', 'that', "it's", 'is', 'was', 'not true',
  'untrue', 'a lie', 'false', 'a myth', 'nobody', 'no one', 'thinks', 'said', 'i', 'we', 'they', 'never', "didn't", 'did not', 'say', 'called',
  'denied', 'denies', 'deny', 'denying', 'ever', 'calling', 'stop', 'saying', 'repeating', 'x', ',', '.',
];

describe('a gated pattern', () => {
  it('when the denial frames match a text, then their gate lets the text through', () => {
    const texts = textsOf(DENIAL_WORDS, 50_000);
    const matching = texts.filter((text) => new RegExp(DENIED_CLAUSE.pattern.source, 'u').test(text));

    expect(matching.length).toBeGreaterThan(300);
    expect(matching.filter((text) => !DENIED_CLAUSE.gate.test(text))).toEqual([]);
  });

  it('when the contact-outside pattern matches a text, then its gate lets the text through', () => {
    const texts = textsOf(CONTACT_WORDS, 50_000);
    const matching = texts.filter((text) => new RegExp(CONTACT_OUTSIDE.pattern.source, 'u').test(text));

    expect(matching.length).toBeGreaterThan(5_000);
    expect(matching.filter((text) => !CONTACT_OUTSIDE.gate.test(text))).toEqual([]);
  });

  it('when an alternative is built, then its words are searched as written, special characters included', () => {
    const { gate, pattern } = gatedPattern(
      [
        { pattern: String.raw`\bc\+\+ ?dev`, contains: ['c++'] },
        { pattern: String.raw`\bhello`, contains: ['hello'] },
      ],
      'gu',
    );

    expect(gate.flags).toBe('u');
    expect(gate.test('a c++ dev')).toBe(true);
    expect(gate.test('a c dev')).toBe(false);
    expect([...'say hello, c++dev'.matchAll(pattern)].map((match) => match[0])).toEqual(['hello', 'c++dev']);
  });
});
