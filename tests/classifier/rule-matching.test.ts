import { describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { buildRuleSet } from '../../classifier/rule-set/load.js';
import { PACK_HEADER, ruleYaml, TEST_ORGANIZATION, testPack } from '../support/rule-packs.js';
import { createVerdictReader } from '../support/verdicts.js';

// How the conditions of a rule file find words in a post, on small packs written here.

describe('inline terms', () => {
  // Inline terms join the shared word index under their own names: one pass over the words finds
  // them, wherever the condition sits, and they never mix with another rule's terms or a list.
  const ruleSet = buildRuleSet(
    testPack(`rules:
${ruleYaml('nested', '{ all: [{ words: { terms: { fr: [banane] } } }, { not: { words: { terms: { fr: [dessert] } } } }] }')}    unless:
      - words: { terms: { fr: [recette, "tarte aux"] } }
${ruleYaml('plain', '{ words: { terms: { fr: [pomme de terre] } } }')}`),
  );
  const { ruleIdsOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when terms sit in nested conditions, a negation and an exception, then each counts only where it is written', () => {
    expect(ruleIdsOf('Une banane pourrie sur la table.')).toEqual(['nested']);
    expect(ruleIdsOf('Une banane en dessert.')).toEqual([]);
    expect(ruleIdsOf('La recette de la banane flambée.')).toEqual([]);
    expect(ruleIdsOf('Une tarte aux bananes ce soir.')).toEqual([]);
    expect(ruleIdsOf('Des pommes de terre et une banane.').sort()).toEqual(['nested', 'plain']);
    expect(ruleIdsOf('Une pomme et de la terre.')).toEqual([]);
  });
});

describe('French infinitives in lists', () => {
  // The French stemmer keeps "-ent" ("remplacent" stays whole), so a listed "-er" infinitive is
  // also compared with its third person plural.
  const ruleSet = buildRuleSet(
    testPack(`rules:
${ruleYaml('infinitive', '{ words: { terms: { fr: [remplacer, nous menacer] } } }')}${ruleYaml('written', '{ words: { terms: { fr: [=décider] } } }')}`),
  );
  const { ruleIdsOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when a listed infinitive is written in the third person plural, alone or inside a phrase, then it is found', () => {
    expect(ruleIdsOf('Ils remplacent le toit demain.')).toEqual(['infinitive']);
    expect(ruleIdsOf('Ils nous menacent depuis hier.')).toEqual(['infinitive']);
  });

  it('when the term is to be compared as written, then its plural is not found', () => {
    expect(ruleIdsOf('Ils décider vite.')).toEqual(['written']);
    expect(ruleIdsOf('Ils décident vite.')).toEqual([]);
  });
});

describe('phrases opening with the same word', () => {
  // The index finds a phrase by its first two words: each second word must still be found in every
  // form a token can take (as written, stemmed, drawn out), and a one-word term beside them too.
  const ruleSet = buildRuleSet(
    testPack(`rules:
${ruleYaml('phrase', '{ words: { terms: { fr: [les voleurs, les menteurs de portage, les tricheurs] } } }')}${ruleYaml('single', '{ words: { terms: { fr: [tricheurs] } } }')}`),
  );
  const reader = createVerdictReader(ruleSet, { lang: 'fr' });
  const ruleIdsOf = (text: string) => reader.ruleIdsOf(text).sort();

  it('when the second word is written as listed, stemmed or drawn out, then the phrase is found over both words', () => {
    expect(reader.spansOf('Ce sont les voleurs du quartier.', 'phrase')).toEqual(['les voleurs']);
    expect(ruleIdsOf('Attention, les voleur sont revenus.')).toEqual(['phrase']);
    expect(reader.spansOf('Ce sont les voleuuuurs du quartier.', 'phrase')).toEqual(['les voleuuuurs']);
    expect(ruleIdsOf('Les menteurs de Portage encore.')).toEqual(['phrase']);
    expect(ruleIdsOf('Les tricheurs perdent.')).toEqual(['phrase', 'single']);
  });

  it('when only the first word, or the words in another order, are written, then no phrase is found', () => {
    expect(ruleIdsOf('Les gens du quartier sont gentils.')).toEqual([]);
    expect(ruleIdsOf('Des voleurs, les autres disent.')).toEqual([]);
    expect(ruleIdsOf('Les menteurs de Laval encore.')).toEqual([]);
  });
});

