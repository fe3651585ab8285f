import type { Analysis, Hit } from '../analysis.js';
import { foldedHits } from './hits.js';

// The `contact_outside_platform` detector: asking to move a conversation off the platform, where
// no one can see it (safeguarding).

/** Other apps and channels people move a conversation to. */
const OTHER_CHANNELS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|signal|kik|tiktok|messenger|zoom|skype|facetime|google meet|teams';
/** Apps whose account one asks for by name ("ton Insta", "tu as Snap?"). */
const ACCOUNT_APPS = 'snap(?:chat)?|insta(?:gram)?|whats ?app|telegram|discord|kik';
const CONTACT_OUTSIDE = new RegExp(
  [
    // "ajoute-moi sur Snap", "écris-moi en privé", "text me on my cell"
    `\\b(?:ecri[st]|texte|textez|appelle|contacte|ajoute|add|text|call|dm|message|pm|ecrivez|rejoins|join|write|viens|venez|follow)[ -]?(?:moi|me|nous|us)?\\b[^.!?\\n]{0,30}\\b(?:${OTHER_CHANNELS}|en prive|in private|privately|par texto|by text|on my (?:phone|cell)|mon (?:cell|numero)|my (?:number|cell))`,
    // "mon snap c'est", "ton Insta", "her Instagram"
    `\\b(?:mon|my) (?:snap|insta|whats ?app|telegram|discord|numero|number) (?:c['’ ]?est|is)`,
    `\\b(?:ton|ta|son|sa|your|her|his) (?:${ACCOUNT_APPS})\\b`,
    // "donne-moi ton numéro", "what's your number", "c'est quoi ton courriel"
    `\\b(?:donne|donnez|give|send|envoie|envoyez|c['’ ]?est quoi|what['’ ]?s|quel est)[ -][^.!?\\n]{0,20}\\b(?:ton|ta|votre|your) (?:numero|number|cell|cellulaire|telephone|phone|courriel|e-?mail)\\b`,
    // "tu as Snap?", "do you have WhatsApp?"
    `\\b(?:tu as|t['’ ]?as|as-tu|avez-vous|do you have|you got|got) (?:${ACCOUNT_APPS}|messenger)\\b`,
    // "on peut se parler sur Messenger", "let's continue on Zoom"
    `\\b(?:parler|parle|jase|jaser|chat|talk|continue|continuer|continuons|meet|voir) (?:sur|on|via|par) (?:${OTHER_CHANNELS})\\b`,
    // "en dehors de la plateforme", "outside the app", "instead of the platform"
    `\\b(?:hors de|en dehors de|au lieu de|outside|instead of) (?:la |l['’ ]?|the )?(?:plateforme|platform|application|app)\\b`,
    `\\b(?:en|in) (?:prive|private|dm|pm)\\b`,
  ].join('|'),
  'gu',
);

export function contactOutsidePlatform(analysis: Analysis): Hit[] {
  return foldedHits(analysis, CONTACT_OUTSIDE);
}
