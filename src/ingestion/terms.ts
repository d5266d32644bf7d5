/**
 * The one tokenizer used for indexing, for sentence scoring and for questions, so a word is
 * reduced the same way wherever it appears: lower-cased, accents and spelling variants folded,
 * stop words dropped, Porter2-stemmed.
 */
import porterStem from 'wink-porter2-stemmer';

/** Common English function words; they carry no topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves e g eg ie etc s t also may might must shall us ' +
    "doesnt dont isnt arent wasnt werent cant cannot wont didnt hasnt havent shouldnt couldnt wouldnt whats whos hows"
  ).split(' '),
);

/** British/American and hyphenation variants folded onto one spelling before stemming. */
const VARIANTS: Record<string, string> = {
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
  // Irregular verb forms Porter2 cannot reduce.
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
  color: 'colour',
  colors: 'colours',
};

const stemCache = new Map<string, string>();

/**
 * Stems a lower-case word. Applied twice because Porter2 is not idempotent ("lenses" → "lens" →
 * "len"); stemming the stem makes singular and plural meet.
 */
export function stem(word: string): string {
  let hit = stemCache.get(word);
  if (hit === undefined) {
    const folded = VARIANTS[word] ?? word;
    hit = /^\d/.test(folded) ? folded : porterStem(porterStem(folded));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, hit);
  }
  return hit;
}

const WORD = /[a-z0-9]+(?:[-'][a-z0-9]+)*/g;

/**
 * Lower-case word tokens. Hyphenated words yield the joined form and the parts ("co-ordinated" →
 * "coordinated", "co", "ordinated") so either spelling in a question finds it; possessive 's is
 * dropped.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const lower = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019\u2018]/g, "'");
  for (const m of lower.matchAll(WORD)) {
    let token = m[0].replace(/'s$/, '').replace(/'$/, '');
    if (token.includes("'")) token = token.replace(/'/g, '');
    if (token.includes('-')) {
      const parts = token.split('-').filter(Boolean);
      if (parts.every((p) => /^[a-z]/.test(p))) out.push(parts.join(''));
      out.push(...parts);
    } else if (token) {
      out.push(token);
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
export function processIndexTerm(term: string): string | null {
  return STOP_WORDS.has(term) ? null : stem(term);
}