describe('words looked up once and remembered', () => {
  // The index remembers what it found for each word read; "nuul" and "nuuuul" share their key
  // ("nuul"), but only the drawn-out word is also read loosely as "nul".
  const ruleSet = buildRuleSet(testPack(`rules:
${ruleYaml('loose', '{ words: { terms: { fr: [nul] } } }')}`));
  const { ruleIdsOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when a word was read before in another spelling with the same key, then each spelling keeps its own reading', () => {
    expect(ruleIdsOf('Le film était nuul.')).toEqual([]);
    expect(ruleIdsOf('Le film était nuuuul.')).toEqual(['loose']);
    expect(ruleIdsOf('Le film était nuul.')).toEqual([]);
    expect(ruleIdsOf('Le film était nul.')).toEqual(['loose']);
  });
});

describe('a term word written with single letters', () => {
  // "conard" is "connard" misspelled; a short word written so is most often a word of its own.
  const ruleSet = buildRuleSet(testPack(`rules:
${ruleYaml('single', '{ words: { terms: { fr: [connard, coon] } } }')}`));
  const { ruleIdsOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when a long term is written with one letter of a double, then it is found', () => {
    expect(ruleIdsOf("T'es un conard.")).toEqual(['single']);
  });

  it('when a short term is written so, then the word is read as itself; drawn out, it is still the term', () => {
    expect(ruleIdsOf("T'es un con.")).toEqual([]);
    expect(ruleIdsOf("T'es un cooooon.")).toEqual(['single']);
  });
});

describe('exceptions near one passage of a match', () => {
  // Each window of an `all` with `within`, and each branch of an `any`, is a passage of its own: an
  // exception near one sets that one aside, not a later passage that holds without it.
  const ruleSet = buildRuleSet(
    testPack(`rules:
  - id: close
    category: cyberbullying
    severity: low
    match: { all: [{ words: { terms: { fr: [déteste] } } }, { words: { terms: { fr: [pluie] } } }], within: 3 }
    unless: [{ detector: negation, within: 2, side: before }]
    explanation: { fr: "x", en: "x" }
  - id: branches
    category: cyberbullying
    severity: low
    match:
      any:
        - { all: [{ words: { terms: { fr: [déteste] } } }, { words: { terms: { fr: [neige] } } }], within: 3 }
        - { all: [{ words: { terms: { fr: [hais] } } }, { words: { terms: { fr: [vent] } } }], within: 3 }
    unless: [{ detector: negation, within: 2, side: before }]
    explanation: { fr: "x", en: "x" }
`),
  );
  const { spansOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when the first window is negated and a later one is not, then the later one is found, alone', () => {
    expect(spansOf('Je ne déteste pas la pluie. Mais franchement, je déteste la pluie.', 'close')).toEqual(['déteste', 'pluie']);
    expect(spansOf('Je ne déteste pas la pluie, franchement.', 'close')).toEqual([]);
  });

  it('when one branch of an any is negated, then the other branch is still found', () => {
    expect(spansOf('Je ne déteste pas la neige, mais je hais le vent.', 'branches')).toEqual(['hais', 'vent']);
    expect(spansOf('Je ne déteste pas la neige et je ne hais pas le vent.', 'branches')).toEqual([]);
  });
});

describe('a negation inside the words a rule lists', () => {
  // "on veut pas" is listed as said: its "pas" denies nothing of the words after it.
  const ruleSet = buildRuleSet(
    testPack(`rules:
  - id: rejection
    category: cyberbullying
    severity: low
    match: { all: [{ words: { terms: { fr: [on veut pas] } } }, { words: { terms: { fr: [toi] } } }], ordered: true, gap: 2 }
    unless: [{ detector: negation, within: 2, side: before }]
    explanation: { fr: "x", en: "x" }
`),
  );
  const { spansOf } = createVerdictReader(ruleSet, { lang: 'fr' });

  it('when the negation lies inside a listed phrase of the passage, then it cancels none of its words', () => {
    expect(spansOf('On veut pas de toi ici.', 'rejection')).toEqual(['On veut pas', 'toi']);
  });

  it('when a negation stands before the listed phrase, then it still cancels the passage', () => {
    expect(spansOf("Je dirais jamais qu'on veut pas de toi.", 'rejection')).toEqual([]);
  });
});

