import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { buildRuleSet, loadRuleSetForOrg, readPackSources, RULES_DIR } from '../../classifier/rule-set/load.js';
import { readLabelledFile } from '../../classifier/evaluation/dataset.js';
import { parseRuleFile, type RuleSource } from '../../classifier/rule-set/parse.js';
import { RuleSetError } from '../../lib/errors.js';
import { PROJECT_ROOT } from '../../lib/paths.js';
import { noteReliability } from '../support/reliability.js';

const HEADER = '# yaml-language-server: $schema=../rule-file.schema.json\nschemaVersion: 1\nkind: pack\n';
const ORG = `organization:
  slug: test-org
  name: Test Org
  aliases: [Test Org]
  languages: [fr]
`;
const RULE = (id: string, match = '{ words: { terms: { fr: [idiot] } } }') => `  - id: ${id}
    category: cyberbullying
    severity: low
    match: ${match}
    explanation: { fr: "x", en: "x" }
`;

function issuesOf(sources: RuleSource[]): string[] {
  try {
    buildRuleSet(sources);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return [...(error as RuleSetError).issues];
  }
  throw new Error('the rule set was accepted');
}

const pack = (body: string): RuleSource[] => [{ path: 'rules/packs/test.yaml', content: HEADER + ORG + body }];

