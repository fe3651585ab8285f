import { wholeText, type Analysis, type Hit } from '../analysis.js';
import { foldText } from '../text/fold.js';
import { BETWEEN_NAME_WORDS, isOrganizationName, wordsOfName } from './organization.js';

// Who posted and what they posted before: an anonymous author, the same words again (flooding),
// someone else's words (plagiarism).

/**
 * Names platforms show for a post whose author chose to hide ("Membre anonyme" in a Facebook
 * group, "Anonymous" on a forum), folded. A source that shows no author at all says nothing.
 */
const ANONYMOUS_AUTHOR = /^(?:membre anonyme|participant anonyme|participante anonyme|participant e anonyme|personne anonyme|utilisateur anonyme|utilisatrice anonyme|auteur anonyme|anonyme|anonymous|anonymous member|anonymous participant|anonymous user|anon|invite|guest)$/;

/** The whole post, when its author is shown as anonymous. */
export function anonymousAuthor(analysis: Analysis): Hit[] {
  if (analysis.author === undefined) return [];
  const name = foldText(analysis.author).text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return ANONYMOUS_AUTHOR.test(name) ? [wholeText(analysis)] : [];
}

/** The same words posted this many times before by one author within a week make flooding. */
const EARLIER_POSTS_OF_FLOODING = 2;

/** The whole post, when its author posted the same words twice or more within the last week. */
export function repeatedPost(analysis: Analysis): Hit[] {
  return (analysis.earlierCopies?.byAuthor ?? 0) >= EARLIER_POSTS_OF_FLOODING ? [wholeText(analysis)] : [];
}

/** A shorter text is copied for ordinary reasons (a slogan, a prayer, a line of a song). */
const MIN_COPIED_WORDS = 20;

/**
 * The whole post, when someone else posted the same words before (plagiarism). Not when the
 * earlier author is the organization (sharing its announcements is welcome) nor when the post
 * names the earlier author (credited). Authors are compared folded, as the text is.
 */
export function copiedPost(analysis: Analysis): Hit[] {
  const others = analysis.earlierCopies?.byOthers ?? [];
  if (others.length === 0 || analysis.tokens.length < MIN_COPIED_WORDS) return [];
  const authors = others.map(wordsOfName).filter((author) => author.length > 0);
  if (authors.some((author) => isOrganizationName(analysis, author))) return [];
  const text = ` ${analysis.folded.text.replace(BETWEEN_NAME_WORDS, ' ')} `;
  if (authors.some((author) => text.includes(` ${author} `))) return [];
  return authors.length > 0 ? [wholeText(analysis)] : [];
}