describe('what the negation detector reads as a negation', () => {
  // "ne … que" (only), "n'importe" (any) and "nothing but" assert what follows; "ne … pas" and "not" deny it.
  const ruleSet = buildRuleSet([
    {
      path: 'rules/packs/test.yaml',
      content: `${PACK_HEADER}${TEST_ORGANIZATION.replace('languages: [fr]', 'languages: [fr, en]')}rules:
  - id: hostile
    category: cyberbullying
    severity: low
    match: { words: { terms: { fr: [parasites], en: [parasites] } } }
    unless: [{ detector: negation, within: 5, side: before }]
    explanation: { fr: "x", en: "x" }
`,
    },
  ]);
  const foundIn = (text: string, lang: 'fr' | 'en') => classify({ text, lang }, ruleSet).findings.length > 0;

  it('when "ne" comes with "que" or "importe" and no second half, then it denies nothing', () => {
    expect(foundIn('Ils ne sont que des parasites.', 'fr')).toBe(true);
    expect(foundIn("C'est n'importe quoi, ces parasites.", 'fr')).toBe(true);
  });

  it('when "ne" has its second half, even with a "que" after it, then it denies', () => {
    expect(foundIn('Ils ne sont pas des parasites.', 'fr')).toBe(false);
    expect(foundIn('Je ne pense pas que ce soient des parasites.', 'fr')).toBe(false);
  });

  it('when "nothing" is followed by "but", then it denies nothing; "not" still denies', () => {
    expect(foundIn('They are nothing but parasites.', 'en')).toBe(true);
    expect(foundIn('They are not parasites.', 'en')).toBe(false);
  });
});

describe('lists read in every language when the language is undetermined', () => {
  // A short post has no language: each language's lists read its words as that language stems them.
  const ruleSet = buildRuleSet([
    {
      path: 'rules/packs/test.yaml',
      content: `${PACK_HEADER}${TEST_ORGANIZATION.replace('languages: [fr]', 'languages: [fr, en]')}rules:
${ruleYaml('english-stem', '{ words: { terms: { en: [hunting] } } }')}`,
    },
  ]);
  const verdictOf = (text: string) => classify({ text }, ruleSet);

  it('when an English list word is written in another form of its English stem, then it is found in undetermined text', () => {
    const verdict = verdictOf('hunted them');

    expect(verdict.lang).toBe('und');
    expect(verdict.findings.map((finding) => finding.ruleId)).toEqual(['english-stem']);
  });
});

describe('English contractions in lists', () => {
  const ruleSet = buildRuleSet([
    {
      path: 'rules/packs/test.yaml',
      content: `${PACK_HEADER}${TEST_ORGANIZATION.replace('languages: [fr]', 'languages: [en]')}rules:
${ruleYaml('contracted', '{ words: { terms: { en: [we will find you, "you\'re finished"] } } }')}`,
    },
  ]);
  const { ruleIdsOf } = createVerdictReader(ruleSet, { lang: 'en' });

  it('when a listed phrase is written contracted, or a contracted one in full, then it is found', () => {
    expect(ruleIdsOf("We'll find you tonight.")).toEqual(['contracted']);
    expect(ruleIdsOf('You are finished here.')).toEqual(['contracted']);
  });

  it('when the auxiliary is another one, then it is not found', () => {
    expect(ruleIdsOf("We'd find you tonight.")).toEqual([]);
  });
});

