import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { CONTACT_OUTSIDE } from '../../classifier/matchers/contact-outside.js';
import * as patterns from '../../classifier/matchers/patterns.js';
import { DENIED_CLAUSE, QUOTE_PAIRS } from '../../classifier/matchers/speech-cues.js';
import { LINK } from '../../classifier/groups/official-links.js';

// The detectors' own patterns run on V8's backtracking engine, on texts of up to 100,000
// characters that anyone may post. recheck, which refuses such patterns in rule files, reads them
// too. "unknown" (recheck ran out of time on a long pattern) is accepted; "vulnerable" is not.
const BUILT_IN: [string, RegExp][] = [
  ...Object.entries(patterns).filter((entry): entry is [string, RegExp] => entry[1] instanceof RegExp),
  ['CONTACT_OUTSIDE', CONTACT_OUTSIDE.pattern],
  ['DENIED_CLAUSE', DENIED_CLAUSE.pattern],
  ['QUOTE_PAIRS', QUOTE_PAIRS],
  ['LINK', LINK],
];

/**
 * URL_PATTERN and LINK try a name of up to 63 characters (LINK: ten such labels) from each place a
 * name may start: recheck calls that polynomial, but each place reads a bounded number of
 * characters (recheck's own attack strings of 27,000 characters are read in a few milliseconds).
 */
const BOUNDED = new Set(['URL_PATTERN', 'LINK']);

describe('built-in detector patterns under hostile input', () => {
  it.each(BUILT_IN.filter(([name]) => !BOUNDED.has(name)))('when recheck reads %s, then it finds no catastrophic backtracking', (_name, pattern) => {
    const verdict = checkSync(pattern.source, pattern.flags.replace('g', ''), { timeout: 2_000 });

    // A failure shows recheck's attack string.
    expect(verdict.status === 'vulnerable' ? `vulnerable to ${verdict.attack.pattern}` : 'not vulnerable').toBe('not vulnerable');
  });

  it('when a cue is followed by a long run of spaces, then the phone and address patterns still read it once', () => {
    // The attack recheck found before `\s*:?\s*` was written as one split: "fax" and tabs and spaces.
    for (const pattern of [patterns.PHONE_WITH_CUE, patterns.ADDRESS_WITH_CUE]) {
      const verdict = checkSync(pattern.source, pattern.flags.replace('g', ''), { timeout: 5_000 });
      expect(verdict.status).toBe('safe');
    }
  });
});
