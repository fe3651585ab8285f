/**
 * Pieces of text one of which every match of a rule file's pattern contains, read from the
 * pattern's top level: one piece per top-level alternative, each the longest run of literal
 * characters that the alternative always holds in a row. Undefined when an alternative holds none
 * that can be told for sure: the reading gives up rather than guess (a class, a group, an escape
 * that is not punctuation, a repetition that may be empty break a run).
 *
 * RE2 in JavaScript takes 7 to 12 µs on a 250-character post; a text that holds none of these
 * pieces cannot match, and looking for them costs a fraction of that. The pattern runs on the
 * folded text, which is in lower case, and case-insensitively: the pieces are in lower case too.
 */
export function requiredTexts(pattern: string): string[] | undefined {
  const branches = topLevelBranches(pattern);
  if (branches === undefined) return undefined;
  const pieces: string[] = [];
  for (const branch of branches) {
    const piece = longestLiteralRun(branch);
    if (piece === undefined) return undefined;
    pieces.push(piece);
  }
  return pieces;
}

/** One atom of a branch: a literal ASCII character, or anything else. */
interface Atom {
  literal: string | undefined;
  /** How many times it may repeat: at least once and exactly once, at least once, or maybe never. */
  repeat: 'once' | 'one or more' | 'maybe none';
}

function topLevelBranches(pattern: string): string[] | undefined {
  const branches: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    let skipTo: number | undefined = i;
    if (char === '\\') skipTo = i + 1;
    else if (char === '[') skipTo = classEnd(pattern, i);
    else if (char === '(') skipTo = groupEnd(pattern, i);
    else if (char === ')') return undefined; // closes no group
    else if (char === '|') {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
    if (skipTo === undefined) return undefined;
    i = skipTo;
  }
  branches.push(pattern.slice(start));
  return branches;
}

function longestLiteralRun(branch: string): string | undefined {
  const atoms = atomsOf(branch);
  if (atoms === undefined) return undefined;
  let longest = '';
  let run = '';
  for (const atom of atoms) {
    if (atom.literal === undefined || atom.repeat === 'maybe none') {
      run = '';
      continue;
    }
    run += atom.literal;
    if (run.length > longest.length) longest = run;
    // "ab+c" holds "ab" and "bc", not "abc": a repeated atom ends the run it closes.
    if (atom.repeat === 'one or more') run = atom.literal;
  }
  return longest === '' ? undefined : longest;
}

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~ ]$/;
const PLAIN_LITERAL = /^[a-z0-9 !"#%&',\-/:;<=>@_`~]$/i;

function atomsOf(branch: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  for (let i = 0; i < branch.length; ) {
    const char = branch[i]!;
    let literal: string | undefined;
    let next: number;
    if (char === '\\') {
      const escaped = branch[i + 1];
      if (escaped === undefined) return undefined;
      // \Q…\E quotes a stretch, \p{…} and \x{…} take braces: not read, the pattern is not guessed at.
      if ('QEpPx'.includes(escaped)) return undefined;
      literal = ASCII_PUNCTUATION.test(escaped) ? escaped : undefined;
      next = i + 2;
    } else if (char === '[') {
      const end = classEnd(branch, i);
      if (end === undefined) return undefined;
      next = end + 1;
    } else if (char === '(') {
      const end = groupEnd(branch, i);
      if (end === undefined) return undefined;
      next = end + 1;
    } else if ('.^$'.includes(char)) {
      next = i + 1;
    } else if (PLAIN_LITERAL.test(char)) {
      literal = char.toLowerCase();
      next = i + 1;
    } else {
      return undefined; // a quantifier with nothing before it, a brace, a character outside ASCII
    }
    const { repeat, end } = quantifierAt(branch, next);
    if (end === undefined) return undefined;
    atoms.push({ literal, repeat });
    i = end;
  }
  return atoms;
}

/** The quantifier after an atom, if any, and where the next atom starts (undefined: unreadable). */
function quantifierAt(branch: string, at: number): { repeat: Atom['repeat']; end: number | undefined } {
  const char = branch[at];
  let repeat: Atom['repeat'] = 'once';
  let end = at;
  if (char === '?' || char === '*') {
    repeat = 'maybe none';
    end = at + 1;
  } else if (char === '+') {
    repeat = 'one or more';
    end = at + 1;
  } else if (char === '{') {
    const bounds = /^\{(\d+)(,\d*)?\}/.exec(branch.slice(at));
    if (!bounds) return { repeat, end: undefined };
    const least = Number(bounds[1]);
    repeat = least === 0 ? 'maybe none' : least === 1 && bounds[2] === undefined ? 'once' : 'one or more';
    end = at + bounds[0].length;
  }
  if (end > at && branch[end] === '?') end++; // lazy: the same characters, fewer of them first
  return { repeat, end };
}

/** Index of the "]" that closes the class opening at `start`; undefined for a POSIX class or none. */
function classEnd(pattern: string, start: number): number | undefined {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') i++;
    else if (char === '[' && pattern[i + 1] === ':') return undefined;
    else if (char === ']') return i;
  }
  return undefined;
}

/** Index of the ")" that closes the group opening at `start`. */
function groupEnd(pattern: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\') i++;
    else if (char === '[') {
      const end = classEnd(pattern, i);
      if (end === undefined) return undefined;
      i = end;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return undefined;
}