describe('conditions in written order', () => {
  // "les Juifs … contrôlent … les banques" is a stereotype; "le gouvernement contrôle les immigrés" is not.
  const ruleSet = buildRuleSet(
    testPack(`rules:
${ruleYaml('ordered', `
      all:
        - words: { terms: { fr: [chats] } }
        - all:
            - words: { terms: { fr: [=mangent] } }
            - words: { terms: { fr: [souris, =mangent] } }
          ordered: true
        - not: { words: { terms: { fr: [dessin] } } }
      within: 4
      ordered: true`)}${ruleYaml('unordered', `
      all:
        - words: { terms: { fr: [chiens] } }
        - words: { terms: { fr: [os] } }
      within: 4`)}`),
  );
  const { findingOf } = createVerdictReader(ruleSet, { lang: 'fr' });
  const spansOf = (text: string, ruleId: string) => findingOf(text, ruleId)?.spans.map((span) => span.text);

  it('when the words come in the written order and close together, then the rule matches and quotes each of them', () => {
    expect(spansOf('Les chats mangent les souris.', 'ordered')).toEqual(['chats', 'mangent', 'souris']);
  });

  it('when the same words come in another order, then the ordered rule does not match and the unordered one still does', () => {
    expect(spansOf('Les souris mangent les chats.', 'ordered')).toBeUndefined();
    expect(spansOf('Les os que les chiens aiment.', 'unordered')).toEqual(['os', 'chiens']);
  });

  it('when one word is listed for two checks, then it does not count as two words in a row', () => {
    expect(spansOf('Les chats mangent bien.', 'ordered')).toBeUndefined();
  });

  it('when the words are in order but farther apart than "within", then it does not match', () => {
    expect(spansOf('Les chats de la voisine du coin mangent les souris.', 'ordered')).toBeUndefined();
  });

  it('when the first start is too far from the rest but a later one is close, then the later one is found', () => {
    expect(spansOf('Les chats dorment, puis les chats mangent les souris.', 'ordered')).toEqual(['chats', 'mangent', 'souris']);
  });

  it('when a "not" child fails, then the ordered rule does not match', () => {
    expect(spansOf('Un dessin où les chats mangent les souris.', 'ordered')).toBeUndefined();
  });
});

describe('conditions in written order with a gap', () => {
  // "sont tous des" then "voleurs" says the group is thieves; "sont victimes de voleurs" does not.
  const ruleSet = buildRuleSet(
    testPack(`rules:
${ruleYaml('adjacent', `
      all:
        - words: { terms: { fr: [sont, sont tous des] } }
        - words: { terms: { fr: [voleurs] } }
      within: 5
      ordered: true
      gap: 0`)}${ruleYaml('one-between', `
      all:
        - words: { terms: { fr: [sont] } }
        - words: { terms: { fr: [voleurs] } }
      within: 5
      ordered: true
      gap: 1`)}`),
  );
  const reader = createVerdictReader(ruleSet, { lang: 'fr' });
  const ruleIdsIn = (text: string) => reader.ruleIdsOf(text).sort();

  it('when the next match starts right after the previous one ends, then a gap of 0 holds', () => {
    expect(ruleIdsIn('Ils sont tous des voleurs.')).toEqual(['adjacent']);
    expect(ruleIdsIn('Ils sont voleurs.')).toEqual(['adjacent', 'one-between']);
  });

  it('when one word stands between, then a gap of 0 fails and a gap of 1 holds', () => {
    expect(ruleIdsIn('Ils sont des voleurs.')).toEqual(['one-between']);
  });

  it('when more words stand between than the gap allows, then neither holds, though within would', () => {
    expect(ruleIdsIn('Ils sont victimes de voleurs.')).toEqual([]);
  });

  it('when a clause ends between two links, then the chain does not hold, though the words are as close', () => {
    expect(ruleIdsIn('Ils sont, voleurs.')).toEqual([]);
    expect(ruleIdsIn('Ils sont. Des voleurs.')).toEqual([]);
    expect(ruleIdsIn('Ils sont ; voleurs.')).toEqual([]);
    // A hyphen or an apostrophe ends no clause.
    expect(ruleIdsIn('Ils sont-voleurs.')).toEqual(['adjacent', 'one-between']);
  });
});
