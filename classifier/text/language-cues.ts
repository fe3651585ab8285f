import { isLetterCode } from './letters.js';

// What the language decision reads (classifier/language.ts), counted as the text is read anyway:
// scripts in the original text while it is folded, function words in each written word
// (written-words.ts) when it is first met.

/** Language detection reads this many characters from the start; longer texts add nothing. */
export const SAMPLE_CHARS = 600;

export interface LanguageCues {
  /** Letters among the first SAMPLE_CHARS code units of the original text (kana and kanji included). */
  letters: number;
  /** Kana and kanji among them. */
  japanese: number;
  /** French accented letters among them (é, è, ê, à, ç, ù, â, î, ô, û, œ, either case). */
  frenchAccents: number;
}

/** Frequent function words: when they clearly point one way, franc is not needed. */
export const FUNCTION_WORDS: Record<'fr' | 'en', ReadonlySet<string>> = {
  // Folded forms (no accents), as voting reads the folded text.
  fr: new Set(['le', 'la', 'les', 'des', 'une', 'un', 'de', 'est', 'et', 'je', 'tu', 'il', 'elle', 'nous', 'vous', 'pas', 'que', 'qui', 'du', 'au', 'aux', 'pour', 'avec', 'sur', 'dans', 'ce', 'ces', 'sont', 'mais', 'tres', 'tout', 'plus', 'leur', 'meme', 'suis', 'ai', 'etre', 'en', 'chez', 'vu', 'hier', 'ca', 'ne', 'on', 'mon', 'ma', 'mes', 'ton', 'ta', 'son', 'sa', 'aussi', 'bien', 'ete', 'etait', 'comme', 'qu', 'j', 'c', 'l', 'd', 't', 'avoir', 'fait', 'y', 'tous', 'toutes', 'bonjour', 'merci', 'oui', 'cette', 'nos', 'vos', 'notre', 'votre', 'ici', 'alors', 'donc', 'rien', 'jamais', 'encore', 'deja', 'belle', 'beau', 'si', 'ou', 'quand', 'comment', 'parce', 'depuis', 'sans', 'sous', 'lui', 'leurs', 'ont', 'avait', 'faire', 'peut', 'dit', 'moi', 'toi', 'quoi', 'ils', 'elles', 'va', 'vais', 'peu', 'trop', 'ans', 'gens', 'non', 'vraiment', 'toujours', 'autre', 'autres', 'faut', 'veux', 'veut', 'peux', 'doit', 'apres', 'avant', 'contre', 'chaque', 'ceux', 'se', 'te']),
  en: new Set(['the', 'and', 'is', 'are', 'you', 'i', 'he', 'she', 'we', 'they', 'not', 'that', 'this', 'with', 'for', 'of', 'to', 'in', 'on', 'was', 'have', 'it', 'my', 'your', 'be', 'just', 'all', 'what', 'so', 'but', 'do', 'like', 'can', 'will', 'a', 'an', 'at', 'by', 'from', 'his', 'her', 'me', 'our', 'very', 'about', 'there', 'been', 'were', 'would', 'no', 'them', 'their', 'who', 'don', 'get', 'im', 's', 'if', 'or', 'as', 'has', 'had', 'out', 'up', 'when', 'how', 'now', 'did', 'its', 'after', 'people', 'because', 'than', 'then', 'some', 'more', 'which', 'one', 'why', 'got', 'know', 'think', 'want', 'going', 'really', 'good', 'only', 'even', 'still', 'never', 'should', 'could', 'us', 'him', 'these', 'those', 'here', 'too', 'much', 'make', 'need', 'see', 'say', 'said', 'u', 'ur', 'any', 'every', 'over', 'back', 'well', 'way', 'right', 'dont', 'cant', 'doesn', 'didn', 'isn', 'aren', 'won', 'll', 've', 're']),
};
/** French accented letters, either case (as /[éèêàçùâîôûœ]/iu reads them), by UTF-16 code. */
const FRENCH_ACCENT_CODES: ReadonlySet<number> = new Set([...'éèêàçùâîôûœÉÈÊÀÇÙÂÎÔÛŒ'].map((char) => char.charCodeAt(0)));