describe('rule files are refused with file:line and JSON path, all problems at once', () => {
  it('when the YAML is malformed, then the line of the error is named', () => {
    const issues = issuesOf(pack('rules:\n  - id: a\n    category: [unclosed\n'));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ /);
  });

  it('when the YAML is malformed deep in a file, then the line the parser stopped at is named, not the first', () => {
    // A key written twice in the second rule: the parser names the second one.
    const [source] = pack(`rules:\n${RULE('one')}${RULE('two').replace('    severity: low\n', '    severity: low\n    severity: high\n')}`);
    const badLine = source!.content.split('\n').findIndex((line) => line.includes('severity: high')) + 1;

    expect(badLine).toBeGreaterThan(10);
    expect(issuesOf([source!])).toEqual([`rules/packs/test.yaml:${badLine} Map keys must be unique`]);
  });

  it('when a field is unknown, then its path and line are named', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('one')}    colour: red\n`));

    expect(issues).toContain('rules/packs/test.yaml:15 $.rules[0].colour: unknown field "colour"');
  });

  it('when an example post has an unknown field or a negative count, then each is named with its path and line', () => {
    const examples = `    examples:
      match: [{ text: "idiot", auteur: Julie }]
      no_match: [{ text: "bonjour", earlierCopies: { byAuthor: -1, byOthers: [] } }]
`;
    const issues = issuesOf(pack(`rules:\n${RULE('one')}${examples}`)).join('\n');

    expect(issues).toMatch(/rules\/packs\/test\.yaml:16 \$\.rules\[0\]\.examples\.match\[0\]\.auteur: unknown field "auteur"/);
    expect(issues).toMatch(/rules\/packs\/test\.yaml:17 \$\.rules\[0\]\.examples\.no_match\[0\]\.earlierCopies\.byAuthor: must be >= 0/);
  });

  it('when several problems exist, then every one is listed', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('one')}    severity2: x\n${RULE('Bad Id')}`));

    expect(issues.length).toBeGreaterThanOrEqual(2);
    expect(issues.join('\n')).toMatch(/\$\.rules\[1\]\.id: must match pattern/);
  });

  it('when two rules share an id, then the duplicate is named', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('same')}${RULE('same')}`));

    expect(issues).toEqual([expect.stringMatching(/test\.yaml:\d+ \$\.rules\[1\]\.id: duplicate rule id "same" \(first at rules\[0\]\)/)]);
  });

  // 37 patterns known to backtrack (OWASP ReDoS examples and variants).
  const REDOS = [
    '(a+)+$', '(a|a)*$', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)*$',
    '(a*)*$', '(a|aa)+$', '(a+)*b', '(\\d+)+$', '([a-zA-Z]+)*$', '(a|b|ab)*c', '^(a+)+$', '(\\s*,\\s*)*$', '(x+)+y',
    '^(\\w+\\.?)+@', '(.*,)*x', '^([a-z0-9]+-?)+$', '(ab|a)*c', '(\\w|_)+$', '^(\\d*)*$', '(a?)+b', '^(([a-z])+.)+$',
    '(a+a+)+b', '(\\w+\\d*)+$', '^(\\S+\\s?)*$', '((ab)*)*c', '(a|a?)+b', '(\\w+:)*$', '^(a|a)*$', '(\\d|\\d\\d)+$',
    '^([^@]+)+@', '(([a-z]+)\\s?)*$', '(\\w+\\s?)+!', '^(0|0+)*1', '(.+)+\\n', '(a*)+b', '(b|bb)*c',
  ];

  it('when the ReDoS corpus is counted, then it holds at least 30 patterns', ({ task }) => {
    expect(REDOS.length).toBeGreaterThanOrEqual(30);
    noteReliability(task, { kind: 'bad-inputs', family: 'ReDoS', tried: REDOS.length });
  });

  it.each(REDOS)(
    'when a regex like %s can backtrack catastrophically, then it is refused naming file, rule and pattern',
    (pattern) => {
      const issues = issuesOf(pack(`rules:\n${RULE('slow-rule', `{ regex: ${JSON.stringify(pattern)} }`)}`));

      expect(issues).toHaveLength(1);
      expect(issues[0]).toContain('rules/packs/test.yaml:');
      expect(issues[0]).toContain('rule slow-rule');
      expect(issues[0]).toContain(JSON.stringify(pattern));
      expect(issues[0]).toMatch(/unsafe: (exponential|\w+ degree polynomial) backtracking.*attack string/);
    },
  );

  it.each(['(a)\\1', '(?=x)abc', '(?<=x)abc'])('when a regex uses %s, then RE2 refuses it by name', (pattern) => {
    const issues = issuesOf(pack(`rules:\n${RULE('re2-rule', `{ regex: ${JSON.stringify(pattern)} }`)}`));

    expect(issues[0]).toMatch(/rule re2-rule: pattern .* is not supported by the RE2 engine/);
  });

  it('when YAML aliases expand like a billion laughs, then the file is refused quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
      .concat(Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`))
      .join('\n');
    const started = Date.now();

    const issues = issuesOf([{ path: 'bomb.yaml', content: bomb }]);

    expect(issues[0]).toMatch(/^bomb\.yaml:1 .*alias/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('when a file uses a code tag like !!js/function, then it is refused', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('tagged', '!!js/function "function () {}"')}`));

    expect(issues[0]).toMatch(/rules\/packs\/test\.yaml:\d+ .*tag/i);
  });

  it('when a key is repeated, then the duplicate key is refused', () => {
    expect(issuesOf(pack('rules: []\nrules: []\n'))[0]).toMatch(/test\.yaml:\d+ .*(unique|duplicate)/i);
  });

  it('when a rule names a list that does not exist, then the list is named', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('listy', '{ words: { lists: [no_such_list] } }')}`));

    expect(issues[0]).toMatch(/rule listy: unknown list "no_such_list"/);
  });

  it('when false friends are given for a list that does not exist, then the list is named', () => {
    const issues = issuesOf(pack(`falseFriends:\n  no_such_list: { fr: [s'attarde] }\nrules:\n${RULE('one')}`));

    expect(issues).toEqual(['rules/packs/test.yaml:10 $.falseFriends.no_such_list: false friends of unknown list "no_such_list"']);
  });

  it('when a term has no word to match (the "=" marker alone, punctuation), then each is named with its place, in a list and in a rule', () => {
    const issues = issuesOf(pack(`lists:\n  insults: { fr: [idiot, "="] }\nrules:\n${RULE('empty', '{ words: { terms: { fr: ["!!!", "=crétin"] } } }')}`));

    expect(issues).toEqual([
      'rules/packs/test.yaml:10 $.lists.insults.fr[1]: term "=" has no word to match (letters or digits)',
      'rules/packs/test.yaml:15 $.rules[0].match.words.terms.fr[0]: rule empty: term "!!!" has no word to match (letters or digits)',
    ]);
  });

  it('when a pack defines a language of a list its lexicon already defines, then both files are named', () => {
    const lexicon = { path: 'rules/lexicons/test.yaml', content: 'schemaVersion: 1\nkind: lexicon\nlists:\n  insults: { fr: [idiot] }\n' };
    const [packSource] = pack(`lexicons: [../lexicons/test.yaml]\nlists:\n  insults: { fr: [crétin] }\nrules:\n${RULE('one')}`);

    const issues = issuesOf([packSource!, lexicon]);

    expect(issues).toEqual([
      'rules/lexicons/test.yaml:4 $.lists.insults.fr: list "insults" (fr) is already defined in rules/packs/test.yaml',
    ]);
  });

  it('when an exception has a side but no distance, then it is refused', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('sided')}    unless:\n      - { detector: negation, side: before }\n`));

    expect(issues[0]).toMatch(/rule sided: "side" needs "within"/);
  });

  it('when "ordered" sits beside anything but all, then it is refused with its path', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('order', '{ any: [{ words: { terms: { fr: [a1] } } }], ordered: true }')}`));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.ordered: rule order: "ordered" goes with all, not any/);
  });

  it('when "gap" sits beside an all that is not ordered, then it is refused with its path', () => {
    const issues = issuesOf(pack(`rules:\n${RULE('gapped', '{ all: [{ words: { terms: { fr: [a1] } } }, { words: { terms: { fr: [b1] } } }], gap: 0 }')}`));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.gap: rule gapped: "gap" goes with all and "ordered: true"/);
  });

  it('when "within: 0" sits outside unless or beside an all, then it is refused with its path', () => {
    const inMatch = issuesOf(pack(`rules:\n${RULE('zero', '{ all: [{ words: { terms: { fr: [a1] } } }, { words: { terms: { fr: [b1] } } }], within: 0 }')}`));
    const inNested = issuesOf(
      pack(`rules:\n${RULE('nested', `{ words: { terms: { fr: [a1] } } }
    unless:
      - { all: [{ words: { terms: { fr: [b1] } } }], within: 0 }`)}`),
    );

    expect(inMatch[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.within: rule zero: "within: 0" goes only on a single check in unless/);
    expect(inNested[0]).toMatch(/\$\.rules\[0\]\.unless\[0\]\.within: rule nested: "within: 0" goes only/);
  });

  it('when "within: 0" sits on a single check in unless, then the exception holds only around the match', () => {
    const ruleSet = buildRuleSet(
      pack(`rules:\n${RULE('quoted', `{ words: { terms: { fr: [a1] } } }
    unless:
      - { detector: quotation, within: 0 }`)}`),
    );
    const matches = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.length > 0;

    expect(matches('« bonjour » a1')).toBe(true);
    expect(matches('« a1 » bonjour')).toBe(false);
  });

  it('when an exception must stand before the match, then it does not reach past a "but" or the end of its clause', () => {
    const ruleSet = buildRuleSet(
      pack(`rules:\n${RULE('denied', `{ words: { terms: { fr: [a1], en: [a1] } } }
    unless:
      - { detector: negation, within: 4, side: before }`)}`),
    );
    const matches = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.length > 0;

    expect(matches('ce n’est pas a1')).toBe(false);
    expect(matches('ce n’est pas b1 mais a1')).toBe(true);
    expect(matches('ce n’est pas b1 ou a1')).toBe(false);
    expect(matches('pas b1, a1')).toBe(true);
  });

  it('when a regex is given as a number, then the type error is named', () => {
    expect(issuesOf(pack(`rules:\n${RULE('num', '{ regex: 42 }')}`))[0]).toMatch(/\$\.rules\[0\]\.match\.regex: must be string/);
  });

  it('when a file is larger than 1 MB, then it is refused before parsing', () => {
    const issues = issuesOf([{ path: 'huge.yaml', content: `# ${'x'.repeat(1_100_000)}\n` }]);

    expect(issues[0]).toMatch(/^huge\.yaml:1 file is larger than/);
  });

  it('when a valid pack changes, then its version changes', () => {
    const first = buildRuleSet(pack(`rules:\n${RULE('one')}`));
    const second = buildRuleSet(pack(`rules:\n${RULE('two')}`));

    expect(first.version).toMatch(/^[a-f0-9]{16}$/);
    expect(second.version).not.toBe(first.version);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('rule-file problems in French, for the console', () => {
  function frenchIssuesOf(sources: RuleSource[]): string[] {
    try {
      buildRuleSet(sources);
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetError);
      return (error as RuleSetError).bilingualIssues.map((issue) => issue.fr);
    }
    throw new Error('the rule set was accepted');
  }

  it('when a pack breaks the schema and the checks, then every problem has the same place and a French sentence', () => {
    const body = `rules:\n${RULE('same')}    colour: red\n${RULE('same', '{ words: { lists: [nowhere] } }').replace('severity: low', 'severity: grave')}`;
    const sources = pack(body);

    // The schema fails first (checks run on a valid file), so the two are tried apart.
    expect(frenchIssuesOf(sources)).toEqual([
      'rules/packs/test.yaml:15 $.rules[0].colour: champ inconnu « colour »',
      'rules/packs/test.yaml:18 $.rules[1].severity: doit être une des valeurs permises : low, medium, high, urgent',
    ]);
    expect(frenchIssuesOf(pack(`rules:\n${RULE('same')}${RULE('same', '{ words: { lists: [nowhere] } }')}`))).toEqual([
      'rules/packs/test.yaml:15 $.rules[1].id: identifiant de règle en double « same » (déjà en rules[0])',
      'rules/packs/test.yaml:18 $.rules[1].match.words.lists: règle same : liste inconnue « nowhere »',
    ]);
  });

  it('when a pattern is unsafe, then the French sentence names the rule and the pattern too', () => {
    const [issue] = frenchIssuesOf(pack(`rules:\n${RULE('slow', '{ regex: "(a+)+$" }')}`));

    expect(issue).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.regex: règle slow : le motif "\(a\+\)\+\$" est dangereux : retour arrière/);
  });

  it('when the YAML itself is malformed, then the French line says so before the parser\'s words', () => {
    const [issue] = frenchIssuesOf(pack('rules:\n  - id: a\n    category: [unclosed\n'));

    expect(issue).toMatch(/^rules\/packs\/test\.yaml:\d+ YAML invalide : /);
  });
});

describe('inline terms', () => {
  // Inline terms join the shared word index under their own names: one pass over the words finds
  // them, wherever the condition sits, and they never mix with another rule's terms or a list.
  const ruleSet = buildRuleSet(
    pack(`rules:
${RULE('nested', '{ all: [{ words: { terms: { fr: [banane] } } }, { not: { words: { terms: { fr: [dessert] } } } }] }')}    unless:
      - words: { terms: { fr: [recette, "tarte aux"] } }
${RULE('plain', '{ words: { terms: { fr: [pomme de terre] } } }')}`),
  );
  const ruleIdsOf = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId);

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
    pack(`rules:
${RULE('infinitive', '{ words: { terms: { fr: [remplacer, nous menacer] } } }')}${RULE('written', '{ words: { terms: { fr: [=décider] } } }')}`),
  );
  const ruleIdsOf = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId);

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
    pack(`rules:
${RULE('phrase', '{ words: { terms: { fr: [les voleurs, les menteurs de portage, les tricheurs] } } }')}${RULE('single', '{ words: { terms: { fr: [tricheurs] } } }')}`),
  );
  const findingsOf = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings;
  const ruleIdsOf = (text: string) => findingsOf(text).map((finding) => finding.ruleId).sort();

  it('when the second word is written as listed, stemmed or drawn out, then the phrase is found over both words', () => {
    expect(findingsOf('Ce sont les voleurs du quartier.')[0]?.spans.map((span) => span.text)).toEqual(['les voleurs']);
    expect(ruleIdsOf('Attention, les voleur sont revenus.')).toEqual(['phrase']);
    expect(findingsOf('Ce sont les voleuuuurs du quartier.')[0]?.spans.map((span) => span.text)).toEqual(['les voleuuuurs']);
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
  const ruleSet = buildRuleSet(pack(`rules:
${RULE('loose', '{ words: { terms: { fr: [nul] } } }')}`));
  const ruleIdsOf = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId);

  it('when a word was read before in another spelling with the same key, then each spelling keeps its own reading', () => {
    expect(ruleIdsOf('Le film était nuul.')).toEqual([]);
    expect(ruleIdsOf('Le film était nuuuul.')).toEqual(['loose']);
    expect(ruleIdsOf('Le film était nuul.')).toEqual([]);
    expect(ruleIdsOf('Le film était nul.')).toEqual(['loose']);
  });
});

