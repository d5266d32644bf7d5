/**
 * The one tokeniser: lower-cased word tokens with accents and curly apostrophes folded, used by
 * ingestion, the search index, the workstream registry and questions alike, so a word is reduced the
 * same way wherever it appears.
 */
import { stem } from './stem';
import { STOP_WORDS } from './stop-words';

const WORD = /[a-z0-9]+(?:[-'][a-z0-9]+)*/g;
/**
 * A web address, with or without its scheme ("http://www.legislation.gov.uk/ukpga/…", "hertfordshire.gov.uk/steps"),
 * or the domain of an e-mail address (its mailbox, "charlotte@…", may be a name).
 */
const WEB_ADDRESS = /(?<![\w.-])(?:https?:\/\/|www\.)\S+|(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net)\b\S*|@[a-z0-9.-]+/g;

/** Number words written as digits, so "five priorities" and "5 priorities" meet. */
// A Map, not an object literal: a word such as "constructor" must not find Object.prototype.
const NUMBERS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
    ten: '10',
    eleven: '11',
    twelve: '12',
    twenty: '20',
  }),
);

/** Lower case, accents removed, curly apostrophes straightened. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019\u2018]/g, "'");
}

/**
 * Word tokens. Hyphenated words yield the joined form and the parts ("co-ordinated" → "coordinated",
 * "co", "ordinated") so either spelling finds the other; a possessive 's is dropped and other
 * apostrophes are closed up ("what's" → "whats"). Web addresses are skipped.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  // The words of a web address are not prose: "gov" in "legislation.gov.uk" is no "govs" (governors).
  for (const m of fold(text).replace(WEB_ADDRESS, ' ').matchAll(WORD)) {
    let token = m[0].replace(/'s$/, '').replace(/'$/, '');
    if (token.includes("'")) token = token.replace(/'/g, '');
    if (token.includes('-')) {
      const parts = token.split('-').filter(Boolean);
      if (parts.every((p) => /^[a-z]/.test(p))) out.push(parts.join(''));
      out.push(...parts);
    } else if (token) {
      out.push(NUMBERS.get(token) ?? token);
    }
  }
  return out;
}

/** Stemmed, stop-word-free terms of a text, in order (duplicates kept). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) if (!STOP_WORDS.has(w)) out.push(stem(w));
  return out;
}

/** MiniSearch `processTerm`: a stem, or null for a stop word. */
export function indexTerm(term: string): string | null {
  return STOP_WORDS.has(term) ? null : stem(term);
}

/** Fused informal verbs and what they stand for: the tagger reads "gonna" as a noun, and "chair" after it as one too. */
const FUSED = new Map([
  ['gonna', 'going to'],
  ['wanna', 'want to'],
  ['gotta', 'got to'],
]);

/** Writes fused informal verbs out ("who was gonna chair it" → "who was going to chair it"), so their verbs read as verbs. */
export function spellOutFused(text: string): string {
  return text.replace(FUSED_WORDS, (w) => FUSED.get(w.toLowerCase()) ?? w);
}

const FUSED_WORDS = new RegExp(`\\b(${[...FUSED.keys()].join('|')})\\b`, 'gi');
