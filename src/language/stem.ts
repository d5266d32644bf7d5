/**
 * The one stemmer: Porter2 (wink-porter2-stemmer), after folding British/American spellings and the
 * irregular verb forms Porter2 cannot reduce onto one form.
 */
import porterStem from 'wink-porter2-stemmer';

/** Spelling variants and irregular forms, folded before stemming. */
// A Map, not an object literal: a word such as "constructor" must not find Object.prototype.
const VARIANTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    advisor: 'adviser',
    advisors: 'advisers',
    behavior: 'behaviour',
    behaviors: 'behaviours',
    behavioral: 'behavioural',
    program: 'programme',
    programs: 'programmes',
    center: 'centre',
    centers: 'centres',
    license: 'licence',
    licenses: 'licences',
    organization: 'organisation',
    organizations: 'organisations',
    color: 'colour',
    colors: 'colours',
    // The county's short name, as people and papers write it.
    herts: 'hertfordshire',
    sent: 'send',
    led: 'lead',
    met: 'meet',
    paid: 'pay',
    held: 'hold',
    began: 'begin',
    begun: 'begin',
    made: 'make',
    brought: 'bring',
    taught: 'teach',
    given: 'give',
    written: 'write',
    chose: 'choose',
    chosen: 'choose',
    bought: 'buy',
  }),
);

/**
 * Module-level on purpose: a memo of a pure function (the same word always has the same stem), shared by
 * ingestion and questions alike, and bounded (cleared past 200 000 words).
 */
const cache = new Map<string, string>();

/**
 * Stems a lower-case word. Applied twice because Porter2 is not idempotent ("lenses" → "lens" →
 * "len"): stemming the stem makes singular and plural meet. Numbers are kept as they are.
 */
export function stem(word: string): string {
  let hit = cache.get(word);
  if (hit === undefined) {
    const folded = VARIANTS.get(word) ?? word;
    hit = /^\d/.test(folded) ? folded : porterStem(porterStem(folded));
    if (cache.size > 200_000) cache.clear();
    cache.set(word, hit);
  }
  return hit;
}
