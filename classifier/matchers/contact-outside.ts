import type { Analysis, Hit } from '../analysis.js';
import { gatedHits, gatedPattern } from './gated-pattern.js';

// The `contact_outside_platform` detector: asking to move a conversation off the platform, where
// no one can see it (safeguarding).

/** Other apps and channels people move a conversation to. */
const OTHER_CHANNELS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|signal|kik|tiktok|messenger|zoom|skype|facetime|google meet|teams';
/** How each of them starts, as written in every match (the gate's words). */
const OTHER_CHANNEL_WORDS = ['snap', 'insta', 'whats', 'telegram', 'discord', 'signal', 'kik', 'tiktok', 'messenger', 'zoom', 'skype', 'facetime', 'google meet', 'teams'];
/** Apps whose account one asks for by name ("ton Insta", "tu as Snap?"). */
const ACCOUNT_APPS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|kik';
const ACCOUNT_APP_WORDS = ['snap', 'insta', 'whats', 'telegram', 'discord', 'kik'];
export const CONTACT_OUTSIDE = gatedPattern(
  [
    {
      // "ajoute-moi sur Snap", "écris-moi en privé", "text me on my cell"
      pattern: `\\b(?:ecri[st]|texte|textez|appelle|contacte|ajoute|add|text|call|dm|message|pm|ecrivez|rejoins|join|write|viens|venez|follow)[ -]?(?:moi|me|nous|us)?\\b[^.!?\\n]{0,30}\\b(?:${OTHER_CHANNELS}|en prive|in private|privately|par texto|by text|on my (?:phone|cell)|mon (?:cell|numero)|my (?:number|cell))`,
      contains: [...OTHER_CHANNEL_WORDS, 'en prive', 'in private', 'privately', 'par texto', 'by text', 'on my phone', 'on my cell', 'mon cell', 'mon numero', 'my number', 'my cell'],
    },
    {
      // "mon snap c'est", "my number is"
      pattern: `\\b(?:mon|my) (?:snap|insta|whats ?app|telegram|discord|numero|number) (?:c['’ ]?est|is)`,
      contains: ['snap', 'insta', 'whats', 'telegram', 'discord', 'numero', 'number'],
    },
    // "ton Insta", "her Instagram"
    { pattern: `\\b(?:ton|ta|son|sa|your|her|his) (?:${ACCOUNT_APPS})\\b`, contains: ACCOUNT_APP_WORDS },
    {
      // "donne-moi ton numéro", "what's your number", "c'est quoi ton courriel"
      pattern: `\\b(?:donne|donnez|give|send|envoie|envoyez|c['’ ]?est quoi|what['’ ]?s|quel est)[ -][^.!?\\n]{0,20}\\b(?:ton|ta|votre|your) (?:numero|number|cell|cellulaire|telephone|phone|courriel|e-?mail)\\b`,
      contains: ['numero', 'number', 'cell', 'phone', 'courriel', 'mail'],
    },
    // "tu as Snap?", "do you have WhatsApp?"
    { pattern: `\\b(?:tu as|t['’ ]?as|as-tu|avez-vous|do you have|you got|got) (?:${ACCOUNT_APPS}|messenger)\\b`, contains: [...ACCOUNT_APP_WORDS, 'messenger'] },
    // "on peut se parler sur Messenger", "let's continue on Zoom"
    {
      pattern: `\\b(?:parler|parle|jase|jaser|chat|talk|continue|continuer|continuons|meet|voir) (?:sur|on|via|par) (?:${OTHER_CHANNELS})\\b`,
      contains: OTHER_CHANNEL_WORDS,
    },
    // "en dehors de la plateforme", "outside the app", "instead of the platform"
    {
      pattern: `\\b(?:hors de|en dehors de|au lieu de|outside|instead of) (?:la |l['’ ]?|the )?(?:plateforme|platform|application|app)\\b`,
      contains: ['hors de', 'au lieu de', 'outside', 'instead of'],
    },
    { pattern: `\\b(?:en|in) (?:prive|private|dm|pm)\\b`, contains: ['prive', 'private', ' dm', ' pm'] },
  ],
  'gu',
);

export function contactOutsidePlatform(analysis: Analysis): Hit[] {
  return gatedHits(analysis, CONTACT_OUTSIDE);
}
