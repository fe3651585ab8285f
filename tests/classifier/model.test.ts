import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../classifier/model/features.js';
import { loadModels } from '../../classifier/rule-set/load.js';
import { foldText } from '../../classifier/text/fold.js';
import { createStemmers } from '../../classifier/text/stemmers.js';
import { tokenize } from '../../classifier/text/tokenize.js';

const stemmers = createStemmers();
const tokensOf = (text: string) => tokenize(text, foldText(text), 'fr', stemmers.fr);
const sorted = (features: Uint32Array) => [...features].sort((a, b) => a - b);

describe('statistical model features', () => {
  it('when group names are masked, then two texts naming different groups have the same features', () => {
    const masked = new Set(['musulman', 'juif'].map((word) => tokensOf(word)[0]!.stem));

    const muslims = extractFeatures(tokensOf('Je déteste les musulmans'), masked);
    const jews = extractFeatures(tokensOf('Je déteste les juifs'), masked);

    expect(sorted(muslims)).toEqual(sorted(jews));
    expect(sorted(extractFeatures(tokensOf('Je déteste les musulmans')))).not.toEqual(sorted(extractFeatures(tokensOf('Je déteste les juifs'))));
  });

  it.each(['fr', 'en'] as const)('when the shipped %s model loads, then it masks the lexicon’s group names it was trained with', (lang) => {
    const model = loadModels([lang])[lang]!;
    const stem = (word: string) => tokenize(word, foldText(word), lang, stemmers[lang])[0]!.stem;

    expect(model.masked.has(stem(lang === 'fr' ? 'musulmans' : 'muslims'))).toBe(true);
    expect(model.masked.has(stem(lang === 'fr' ? 'déteste' : 'hate'))).toBe(false);
  });
});
