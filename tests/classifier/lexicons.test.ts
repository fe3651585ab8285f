import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULES_DIR } from '../../classifier/rule-set/load.js';
import { foldText } from '../../classifier/text/fold.js';
import { createStemmers } from '../../classifier/text/stemmers.js';
import { tokenize } from '../../classifier/text/tokenize.js';

const stemmers = createStemmers();

describe('shared lexicons', () => {
  // Terms match on stems, so a one-word counter-speech marker fires on every word of its stem:
  // "hateful" made every "hate" counter-speech, and "I hate muslims" went unflagged.
  it.each(['fr', 'en'] as const)('when a %s counter-speech marker is one word, then its stem is no word of another list', (lang) => {
    const { lists } = parse(readFileSync(join(RULES_DIR, 'lexicons', `${lang}.yaml`), 'utf8')) as { lists: Record<string, Record<string, string[]>> };
    const tokensOf = (term: string) => tokenize(term, foldText(term), lang, stemmers[lang]);
    // A marker compared as written ("=offensive") is no stem: "offense" (a team's attack) is not "offensive".
    const markers = lists
      .counter_speech![lang]!.filter((term) => !term.startsWith('='))
      .map((term) => ({ term, tokens: tokensOf(term) }))
      .filter(({ tokens }) => tokens.length === 1);
    const collisions: string[] = [];
    for (const [name, byLang] of Object.entries(lists)) {
      if (name === 'counter_speech') continue;
      for (const term of byLang[lang] ?? []) {
        for (const token of tokensOf(term)) {
          for (const marker of markers) if (marker.tokens[0]!.stem === token.stem) collisions.push(`${marker.term} ≈ ${name}: ${term}`);
        }
      }
    }

    expect(markers.length).toBeGreaterThan(10);
    expect(collisions).toEqual([]);
  });
});
