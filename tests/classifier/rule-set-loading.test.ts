import { describe, expect, it } from 'vitest';
import { classify } from '../../classifier/classify.js';
import { buildRuleSet } from '../../classifier/rule-set/load.js';
import type { RuleSource } from '../../classifier/rule-set/parse.js';
import { RuleSetError } from '../../lib/errors.js';
import { noteReliability } from '../support/reliability.js';
import { issuesOf, ruleYaml, testPack } from '../support/rule-packs.js';

describe('rule files are refused with file:line and JSON path, all problems at once', () => {
  it('when the YAML is malformed, then the line of the error is named', () => {
    const issues = issuesOf(testPack('rules:\n  - id: a\n    category: [unclosed\n'));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ /);
  });

  it('when the YAML is malformed deep in a file, then the line the parser stopped at is named, not the first', () => {
    // A key written twice in the second rule: the parser names the second one.
    const [source] = testPack(`rules:\n${ruleYaml('one')}${ruleYaml('two').replace('    severity: low\n', '    severity: low\n    severity: high\n')}`);
    const badLine = source!.content.split('\n').findIndex((line) => line.includes('severity: high')) + 1;

    expect(badLine).toBeGreaterThan(10);
    expect(issuesOf([source!])).toEqual([`rules/packs/test.yaml:${badLine} Map keys must be unique`]);
  });

  it('when a field is unknown, then its path and line are named', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('one')}    colour: red\n`));

    expect(issues).toContain('rules/packs/test.yaml:15 $.rules[0].colour: unknown field "colour"');
  });

  it('when an example post has an unknown field or a negative count, then each is named with its path and line', () => {
    const examples = `    examples:
      match: [{ text: "idiot", auteur: Julie }]
      no_match: [{ text: "bonjour", earlierCopies: { byAuthor: -1, byOthers: [] } }]
`;
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('one')}${examples}`)).join('\n');

    expect(issues).toMatch(/rules\/packs\/test\.yaml:16 \$\.rules\[0\]\.examples\.match\[0\]\.auteur: unknown field "auteur"/);
    expect(issues).toMatch(/rules\/packs\/test\.yaml:17 \$\.rules\[0\]\.examples\.no_match\[0\]\.earlierCopies\.byAuthor: must be >= 0/);
  });

  it('when several problems exist, then every one is listed', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('one')}    severity2: x\n${ruleYaml('Bad Id')}`));

    expect(issues.length).toBeGreaterThanOrEqual(2);
    expect(issues.join('\n')).toMatch(/\$\.rules\[1\]\.id: must match pattern/);
  });

  it('when two rules share an id, then the duplicate is named', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('same')}${ruleYaml('same')}`));

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
      const issues = issuesOf(testPack(`rules:\n${ruleYaml('slow-rule', `{ regex: ${JSON.stringify(pattern)} }`)}`));

      expect(issues).toHaveLength(1);
      expect(issues[0]).toContain('rules/packs/test.yaml:');
      expect(issues[0]).toContain('rule slow-rule');
      expect(issues[0]).toContain(JSON.stringify(pattern));
      expect(issues[0]).toMatch(/unsafe: (exponential|\w+ degree polynomial) backtracking.*attack string/);
    },
  );

  it.each(['(a)\\1', '(?=x)abc', '(?<=x)abc'])('when a regex uses %s, then RE2 refuses it by name', (pattern) => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('re2-rule', `{ regex: ${JSON.stringify(pattern)} }`)}`));

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
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('tagged', '!!js/function "function () {}"')}`));

    expect(issues[0]).toMatch(/rules\/packs\/test\.yaml:\d+ .*tag/i);
  });

  it('when a key is repeated, then the duplicate key is refused', () => {
    expect(issuesOf(testPack('rules: []\nrules: []\n'))[0]).toMatch(/test\.yaml:\d+ .*(unique|duplicate)/i);
  });

  it('when a rule names a list that does not exist, then the list is named', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('listy', '{ words: { lists: [no_such_list] } }')}`));

    expect(issues[0]).toMatch(/rule listy: unknown list "no_such_list"/);
  });

  it('when false friends are given for a list that does not exist, then the list is named', () => {
    const issues = issuesOf(testPack(`falseFriends:\n  no_such_list: { fr: [s'attarde] }\nrules:\n${ruleYaml('one')}`));

    expect(issues).toEqual(['rules/packs/test.yaml:10 $.falseFriends.no_such_list: false friends of unknown list "no_such_list"']);
  });

  it('when a term has no word to match (the "=" marker alone, punctuation), then each is named with its place, in a list and in a rule', () => {
    const issues = issuesOf(testPack(`lists:\n  insults: { fr: [idiot, "="] }\nrules:\n${ruleYaml('empty', '{ words: { terms: { fr: ["!!!", "=crétin"] } } }')}`));

    expect(issues).toEqual([
      'rules/packs/test.yaml:10 $.lists.insults.fr[1]: term "=" has no word to match (letters or digits)',
      'rules/packs/test.yaml:15 $.rules[0].match.words.terms.fr[0]: rule empty: term "!!!" has no word to match (letters or digits)',
    ]);
  });

  it('when a pack defines a language of a list its lexicon already defines, then both files are named', () => {
    const lexicon = { path: 'rules/lexicons/test.yaml', content: 'schemaVersion: 1\nkind: lexicon\nlists:\n  insults: { fr: [idiot] }\n' };
    const [packSource] = testPack(`lexicons: [../lexicons/test.yaml]\nlists:\n  insults: { fr: [crétin] }\nrules:\n${ruleYaml('one')}`);

    const issues = issuesOf([packSource!, lexicon]);

    expect(issues).toEqual([
      'rules/lexicons/test.yaml:4 $.lists.insults.fr: list "insults" (fr) is already defined in rules/packs/test.yaml',
    ]);
  });

  it('when an exception has a side but no distance, then it is refused', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('sided')}    unless:\n      - { detector: negation, side: before }\n`));

    expect(issues[0]).toMatch(/rule sided: "side" needs "within"/);
  });

  it('when "ordered" sits beside anything but all, then it is refused with its path', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('order', '{ any: [{ words: { terms: { fr: [a1] } } }], ordered: true }')}`));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.ordered: rule order: "ordered" goes with all, not any/);
  });

  it('when "gap" sits beside an all that is not ordered, then it is refused with its path', () => {
    const issues = issuesOf(testPack(`rules:\n${ruleYaml('gapped', '{ all: [{ words: { terms: { fr: [a1] } } }, { words: { terms: { fr: [b1] } } }], gap: 0 }')}`));

    expect(issues[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.gap: rule gapped: "gap" goes with all and "ordered: true"/);
  });

  it('when "within: 0" sits outside unless or beside an all, then it is refused with its path', () => {
    const inMatch = issuesOf(testPack(`rules:\n${ruleYaml('zero', '{ all: [{ words: { terms: { fr: [a1] } } }, { words: { terms: { fr: [b1] } } }], within: 0 }')}`));
    const inNested = issuesOf(
      testPack(`rules:\n${ruleYaml('nested', `{ words: { terms: { fr: [a1] } } }
    unless:
      - { all: [{ words: { terms: { fr: [b1] } } }], within: 0 }`)}`),
    );

    expect(inMatch[0]).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.within: rule zero: "within: 0" goes only on a single check in unless/);
    expect(inNested[0]).toMatch(/\$\.rules\[0\]\.unless\[0\]\.within: rule nested: "within: 0" goes only/);
  });

  it('when "within: 0" sits on a single check in unless, then the exception holds only around the match', () => {
    const ruleSet = buildRuleSet(
      testPack(`rules:\n${ruleYaml('quoted', `{ words: { terms: { fr: [a1] } } }
    unless:
      - { detector: quotation, within: 0 }`)}`),
    );
    const matches = (text: string) => classify({ text, lang: 'fr' }, ruleSet).findings.length > 0;

    expect(matches('« bonjour » a1')).toBe(true);
    expect(matches('« a1 » bonjour')).toBe(false);
  });

  it('when an exception must stand before the match, then it does not reach past a "but" or the end of its clause', () => {
    const ruleSet = buildRuleSet(
      testPack(`rules:\n${ruleYaml('denied', `{ words: { terms: { fr: [a1], en: [a1] } } }
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
    expect(issuesOf(testPack(`rules:\n${ruleYaml('num', '{ regex: 42 }')}`))[0]).toMatch(/\$\.rules\[0\]\.match\.regex: must be string/);
  });

  it('when a file is larger than 1 MB, then it is refused before parsing', () => {
    const issues = issuesOf([{ path: 'huge.yaml', content: `# ${'x'.repeat(1_100_000)}\n` }]);

    expect(issues[0]).toMatch(/^huge\.yaml:1 file is larger than/);
  });

  it('when a valid pack changes, then its version changes', () => {
    const first = buildRuleSet(testPack(`rules:\n${ruleYaml('one')}`));
    const second = buildRuleSet(testPack(`rules:\n${ruleYaml('two')}`));

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
    const body = `rules:\n${ruleYaml('same')}    colour: red\n${ruleYaml('same', '{ words: { lists: [nowhere] } }').replace('severity: low', 'severity: grave')}`;
    const sources = testPack(body);

    // The schema fails first (checks run on a valid file), so the two are tried apart.
    expect(frenchIssuesOf(sources)).toEqual([
      'rules/packs/test.yaml:15 $.rules[0].colour: champ inconnu « colour »',
      'rules/packs/test.yaml:18 $.rules[1].severity: doit être une des valeurs permises : low, medium, high, urgent',
    ]);
    expect(frenchIssuesOf(testPack(`rules:\n${ruleYaml('same')}${ruleYaml('same', '{ words: { lists: [nowhere] } }')}`))).toEqual([
      'rules/packs/test.yaml:15 $.rules[1].id: identifiant de règle en double « same » (déjà en rules[0])',
      'rules/packs/test.yaml:18 $.rules[1].match.words.lists: règle same : liste inconnue « nowhere »',
    ]);
  });

  it('when a pattern is unsafe, then the French sentence names the rule and the pattern too', () => {
    const [issue] = frenchIssuesOf(testPack(`rules:\n${ruleYaml('slow', '{ regex: "(a+)+$" }')}`));

    expect(issue).toMatch(/^rules\/packs\/test\.yaml:\d+ \$\.rules\[0\]\.match\.regex: règle slow : le motif "\(a\+\)\+\$" est dangereux : retour arrière/);
  });

  it('when the YAML itself is malformed, then the French line says so before the parser\'s words', () => {
    const [issue] = frenchIssuesOf(testPack('rules:\n  - id: a\n    category: [unclosed\n'));

    expect(issue).toMatch(/^rules\/packs\/test\.yaml:\d+ YAML invalide : /);
  });
});