/** Script of a code unit of the first plane outside ASCII, by code: 0 not yet known, then the SCRIPT_ bits plus 1. */
const scriptCodes = new Uint8Array(0x10000);
export const SCRIPT_LETTER = 1;
export const SCRIPT_JAPANESE = 2;
export const SCRIPT_FRENCH_ACCENT = 4;

/** SCRIPT_ bits of a non-ASCII code unit: a letter, kana or kanji, a French accented letter. */
export function scriptOf(code: number): number {
  let known = scriptCodes[code]!;
  if (known === 0) scriptCodes[code] = known = 1 + scriptBitsOf(code);
  return known - 1;
}

function scriptBitsOf(code: number): number {
  if (code >= 0x3040 && code <= 0x9fff) return SCRIPT_LETTER | (code <= 0x30ff || code >= 0x3400 ? SCRIPT_JAPANESE : 0);
  if (code < 0xc0 || !isLetterCode(code)) return 0;
  return SCRIPT_LETTER | (FRENCH_ACCENT_CODES.has(code) ? SCRIPT_FRENCH_ACCENT : 0);
}

/**
 * French and English function words among the runs of a–z letters of `text[start, end)`. Each
 * run is walked down the function words' trie as it is read: no word is cut out or hashed.
 * NOT_A_FUNCTION_WORD once the run has left the trie.
 */
export function functionWordsIn(text: string, start: number, end: number): { frenchWords: number; englishWords: number } {
  let frenchWords = 0;
  let englishWords = 0;
  let node = ROOT;
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : 0;
    if (code >= 97 && code <= 122) {
      if (node !== NOT_A_FUNCTION_WORD) node = FUNCTION_WORD_TRIE.next[node * 26 + code - 97]!;
      continue;
    }
    if (node !== ROOT && node !== NOT_A_FUNCTION_WORD) {
      const languages = FUNCTION_WORD_TRIE.languages[node]!;
      if (languages & FRENCH) frenchWords++;
      if (languages & ENGLISH) englishWords++;
    }
    node = ROOT;
  }
  return { frenchWords, englishWords };
}

const ROOT = 0;
const NOT_A_FUNCTION_WORD = -1;
const FRENCH = 1;
const ENGLISH = 2;

/**
 * The function words of both languages as a trie over a–z: `next[node * 26 + letter]` is the node
 * after that letter (NOT_A_FUNCTION_WORD when no word goes on that way), `languages[node]` says
 * which languages' function word ends there.
 */
const FUNCTION_WORD_TRIE = buildTrie([
  [FUNCTION_WORDS.fr, FRENCH],
  [FUNCTION_WORDS.en, ENGLISH],
]);

function buildTrie(wordSets: readonly (readonly [ReadonlySet<string>, number])[]): { next: Int32Array; languages: Uint8Array } {
  const next: number[] = [];
  const languages: number[] = [];
  const addNode = () => {
    for (let letter = 0; letter < 26; letter++) next.push(NOT_A_FUNCTION_WORD);
    languages.push(0);
    return languages.length - 1;
  };
  addNode();
  for (const [words, language] of wordSets) {
    for (const word of words) {
      let node = ROOT;
      for (const char of word) {
        if (!/^[a-z]$/.test(char)) throw new Error(`function word "${word}" must be written in a–z, as the vote reads it`);
        const slot = node * 26 + char.charCodeAt(0) - 97;
        if (next[slot] === NOT_A_FUNCTION_WORD) next[slot] = addNode();
        node = next[slot]!;
      }
      languages[node] = languages[node]! | language;
    }
  }
  return { next: Int32Array.from(next), languages: Uint8Array.from(languages) };
}
