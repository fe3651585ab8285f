import { describe, expect, it } from 'vitest';
import { createPackReader } from '../support/verdicts.js';

const immerse = createPackReader('immerse');
const { ruleIdsOf } = immerse;
const japaneseCategoriesOf = (text: string) => immerse.categoriesOf(text, { lang: 'ja' });

describe('classify with the Immerse pack: members under 18', () => {
  it.each([
    ['an age given as their own', "J'ai 15 ans et j'apprends le japonais depuis deux ans!"],
    ['an English age given as their own', "Hi, I'm 16 and I want to practice my French with native speakers."],
    ['a school given as their own', 'Je suis au secondaire et j’apprends le japonais.'],
    ['a Japanese self-introduction with a school year', '中学２年生です、よろしくお願いします'],
    ['a Japanese self-introduction with an age', '15歳です。よろしくお願いします'],
    ['an age with "only"', "I'm only 13 but I've been studying for two years."],
    ['an age as "a 16 year old"', 'As a 16 year old I find the grammar lessons hard.'],
    ['an age as "y/o here"', 'Hi! 17 y/o here, looking for a study buddy.'],
    ['an age written in words', "J'ai quinze ans et j'adore la culture japonaise."],
    ['a Québec high-school year', 'Moi je suis en 3e secondaire pis j’apprends avec des animés'],
    ['a Québec high-school year, spelled as spoken', 'yo jsuis en secondaire 2 mais je parle déjà un peu japonais'],
  ])('when a member gives %s, then it is a sign of a member under 18', (_case, text) => {
    expect(ruleIdsOf(text)).toContain('minor-member');
  });

  // Each was flagged before: the rule read any age, student or child as the member's own.
  it.each([
    ['a teacher of high school students', 'I teach French to high school students, any tips?'],
    ['a parent of children', 'Mes enfants adorent les dessins animés japonais.'],
    ["a teacher giving the students' age", "J'enseigne à des élèves de 15 ans."],
    ['an adult giving their age', "J'ai 34 ans, je suis à Lyon et je cherche un partenaire d'échange."],
    ["a parent giving their son's school", 'うちの息子は中学生ですが、私は四十代です。'],
    ["a character's age", 'The anime is about a 16-year-old girl who moves to Tokyo.'],
    ['an age in the past', "Quand j'avais 16 ans, je suis allée à Osaka pour la première fois."],
    ['a high-school teacher', 'Je suis prof au secondaire et j’apprends le japonais le soir.'],
    ['an adult who just came of age', 'I turned 18 last month and finally joined!'],
  ])('when a member mentions %s, then it is no sign of a member under 18', (_case, text) => {
    expect(ruleIdsOf(text)).not.toContain('minor-member');
  });
});

describe('classify with the Immerse pack: one account per person', () => {
  it.each([
    ['a second account named as such', "C'est encore moi, sur mon autre compte, les modos m'ont bloqué lol"],
    ['a ban evaded with another account', "Mon compte principal a été banni alors j'utilise celui-ci en attendant."],
    ['backup accounts after a ban', 'lol they banned me but I have backup accounts'],
  ])('when a member mentions %s, then it is a multiple-accounts finding', (_case, text) => {
    expect(ruleIdsOf(text)).toContain('multiple-accounts');
  });

  // The first three were flagged before (any "nouveau compte", "mes comptes" or "another account"
  // counted); one blocked account, without another, is a support request.
  it.each([
    ['a newcomer', 'Je viens de créer un nouveau compte, bonjour à tous!'],
    ['bank accounts', 'Mes comptes de banque sont vides après ce voyage au Japon haha'],
    ["another app's accounts", 'Can someone explain how to add another account to the Anki sync?'],
    ['one blocked account', "Mon compte a été bloqué par erreur, un modo peut m'aider?"],
  ])('when a member mentions %s, then it is no multiple-accounts finding', (_case, text) => {
    expect(ruleIdsOf(text)).not.toContain('multiple-accounts');
  });
});

describe('classify with the Immerse pack: texts of undetermined language', () => {
  it('when a short post mixes English and French words, then its Japanese rules do not read it', () => {
    const text = "He's so dumb, always mixing up tu and vous.";

    expect(immerse.verdictOf(text).lang).toBe('und');
    expect(ruleIdsOf(text)).toContain('insult-untargeted');
    expect(ruleIdsOf(text)).not.toContain('insult-japanese');
  });
});

describe('classify with the Immerse pack: insults said of oneself in Japanese', () => {
  it.each([
    ['"my own stupidity"', '自分のバカさにあきれます。'],
    ['"I am an idiot, so"', '私はバカなので、もう一度説明してください。'],
  ])('when a member says %s, then nothing is flagged', (_case, text) => {
    expect(japaneseCategoriesOf(text)).toEqual([]);
  });

  it('when the writer names themself and insults someone else, then the insult is flagged', () => {
    expect(japaneseCategoriesOf('俺はお前がバカだと思う。')).toContain('cyberbullying');
  });
});

