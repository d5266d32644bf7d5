/**
 * Sentence boundaries, parts of speech and number/date mentions, from winkNLP's English model. The
 * model takes about a third of a second to load, so it is loaded on first use (or warmed in the
 * background after the server listens); ingestion runs it once per document and caches what it found.
 */
import type { Document, ItemEntity, ItemSentence, ItemToken, ItsFunction, PartOfSpeech, WinkMethods } from 'wink-nlp';

/** What a stretch of text states that answer types look for. */
export type FactKind = 'number' | 'money' | 'percent' | 'date' | 'time' | 'duration';

/** A mention of a fact kind at `[start, end)` of the analysed text. */
export type FactSpan = [start: number, end: number, kind: FactKind];

export interface TextAnalysis {
  /** Sentence ends (exclusive offsets), in order; the last is the text's length. */
  sentenceEnds: number[];
  facts: FactSpan[];
}

export interface Token {
  /** As typed. */
  text: string;
  start: number;
  end: number;
  pos: PartOfSpeech;
  /** Dictionary form ("priorities" → "priority"). */
  lemma: string;
}

let engine: WinkMethods | undefined;

function nlp(): WinkMethods {
  if (!engine) {
    // Loaded lazily: require() keeps the 4 MB model off the start-up path of processes that never analyse text.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const winkNLP = require('wink-nlp') as (model: unknown) => WinkMethods;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engine = winkNLP(require('wink-eng-lite-web-model'));
  }
  return engine;
}

/** Loads the model now (e.g. in the background after start-up) so the first question does not wait. */
export function warmLanguageModel(): void {
  nlp().readDoc('Warm up.');
}

/** Character offsets of each token: winkNLP keeps the spaces before a token, not its position. */
function tokenOffsets(doc: Document): number[] {
  const its = nlp().its;
  const starts: number[] = [];
  let at = 0;
  doc.tokens().each((t: ItemToken) => {
    at += t.out(its.precedingSpaces).length;
    starts.push(at);
    at += t.out().length;
  });
  return starts;
}

// A Map, not an object literal: a word such as "constructor" must not find Object.prototype.
const FACT_OF: ReadonlyMap<string, FactKind> = new Map(
  Object.entries({
    CARDINAL: 'number',
    MONEY: 'money',
    PERCENT: 'percent',
    DATE: 'date',
    TIME: 'time',
    DURATION: 'duration',
  }),
);

/** The number/date mentions of a read text, as character spans. */
function factsOf(doc: Document, text: string, starts: number[]): FactSpan[] {
  const { its } = nlp();
  const tokens = doc.tokens();
  const facts: FactSpan[] = [];
  doc.entities().each((e: ItemEntity) => {
    const [first, last] = e.out(its.span) as unknown as [number, number];
    let kind = FACT_OF.get(String(e.out(its.type)));
    if (!kind) return;
    // "early years", "in recent years": a time unit with no number by it says nothing of how long or when. ("six full
    // days", "year 9": the number may stand just outside the span.)
    const from = Math.max(0, first - 2);
    const to = Math.min(tokens.length() - 1, last + 1);
    if (kind === 'duration' && !Array.from({ length: to - from + 1 }, (_, i) => tokens.itemAt(from + i).out(its.pos)).includes('NUM')) return;
    // "paragraph 35", "Section 63", "Year 5": a number straight after a noun names the thing; it counts nothing.
    if (kind === 'number' && first > 0 && ['NOUN', 'PROPN'].includes(tokens.itemAt(first - 1).out(its.pos))) return;
    const start = starts[first] ?? 0;
    if (kind === 'number' && /[£$€]\s*$/.test(text.slice(Math.max(0, start - 2), start))) kind = 'money';
    facts.push([start, (starts[last] ?? text.length) + tokens.itemAt(last).out().length, kind]);
  });
  return facts;
}

/** Sentences and number/date mentions of a passage. */
export function analyseText(text: string): TextAnalysis {
  const { its } = nlp();
  const doc = nlp().readDoc(text);
  const starts = tokenOffsets(doc);
  const tokens = doc.tokens();
  const endOf = (tokenIndex: number): number => (starts[tokenIndex] ?? text.length) + tokens.itemAt(tokenIndex).out().length;
  const sentenceEnds: number[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const [, last] = s.out(its.span) as unknown as [number, number];
    const end = endOf(last);
    // A sentence ends before a space or the end of the text: "www.hertsdirect.org" is one word, not three sentences.
    if (end >= text.length || /\s/.test(text[end] ?? '')) sentenceEnds.push(end);
  });
  if (sentenceEnds[sentenceEnds.length - 1] !== text.length) sentenceEnds.push(text.length);
  return { sentenceEnds, facts: factsOf(doc, text, starts) };
}

/** The tokens of a read text with their parts of speech and lemmas. */
function tokensOf(doc: Document, starts: number[]): Token[] {
  const { its } = nlp();
  const out: Token[] = [];
  doc.tokens().each((t: ItemToken, i: number) => {
    const value = t.out();
    const start = starts[i] ?? 0;
    out.push({
      text: value,
      start,
      end: start + value.length,
      pos: t.out(its.pos) as PartOfSpeech,
      lemma: String(t.out(its.lemma as ItsFunction<string>)),
    });
  });
  return out;
}

/** Tokens of a short text (a question) with their parts of speech. */
export function tagText(text: string): Token[] {
  const doc = nlp().readDoc(text);
  return tokensOf(doc, tokenOffsets(doc));
}

/** A question's tokens and the number/date mentions it states, from one reading of it. */
export function readQuestion(text: string): { tokens: Token[]; facts: FactSpan[] } {
  const doc = nlp().readDoc(text);
  const starts = tokenOffsets(doc);
  return { tokens: tokensOf(doc, starts), facts: factsOf(doc, text, starts) };
}
