/**
 * What a question is looking for, as weighted stems: its own content words (misspellings corrected
 * against the corpus vocabulary), glossary expansions both ways (SEA ↔ School Effectiveness
 * Adviser), and a few synonyms people use for the documents' words.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import { STOP_WORDS, stem, words } from '../ingestion/terms';

/** `context`: borrowed from the previous question of the conversation. */
export type TermOrigin = 'question' | 'corrected' | 'expansion' | 'context';

export interface QueryTerm {
  /** The word as searched (after correction). */
  word: string;
  stem: string;
  /** idf × origin factor; unknown words get the highest idf. */
  weight: number;
  origin: TermOrigin;
  /** Whether the corpus contains the stem at all. */
  known: boolean;
  /** Stem of the question word this term stands for (expansions and synonyms point back to it). */
  group: string;
}

/** Words that shape a question but say nothing about its topic. */
const QUESTION_WORDS = new Set(
  ('tell know please many much stand stands mean means meaning give list explain describe happen happens ' +
    'anything something thing things get got say says said find kind sort way ways like want need hertfordshire ' +
    'herts document documents strategy paper best good really').split(' '),
);

/**
 * Words that frame a question about someone's part ("what is the role of the dioceses?", "what are
 * governors responsible for?", "what do Schools Forum do?") rather than name its subject: they count for
 * little next to the subject, or any paragraph about some role or responsibility would do.
 */
const FRAMING_WORDS = new Set(
  'role roles responsible responsibility responsibilities play plays played part job jobs function functions duty duties do does involved involvement'.split(' '),
);
const FRAMING_FACTOR = 0.25;

/**
 * Words people use for the documents' words. One-way from the key: asking about "red" schools is
 * asking about RAYG ratings, but a question about RAYG is not about the colour red.
 */
const SYNONYMS: Record<string, string[]> = {
  head: ['headteacher'],
  heads: ['headteachers'],
  headteacher: ['head'],
  headteachers: ['heads'],
  principal: ['headteacher'],
  council: ['hcc', 'authority'],
  hcc: ['council'],
  la: ['authority'],
  kids: ['children'],
  children: ['pupils'],
  pupils: ['children'],
  red: ['rayg'],
  amber: ['rayg'],
  yellow: ['rayg'],
  green: ['rayg'],
  rating: ['rayg'],
  colour: ['rayg'],
  boss: ['lead'],
  leads: ['lead'],
  runs: ['lead', 'chair'],
  chairs: ['chair'],
  begin: ['start'],
  starts: ['start'],
  start: ['commence'],
  students: ['pupils'],
  autistic: ['autism'],
  behaviour: ['behavioural'],
  sen: ['send'],
  send: ['sen'],
  cost: ['price', 'licence'],
  price: ['cost'],
  mentor: ['mentoring'],
  money: ['funding', 'funds'],
  funded: ['funds', 'funding'],
  pay: ['funds', 'funding'],
  buy: ['purchase', 'purchased'],
  purchase: ['buy'],
  join: ['attend', 'attended'],
  came: ['attend', 'attended'],
  come: ['attend'],
  attend: ['came'],
  sit: ['member', 'members'],
  sits: ['member', 'members'],
};

const EXPANSION_FACTOR = 0.5;
const CORRECTED_FACTOR = 0.9;
const CONTEXT_FACTOR = 0.9;

/** Inverse section frequency of a stem; unknown stems weigh as the rarest. */
export function idf(kb: KnowledgeBase, st: string): number {
  const n = kb.sections.length;
  return Math.log(1 + n / ((kb.df[st] ?? 0) + 0.5));
}

function correct(kb: KnowledgeBase, word: string): string | null {
  if (kb.vocabulary[word] || kb.df[stem(word)]) return word;
  if (/\d/.test(word) || word.length < 5) return null;
  // Two swapped letters ("chiars", "reveiw") are the commonest slip and cost two edits otherwise.
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
    if (kb.vocabulary[swapped]) return swapped;
  }
  const hits = kb.words.fuzzyGet(word, word.length >= 8 ? 2 : 1);
  let best: string | null = null;
  let bestKey: [number, number] = [Infinity, 0];
  for (const [candidate, [freq, distance]] of hits) {
    if (distance < bestKey[0] || (distance === bestKey[0] && freq > bestKey[1])) {
      best = candidate;
      bestKey = [distance, freq];
    }
  }
  return best;
}

/**
 * The weighted search terms of a question, deduplicated by stem (strongest origin wins).
 * `followUp` is the previous question of the conversation: an elliptical question ("which parents
 * are on it?") borrows its terms at a lower weight.
 */
export function queryTerms(kb: KnowledgeBase, text: string, followUp?: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  const add = (word: string, origin: TermOrigin, group: string): void => {
    const st = stem(word);
    if (STOP_WORDS.has(word) || !st) return;
    const base = origin === 'question' ? 1 : origin === 'corrected' ? CORRECTED_FACTOR : origin === 'context' ? CONTEXT_FACTOR : EXPANSION_FACTOR;
    const factor = framed && FRAMING_WORDS.has(word) ? base * FRAMING_FACTOR : base;
    const known = (kb.df[st] ?? 0) > 0;
    const weight = idf(kb, st) * factor;
    const existing = terms.get(st);
    if (!existing || existing.weight < weight) terms.set(st, { word, stem: st, weight, origin, known, group: existing?.group ?? group });
  };
  // "How often" asks for a frequency; "often" itself is not the topic.
  const asked = words(text.replace(/\bhow (often|frequently)\b/gi, 'how')).filter((w) => !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w));
  const framed = asked.some((w) => !FRAMING_WORDS.has(w));
  for (const w of asked) {
    const fixed = correct(kb, w);
    const group = stem(fixed ?? w);
    add(fixed ?? w, fixed && fixed !== w ? 'corrected' : 'question', group);
    const key = fixed ?? w;
    const entry = kb.acronyms.get(key);
    if (entry) for (const e of words(entry.expansion)) add(e, 'expansion', group);
    for (const s of SYNONYMS[key] ?? []) add(s, 'expansion', group);
  }
  const lowered = ` ${words(text).join(' ')} `;
  for (const g of kb.glossary) {
    const phrase = words(g.expansion).join(' ');
    if (phrase.includes(' ') && lowered.includes(` ${phrase} `)) {
      const acronymWord = words(g.acronym)[0];
      if (acronymWord) add(acronymWord, 'expansion', stem(words(g.expansion)[0]));
    }
  }
  if (followUp && ELLIPTICAL.test(text) && asked.length <= 3) {
    for (const w of words(followUp)) {
      if (STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || terms.has(stem(w))) continue;
      const fixed = correct(kb, w);
      if (fixed) add(fixed, 'context', `previous:${stem(fixed)}`);
    }
  }
  return [...terms.values()];
}

/** Questions that point back at what was just discussed. */
const ELLIPTICAL = /(it|its|this|that|they|them|those|these|there|he|she|his|her)/i;