describe('a term word written with single letters', () => {
  // "conard" is "connard" misspelled; a short word written so is most often a word of its own.
  const ruleSet = buildRuleSet(pack(`rules:
${RULE('single', '{ words: { terms: { fr: [connard, coon] } } }')}`));
  const ruleIdsOf = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId);

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
    pack(`rules:
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
  const spansOf = (text: string, ruleId: string) =>
    classify({ text, lang: 'fr' }, ruleSet)
      .findings.filter((finding) => finding.ruleId === ruleId)
      .flatMap((finding) => finding.spans.map((span) => span.text));

  it('when the first window is negated and a later one is not, then the later one is found, alone', () => {
    expect(spansOf('Je ne déteste pas la pluie. Mais franchement, je déteste la pluie.', 'close')).toEqual(['déteste', 'pluie']);
    expect(spansOf('Je ne déteste pas la pluie, franchement.', 'close')).toEqual([]);
  });

  it('when one branch of an any is negated, then the other branch is still found', () => {
    expect(spansOf('Je ne déteste pas la neige, mais je hais le vent.', 'branches')).toEqual(['hais', 'vent']);
    expect(spansOf('Je ne déteste pas la neige et je ne hais pas le vent.', 'branches')).toEqual([]);
  });
});

describe('what the negation detector reads as a negation', () => {
  // "ne … que" (only), "n'importe" (any) and "nothing but" assert what follows; "ne … pas" and "not" deny it.
  const ruleSet = buildRuleSet([
    {
      path: 'rules/packs/test.yaml',
      content: `${HEADER}${ORG.replace('languages: [fr]', 'languages: [fr, en]')}rules:
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
      content: `${HEADER}${ORG.replace('languages: [fr]', 'languages: [fr, en]')}rules:
${RULE('english-stem', '{ words: { terms: { en: [hunting] } } }')}`,
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
      content: `${HEADER}${ORG.replace('languages: [fr]', 'languages: [en]')}rules:
${RULE('contracted', '{ words: { terms: { en: [we will find you, "you\'re finished"] } } }')}`,
    },
  ]);
  const ruleIdsOf = (text: string) => classify({ text, lang: 'en' }, ruleSet).findings.map((finding) => finding.ruleId);

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
    pack(`rules:
${RULE('ordered', `
      all:
        - words: { terms: { fr: [chats] } }
        - all:
            - words: { terms: { fr: [=mangent] } }
            - words: { terms: { fr: [souris, =mangent] } }
          ordered: true
        - not: { words: { terms: { fr: [dessin] } } }
      within: 4
      ordered: true`)}${RULE('unordered', `
      all:
        - words: { terms: { fr: [chiens] } }
        - words: { terms: { fr: [os] } }
      within: 4`)}`),
  );
  const spansOf = (text: string, ruleId: string) =>
    classify({ text, lang: 'fr' }, ruleSet).findings.find((finding) => finding.ruleId === ruleId)?.spans.map((span) => span.text);

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
    pack(`rules:
${RULE('adjacent', `
      all:
        - words: { terms: { fr: [sont, sont tous des] } }
        - words: { terms: { fr: [voleurs] } }
      within: 5
      ordered: true
      gap: 0`)}${RULE('one-between', `
      all:
        - words: { terms: { fr: [sont] } }
        - words: { terms: { fr: [voleurs] } }
      within: 5
      ordered: true
      gap: 1`)}`),
  );
  const ruleIdsIn = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.map((finding) => finding.ruleId).sort();

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
});

