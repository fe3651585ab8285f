import { describe, expect, it } from 'vitest';
import { codeUnitsOf, stringOfCodes } from '../../classifier/text/code-units.js';
import { foldText, toOriginalRange } from '../../classifier/text/fold.js';
import { createStemmers } from '../../classifier/text/stemmers.js';
import { segmentableChunks, tokenize } from '../../classifier/text/tokenize.js';

const stemmers = createStemmers();
const keysOf = (text: string, lang: 'fr' | 'en' | 'ja' = 'fr') =>
  tokenize(text, foldText(text), lang, stemmers[lang]).map((token) => token.key);

describe('folding and tokenizing undo common evasion', () => {
  it.each([
    ['case and accents', 'DÉPENDANCE Élevée', ['dependance', 'elevee']],
    ['leetspeak inside words', 'c0nn@rd', ['connard']],
    ['leetspeak in full-width and mathematical digits', 'c𝟎nn＠rd n𝟑gre', ['connard', 'negre']],
    ['leetspeak with a pound sign', 'ba£eine', ['baleine']],
    ['numbers stay numbers', 'covid19 en 2024', ['covid19', 'en', '2024']],
    ['letters drawn out', 'connnnnard nuuuul', ['connard', 'nuul']],
    ['double letters', 'la salle est sale', ['la', 'salle', 'est', 'sale']],
    ['spaced letters', 'espèce de c o n n a r d', ['espece', 'de', 'connard']],
    ['dotted letters', 'c.o.n.n.a.r.d !', ['connard']],
    ['zero-width characters', 'con\u200Bnard', ['connard']],
    ['elision', "l'homme qu'il", ['l', 'homme', 'qu', 'il']],
    ['Québec spellings', 'toé pis moé icitte', ['toi', 'puis', 'moi', 'ici']],
    ['ligatures', 'cœur', ['coeur']],
    ['a Cyrillic letter inside a Latin word', 'сonnard Аrabes vеrmine', ['connard', 'arabes', 'vermine']],
    ['a Greek letter inside a Latin word', 'ϲonnard', ['connard']],
    ['small capitals', 'ᴄᴏɴɴᴀʀᴅ', ['connard']],
    ['emoji inside a word', 'c😀onnard c❤️o👍🏽nnard', ['connard', 'connard']],
    ['emoji between words or beside one letter only', 'bravo 😀 les filles😀 a😀', ['bravo', 'les', 'filles', 'a']],
    ['Cyrillic and Greek words, left as they are', 'Путин Москва Αθήνα', ['путин', 'москва', 'αθηνα']],
  ])('when the text has %s, then the keys are normalised', (_case, text, expected) => {
    expect(keysOf(text)).toEqual(expected);
  });

  it('when a word is drawn out, then its loose form has every letter once; other words have none', () => {
    const tokens = tokenize('nuuuul salle', foldText('nuuuul salle'), 'fr', stemmers.fr);

    expect(tokens.map((token) => token.loose)).toEqual(['nul', undefined]);
  });

  it('when the text is NFD, then it folds like NFC and offsets still point into the original', () => {
    const nfd = 'la de\u0301pendance'.normalize('NFD');
    const folded = foldText(nfd);

    expect(folded.text).toBe(foldText('la dépendance').text);
    const token = tokenize(nfd, folded, 'fr', stemmers.fr)[1]!;
    expect(nfd.slice(token.start, token.end)).toBe('de\u0301pendance'.normalize('NFD'));
  });

  it('when a look-alike letter is read as Latin, then the token still points at the word as written', () => {
    const original = 'Espèce de сonnard';
    const token = tokenize(original, foldText(original), 'fr', stemmers.fr)[2]!;

    expect(token.key).toBe('connard');
    expect(original.slice(token.start, token.end)).toBe('сonnard');
  });

  it('when a range of the folded text is mapped back, then it covers the original characters', () => {
    const original = 'Écoute, c0nn@rd 😀 !';
    const folded = foldText(original);
    const start = folded.text.indexOf('connard');

    const [from, to] = toOriginalRange(folded, original, start, start + 'connard'.length);

    expect(original.slice(from, to)).toBe('c0nn@rd');
  });

  it('when Japanese text is segmented, then words keep their dakuten and offsets', () => {
    const text = 'お前はバカだ';
    const tokens = tokenize(text, foldText(text), 'ja', stemmers.ja);

    expect(tokens.map((token) => text.slice(token.start, token.end))).toContain('バカ');
  });

  it('when kana carry voicing marks, then they stay composed and the segmenter finds the whole words', () => {
    // Folded through NFKD, "ズ" became "ス" + "゛" and the segmenter cut "カスタマイズ" into カス|タマ|イズ.
    expect(foldText('カスタマイズできます').text).toBe('カスタマイズできます');
    expect(keysOf('このアプリの画面はカスタマイズできますか？', 'ja')).toContain('カスタマイズ');
    // Half-width kana write the mark apart; folded, it joins its kana.
    const halfWidth = 'ﾊﾞｶだな';
    const folded = foldText(halfWidth);
    expect(folded.text).toBe('バカだな');
    expect(toOriginalRange(folded, halfWidth, 0, 2)).toEqual([0, 3]);
  });

  it('when a half-width voicing mark opens the text, then it stays a character of its own with its offset', () => {
    // Nothing before it to join: it used to enter the folded text without an offset. The kana
    // after it takes its own mark: the range of "ガ" is "ｶﾞ".
    const text = 'ﾞｶﾞ ok';
    const folded = foldText(text);

    expect(folded.text).toBe('\u3099ガ ok');
    expect(folded.map).toEqual([0, 1, 3, 4, 5]);
    expect(toOriginalRange(folded, text, 1, 2)).toEqual([1, 3]);
  });

  it('when leetspeak digits sit beside each other, then each is judged on the text as written', () => {
    // "@" stands between letters only once "4" is read as "a": it is judged before that, so stays.
    expect(keysOf('m4@s c4t 5ale covid19')).toEqual(['ma', 's', 'cat', 'sale', 'covid19']);
  });

  it('when a text folds longer than the fold buffer, then the buffer grows and every character keeps its offset', () => {
    // "ﷺ" is one character that folds to eighteen: 3,000 of them outgrow a buffer of 4,096 units.
    const ligature = foldText('ﷺ').text;
    const text = `${'Ab'.repeat(3_000)}${'ﷺ'.repeat(3_000)}`;
    const folded = foldText(text);

    expect(ligature.length).toBeGreaterThan(10);
    expect(folded.text).toBe(`${'ab'.repeat(3_000)}${ligature.repeat(3_000)}`);
    expect(folded.map.length).toBe(folded.text.length);
    expect(folded.map[6_000]).toBe(6_000);
    expect(folded.map[folded.map.length - 1]).toBe(text.length - 1);
  });

  it('when code units become a string, then the little-endian decoding and the big-endian fallback copy them alike, lone surrogates included', () => {
    const units = Uint16Array.from({ length: 20_000 }, (_, i) => [0x61, 0xd800, 0xe9, 0xdc00, 0x3042, 0x2019][i % 6]!);
    const expected = Array.from(units.subarray(0, 19_999), (unit) => String.fromCharCode(unit)).join('');

    expect(stringOfCodes(units, 19_999, true)).toBe(expected);
    expect(stringOfCodes(units, 19_999, false)).toBe(expected);
  });

  it('when a string becomes code units, then the little-endian encoding and the big-endian fallback copy them alike, lone surrogates included', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => ['a', '\uD800', 'é', '\uDC00', 'あ', '’', '😀'][i % 7]).join('');
    const expected = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

    // Longer than the shared buffer at first: it grows.
    expect(Array.from(codeUnitsOf(text, true).subarray(0, text.length))).toEqual(expected);
    expect(Array.from(codeUnitsOf(text, false).subarray(0, text.length))).toEqual(expected);
    expect(Array.from(codeUnitsOf('Zoé', true).subarray(0, 3))).toEqual([0x5a, 0x6f, 0xe9]);
  });

  it('when texts of every string layout are folded, then each folds as its flat copy does', () => {
    const base = 'Un Élève a écrit ’salut’ 😀 ﾊﾞｶ c0nn@rd à l’école';
    const layouts = [
      base,
      JSON.parse(JSON.stringify(base)) as string, // as a JSON line or a rule file gives it
      `${base.slice(0, 20)}${base.slice(20)}`, // a concatenation
      `xx${base}xx`.slice(2, -2), // a slice of a longer text
      Buffer.from(base, 'utf8').toString('utf8'),
    ];
    const expected = foldText([...base].join(''));

    for (const text of layouts) expect(foldText(text)).toEqual(expected);
  });

  it('when a text holds a byte-order mark or a lone surrogate, then they fold to nothing and the rest is kept', () => {
    const folded = foldText('\uFEFFSalut \uD800toi');

    expect(folded.text).toBe('salut toi');
    expect(folded.map).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10]);
  });

  it('when a long Japanese text is segmented in pieces, then it gives the same words, at the same offsets, as short texts', () => {
    const sentence = 'お前はバカだ。イマースのコミュニティで勉強します、';
    const text = sentence.repeat(400);
    const once = tokenize(sentence, foldText(sentence), 'ja', stemmers.ja);

    const tokens = tokenize(text, foldText(text), 'ja', stemmers.ja);

    expect(tokens).toHaveLength(once.length * 400);
    const last = tokens.slice(-once.length);
    const shift = sentence.length * 399;
    expect(last.map((token) => [token.start - shift, token.end - shift, token.key])).toEqual(
      once.map((token) => [token.start, token.end, token.key]),
    );
  });

  it('when a text is cut for segmenting, then the pieces rejoin to it and break after punctuation or spaces', () => {
    const text = `${'あ'.repeat(1_900)}。${'い'.repeat(3_000)} ${'う'.repeat(10)}`;

    const chunks = [...segmentableChunks(text)];

    expect(chunks.map(([, chunk]) => chunk).join('')).toBe(text);
    expect(chunks.map(([offset]) => offset)).toEqual([0, 1_901, 3_901]);
    expect(chunks[0]![1].endsWith('。')).toBe(true);
  });

  it('when stems are compared, then French inflections meet', () => {
    expect(stemmers.fr.stem('dependances')).toBe(stemmers.fr.stem('dependance'));
    expect(stemmers.en.stem('threatening')).toBe(stemmers.en.stem('threatened'));
  });
});