describe('classify with the Immerse pack: Japanese words', () => {
  // Each was flagged before: Japanese terms were found anywhere inside longer words.
  it.each([
    ['カス (scum) inside カステラ (sponge cake)', 'カステラが大好きです。長崎のお土産でもらいました。'],
    ['バカ (idiot) inside バカンス (holidays)', 'バカンスはどこに行きますか？'],
    ['ばか (idiot) inside ばかり (only)', '最近は雨ばかりですね。'],
    ['アホ inside アホウドリ (albatross)', '水族館でアホウドリの写真を撮りました！'],
    ['無能 (useless) inside 無能力 (incapacity)', '無能力者という言葉の意味を教えてください。'],
    ['ゴミ (rubbish) in household chores', '明日はゴミ出しの日なので早く寝ます。燃えるゴミは月曜日です。'],
    ['うざい (annoying) said of a day', '台風で電車が止まって、本当にうざい一日でした。'],
    ['燃やす (burn) said of leaves', '日曜日に落ち葉を燃やすのは禁止されています。'],
    ['an insult asked about in corner brackets', '「バカ」はフランス語で何と言いますか？'],
    // "ゴミ" alone and "殺す" alone were an insult and a threat; "バカみたいに" is "like crazy".
    ['rubbish to put out', 'ゴミは月曜日に出してください。'],
    ['enemies killed in a game', 'ゲームで敵を殺すのは楽しい。'],
    ['laughing like crazy', 'バカみたいに笑った、楽しかった！'],
  ])('when a post has %s, then nothing is flagged', (_case, text) => {
    expect(japaneseCategoriesOf(text)).toEqual([]);
  });

  it.each([
    ['an insult spanning two words (死|ね)', 'もう死ねよ', 'cyberbullying'],
    ['an insult aimed with お前', 'キモいんだよお前、DM送ってくんな。', 'cyberbullying'],
    ['rubbish said of a person', 'あんたってほんとゴミだね。', 'cyberbullying'],
    ['rubbish said to 君', '君はゴミだ', 'cyberbullying'],
    ['killing promised to the reader', 'お前を殺す', 'threat'],
    ['a conjugated threat', '通報したら家を燃やしてやる。', 'threat'],
    ['a threat with ぶっ殺す written apart (ぶっ|殺|してやる)', '覚えてろよ、ぶっ殺してやる。', 'threat'],
  ])('when a post has %s, then it is flagged as %s', (_case, text, category) => {
    expect(japaneseCategoriesOf(text)).toContain(category);
  });

  it('when a threat is made in Japanese, then it is a threat, not also an insult', () => {
    expect(japaneseCategoriesOf('次のオフ会で会ったら殺すぞ。')).toEqual(['threat']);
  });
});

describe('classify with the Immerse pack: Japanese insults about someone', () => {
  it('when "gross" or "annoying" is said of "that one" (あいつ, こいつ), then it is an insult; praise of "that one" is not', () => {
    expect(japaneseCategoriesOf('あいつはキモいから誰も話しかけるな。')).toContain('cyberbullying');
    expect(japaneseCategoriesOf('こいつ、ほんとにうざい。')).toContain('cyberbullying');
    expect(japaneseCategoriesOf('あいつら最高！また一緒に練習しよう。')).toEqual([]);
  });
});

// Learners mocked for their Japanese, shut out or exposed; the same words said of oneself, of spam
// or denied are everyday talk in a language-learning community.
describe('classify with the Immerse pack: members mocked or shut out in Japanese', () => {
  it.each([
    ["a learner's Japanese mocked", 'お前の日本語、下手すぎて笑えるw'],
    ["a learner's pronunciation mocked, eight words away", 'お前の発音、聞いてて恥ずかしいわ'],
    ['a member told to leave the group', 'このグループから出ていけ'],
    ['a member to be ignored by all', 'みんなであいつを無視しようぜ'],
    ['a member to be exposed', 'あいつの投稿、全部スクショして晒そう'],
    ['a learner belittled for what they cannot do', '日本語もできないくせに偉そうにするな'],
    ["a learner's pronunciation laughed at", 'お前の発音、まじでウケるんだけどw'],
    ['a member no one reads', '誰もお前の質問なんか読んでないから'],
    ['a member not wanted on the server', 'お前みたいなやつはこのサーバーにいらない'],
    ['a member said to spoil the mood', 'お前がいると空気が悪くなる'],
  ])('when the post is %s, then it is cyberbullying', (_case, text) => {
    expect(japaneseCategoriesOf(text)).toContain('cyberbullying');
  });

  it.each([
    ["one's own Japanese", '私の日本語はまだ下手ですが、頑張ります。'],
    ['spam to ignore', 'スパムは無視してください。'],
    ['a put-down denied', 'あなたの日本語は下手じゃないですよ！'],
    ['a level denied', 'あなたの作文は小学生レベルではありません、とても上手です。'],
    ['a polite visit', 'お邪魔します、よろしくお願いします。'],
    ['a practice called off', '雨の日は来ないでください、練習は中止です。'],
    ['a bag declined at the till', 'レジ袋はいらないです'],
    ['no one reading the writer', '誰も私の質問を読んでないみたい、もう一度投稿します'],
    ['an expression unfit for an e-mail', 'この表現はビジネスメールにふさわしくない'],
    ['spam accounts to block', 'スパムアカウントはみんなでブロックしよう'],
  ])('when the post is %s, then it is no cyberbullying', (_case, text) => {
    expect(japaneseCategoriesOf(text)).not.toContain('cyberbullying');
  });

  it('when a group is told to leave the country, then it is discrimination and not an insult to a member', () => {
    expect(japaneseCategoriesOf('韓国人は日本から出て行け。')).toEqual(['discrimination']);
  });
});

describe('classify with the Immerse pack: words of a language lesson', () => {
  it('when a member calls themself dumb beside the pronouns they mix up, then no one is insulted', () => {
    expect(ruleIdsOf("I'm so dumb, I always mix up tu and vous.")).not.toContain('cyberbullying-insult');
    // Said to someone, the same insult is one.
    expect(ruleIdsOf('You are so dumb, tu comprends rien.')).toContain('cyberbullying-insult');
  });

  it('when a member writes of a stray lock of hair (アホ毛), then it is no insult', () => {
    expect(japaneseCategoriesOf('アホ毛がまた立ってる…寝癖がひどい。')).not.toContain('cyberbullying');
    expect(japaneseCategoriesOf('お前はアホだな。')).toContain('cyberbullying');
  });
});
