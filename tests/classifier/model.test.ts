import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexiconGroupNames, PROJECT_TRAINING_DIR, trainingItems } from '../../app/commands/train-command.js';
import { labelledFilesIn, readLabelledFile, splitOf } from '../../classifier/evaluation/dataset.js';
import { InvalidInputError, RuleSetError } from '../../lib/errors.js';
import { extractFeatures } from '../../classifier/model/features.js';
import { loadModels } from '../../classifier/rule-set/load.js';
import { foldText } from '../../classifier/text/fold.js';
import { createStemmers } from '../../classifier/text/stemmers.js';
import { tokenize } from '../../classifier/text/tokenize.js';

const stemmers = createStemmers();
const tokensOf = (text: string) => tokenize(text, foldText(text), 'fr', stemmers.fr);
const sorted = (features: Uint32Array) => [...features].sort((a, b) => a - b);

/** The features as first written (strings sliced and hashed, a Set per text): the trained weights assume these. */
function referenceFeatures(tokens: ReturnType<typeof tokensOf>, masked: ReadonlySet<string>): number[] {
  const hash = (text: string, seed: number) => {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0) & ((1 << 20) - 1);
  };
  const features = new Set<number>();
  let previous = '<s>';
  for (const token of tokens) {
    const isGroup = masked.has(token.stem);
    const stem = isGroup ? '<group>' : token.stem;
    if (!isGroup) features.add(hash(stem, 1));
    features.add(hash(`${previous} ${stem}`, 2));
    previous = stem;
    if (isGroup) continue;
    const padded = `^${token.key}$`;
    for (let i = 0; i + 4 <= padded.length; i++) features.add(hash(padded.slice(i, i + 4), 3));
  }
  features.add(hash(`${previous} </s>`, 2));
  return [...features];
}

describe('statistical model features', () => {
  it('when features are extracted, then they equal the reference ones, in the same order, call after call', () => {
    const masked = new Set(['musulman', 'femm'].map((word) => tokensOf(word)[0]!.stem));
    const texts = ['Je déteste les musulmans', 'T’es un c o n n a r d 😡 nuuuul', 'a', '', 'Les femmes, les femmes, les femmes !', 'x'.repeat(3000)];

    for (const text of [...texts, ...texts]) {
      expect([...extractFeatures(tokensOf(text), masked)]).toEqual(referenceFeatures(tokensOf(text), masked));
    }
  });


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

  it('when training reads the lexicon’s group names, then it gets the shipped list, and an invalid lexicon stops it with file:line instead of masking nothing', () => {
    expect(lexiconGroupNames('fr')).toEqual(expect.arrayContaining(['musulmans', 'réfugiés']));
    const root = mkdtempSync(join(tmpdir(), 'monitor-train-lexicon-'));
    try {
      mkdirSync(join(root, 'rules/lexicons'), { recursive: true });
      writeFileSync(join(root, 'rules/lexicons/fr.yaml'), 'schemaVersion: 1\nkind: lexicon\nlists:\n  protected_groups:\n    fr: [femmes]\ncolour: red\n');

      const read = () => lexiconGroupNames('fr', root);

      expect(read).toThrow(RuleSetError);
      expect(read).toThrow(/rules\/lexicons\/fr\.yaml:6.*colour/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('when the project’s training posts are read, then each is an everyday post labelled none, and none is an eval probe', () => {
    const posts = labelledFilesIn(PROJECT_TRAINING_DIR).flatMap((file) => readLabelledFile(file));
    const probes = labelledFilesIn(join(PROJECT_TRAINING_DIR, '../eval')).flatMap((file) => readLabelledFile(file));
    const normal = (text: string) => text.toLowerCase().replace(/[’']/g, "'").trim();

    expect(posts.length).toBeGreaterThan(150);
    expect(new Set(posts.map((post) => post.id)).size).toBe(posts.length);
    for (const post of posts) {
      expect(post.labels).toEqual(['none']);
      expect(['fr', 'en']).toContain(post.lang);
    }
    // The probes measure what the models never saw: not one may be trained on.
    const trained = new Set(posts.map((post) => normal(post.text)));
    expect(probes.filter((probe) => trained.has(normal(probe.text)))).toEqual([]);
  });

  it('when training items are gathered, then the dev files give their train side only and the project’s posts are all used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-train-items-'));
    try {
      const dev = join(dir, 'dev.jsonl');
      const devItems = Array.from({ length: 40 }, (_, i) => ({ id: `dev:${i}`, text: `texte ${i}`, lang: 'fr', labels: ['none'], source: 'dev' }));
      writeFileSync(dev, devItems.map((item) => JSON.stringify(item)).join('\n'));
      mkdirSync(join(dir, 'project'));
      writeFileSync(join(dir, 'project/neutral.jsonl'), `${JSON.stringify({ id: 'p:1', text: 'Bonjour', lang: 'fr', labels: ['none'], source: 'project' })}\n`);

      const { items, sources } = trainingItems([dev], join(dir, 'project'));

      const trainSide = devItems.filter((item) => splitOf(item) === 'train').map((item) => item.id);
      expect(trainSide.length).toBeGreaterThan(0);
      expect(trainSide.length).toBeLessThan(devItems.length);
      expect(items.map((item) => item.id)).toEqual([...trainSide, 'p:1']);
      expect(sources).toEqual(['dev.jsonl', 'neutral.jsonl']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a project training file has a broken line, then training stops naming the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'monitor-train-broken-'));
    try {
      writeFileSync(join(dir, 'neutral.jsonl'), `${JSON.stringify({ id: 'p:1', text: 'Bonjour', lang: 'fr', labels: ['none'] })}\n{"id": "p:2", "text": \n`);

      const read = () => trainingItems([], dir);

      expect(read).toThrow(InvalidInputError);
      expect(read).toThrow('neutral.jsonl:2 is not valid JSON');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