describe('shipped rule files', () => {
  const ruleFiles = ['packs', 'lexicons'].flatMap((dir) =>
    readdirSync(join(RULES_DIR, dir)).map((file) => join(RULES_DIR, dir, file)),
  );

  it.each(ruleFiles)('when %s is read, then it validates against the schema and declares it', (file) => {
    const sources = readPackSources(file);
    const { issues } = parseRuleFile(sources[0]!);

    expect(issues).toEqual([]);
    expect(sources[0]!.content.startsWith('# yaml-language-server: $schema=../rule-file.schema.json')).toBe(true);
  });

  it.each(['portage', 'rseq-monteregie', 'gostudent', 'immerse'])('when the %s pack loads, then it has rules and a version', (org) => {
    const ruleSet = loadRuleSetForOrg(org);

    expect(ruleSet.rules.length).toBeGreaterThan(5);
    expect(ruleSet.organization.slug).toBe(org);
  });

  it('when the packs are read, then no inline example is the text of a probe kept unseen (fixtures/eval/*-unseen.jsonl)', () => {
    const normal = (text: string) => text.toLowerCase().replace(/[’']/g, "'").trim();
    const unseenDir = join(PROJECT_ROOT, 'fixtures/eval');
    const unseen = new Set(
      readdirSync(unseenDir)
        .filter((file) => file.endsWith('-unseen.jsonl'))
        .flatMap((file) => readLabelledFile(join(unseenDir, file)).map((item) => normal(item.text))),
    );
    const examples = ruleFiles
      .filter((file) => file.includes('/packs/'))
      .flatMap((file) => parseRuleFile(readPackSources(file)[0]!).parsed!.file.rules ?? [])
      .flatMap((rule) => [...(rule.examples?.match ?? []), ...(rule.examples?.no_match ?? [])])
      .map((example) => (typeof example === 'string' ? example : example.text));

    expect(unseen.size).toBeGreaterThan(100);
    expect(examples.length).toBeGreaterThan(300);
    // Tuning on an unseen probe spends it: its text may not become a rule's example.
    expect(examples.filter((text) => unseen.has(normal(text)))).toEqual([]);
  });

  it('when the schema changed, then the generated TypeScript types are regenerated too', () => {
    expect(() => execFileSync('node', ['scripts/generate-rule-types.mjs', '--check'], { cwd: PROJECT_ROOT, stdio: 'pipe' })).not.toThrow();
  });
});
