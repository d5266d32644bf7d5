/**
 * Offline, extractive answers: the sentence(s) or short list from the indexed documents that answer
 * the question, with citations — or a plain decline when no passage covers what was asked.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { Answer, AnswerContext, Citation } from './answer-types';
import { citeSection, declineText, supersededPreface } from './citations';
import { definitionAnswer } from './definition-answer';
import { personAnswer } from './person-answer';
import { contentStems } from '../ingestion/terms';
import { queryTerms, type QueryTerm } from './query-terms';
import { questionShape, type QuestionShape } from './question-type';
import { search } from './search';
import { sectionContextStems, sectionHeadingStems, sectionSentences, type SentenceInfo } from './sentences';

/** Share of the question's weight the chosen passage must cover to count as an answer. */
export const MIN_COVERAGE = 0.55;
/** Share of the question's weight carried by words the corpus has never seen, above which we decline. */
export const MAX_UNKNOWN_SHARE = 0.25;
const MAX_ANSWER_CHARS = 700;
const MAX_LIST_ITEMS = 10;
const SECTIONS_CONSIDERED = 6;

interface Candidate {
  section: number;
  sentence: number;
  info: SentenceInfo;
  score: number;
  coverage: number;
  matched: Set<string>;
}

const WHO_ROLE = /\b(lead|leads|chair|chaired|authority|head|headteachers?|manager|officer|advisers?|coordinator|director|board|council|commissioner|governors?|group|team|partnership)\b/i;
const WHO_NAME = /\b(HfL|HCC|DfE|Ofsted|RSC|[A-Z][a-z]+ [A-Z][a-z]+)\b/;
const OFTEN_CUE = /\b(once|twice|every|each (year|term|month|week)|annual|annually|termly|weekly|monthly|yearly|per (year|term|half term|month|week)|a year|a term)\b/i;
/** "If…", "when…", "where…", "once…": a sentence that states what follows from a circumstance. */
const CONDITION_CUE = /(^|[,;]\s*|\b)(if|unless|once|in circumstances where)\b|^(when|where)\b/i;
/** A personal task ("how do I apply…") needs a passage covering nearly all of the question. */
const MIN_TASK_COVERAGE = 0.85;
const WHY_CUE = /\b(because|this is|reason|due to|so that|in order to|as a result|therefore)\b/i;

function typeFactor(shape: QuestionShape, info: SentenceInfo): number {
  switch (shape.kind) {
    case 'count':
      return info.hasNumber ? 1.5 : 0.6;
    case 'when':
      return info.hasDate ? 1.5 : 0.6;
    case 'who':
      return WHO_ROLE.test(info.text) || WHO_NAME.test(info.text) ? 1.2 : 0.8;
    case 'why':
      return WHY_CUE.test(info.text) ? 1.3 : 1;
    case 'often':
      return OFTEN_CUE.test(info.text) ? 1.5 : 0.7;
    case 'conditional':
      return CONDITION_CUE.test(info.text) ? 1.4 : 0.9;
    default:
      return 1;
  }
}

interface Group {
  weight: number;
  /** Counts towards coverage; terms borrowed from the previous question only help ranking. */
  required: boolean;
}

/** Weight of the question's terms, one per question word (its expansions stand in for it, not add to it). */
function groupWeights(terms: QueryTerm[]): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const t of terms) {
    if (t.origin === 'expansion') continue;
    const g = out.get(t.group);
    out.set(t.group, { weight: Math.max(g?.weight ?? 0, t.weight), required: t.origin !== 'context' });
  }
  return out;
}

/** Where a sentence's surroundings put words it does not itself contain. */
interface SentenceSurroundings {
  /** Stems of the section's heading path and document title. */
  context: Set<string>;
  /** Stems of the section's own heading. */
  heading: Set<string>;
  /** Sentences next to it in the same paragraph ("The delivery is six days…" is about the course named just before). */
  nearby: SentenceInfo[];
  /** Stems of the list a lead-in introduces. */
  extra?: Set<string>;
}

/**
 * Weighted overlap of a sentence with the question. Words found only in the section's heading
 * path or document title count half towards the score and fully towards coverage — fully towards
 * both when the sentence's pronoun subject stands for the heading; words found only in the list a
 * lead-in introduces count 0.7; words found only in neighbouring sentences count a quarter
 * towards the score and fully towards coverage.
 */
function scoreSentence(terms: QueryTerm[], groups: Map<string, Group>, info: SentenceInfo, around: SentenceSurroundings): { raw: number; coverage: number; matched: Set<string> } {
  const inSentence = new Map<string, number>();
  const inContext = new Map<string, number>();
  const inNearby = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, v: number): void => {
    m.set(k, Math.max(m.get(k) ?? 0, v));
  };
  for (const t of terms) {
    if (info.stems.has(t.stem) || (info.aboutHeading && around.heading.has(t.stem))) bump(inSentence, t.group, t.weight);
    else if (around.extra?.has(t.stem)) bump(inSentence, t.group, 0.7 * t.weight);
    else if (around.context.has(t.stem)) bump(inContext, t.group, t.weight);
    else if (around.nearby.some((n) => n.stems.has(t.stem))) bump(inNearby, t.group, t.weight);
  }
  let raw = 0;
  let covered = 0;
  let total = 0;
  for (const [group, g] of groups) {
    const own = inSentence.get(group) ?? 0;
    const ctx = inContext.get(group) ?? 0;
    const near = inNearby.get(group) ?? 0;
    raw += own + 0.5 * Math.max(0, ctx - own) + 0.25 * Math.max(0, near - own - ctx);
    if (!g.required) continue;
    total += g.weight;
    covered += Math.min(g.weight, Math.max(own, ctx, near));
  }
  return { raw, coverage: total ? covered / total : 0, matched: new Set(inSentence.keys()) };
}

/** Up to two sentences either side of sentence `i` within its paragraph. */
function nearbySentences(sentences: SentenceInfo[], i: number): SentenceInfo[] {
  const out: SentenceInfo[] = [];
  for (let j = Math.max(0, i - 2); j <= Math.min(sentences.length - 1, i + 2); j++) {
    if (j !== i && sentences[j].block === sentences[i].block) out.push(sentences[j]);
  }
  return out;
}

/** A short line with no closing punctuation is a heading or caption that extraction ran into the text. */
function fragmentFactor(info: SentenceInfo): number {
  return !info.list && !/[.!?:;]$/.test(info.text) && info.text.split(' ').length < 12 ? 0.6 : 1;
}

/** "Lead: …", "Outcomes: …": a labelled field is the answer when the question names the label. */
function labelFactor(info: SentenceInfo, terms: QueryTerm[]): number {
  const label = /^([A-Z][\w &]{1,40}):\s+\S/.exec(info.text)?.[1];
  if (!label) return 1;
  const labelStems = new Set(contentStems(label));
  return terms.some((t) => t.origin !== 'expansion' && labelStems.has(t.stem)) ? 1.5 : 1;
}

const NUMBER_TOKEN = /^(\d[\d,.]*%?|£[\d,.]+m?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)$/i;

/**
 * "How many lenses…": a sentence that puts a number right before the thing counted ("the ten
 * 'lenses'", "in 11 Hertfordshire Secondary schools") states the count rather than mentioning it.
 */
function countsNoun(info: SentenceInfo, counted: Set<string>): boolean {
  if (!counted.size || !info.hasNumber) return false;
  const tokens = info.text.split(/\s+/).map((t) => t.replace(/^[^\w£]+|[^\w%]+$/g, ''));
  for (let i = 0; i < tokens.length; i++) {
    if (!NUMBER_TOKEN.test(tokens[i])) continue;
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
      if (contentStems(tokens[j]).some((st) => counted.has(st))) return true;
    }
  }
  return false;
}

function hasCue(shape: QuestionShape, info: SentenceInfo): boolean {
  if (shape.kind === 'count') return info.hasNumber;
  if (shape.kind === 'when') return info.hasDate;
  if (shape.kind === 'why') return WHY_CUE.test(info.text);
  if (shape.kind === 'often') return OFTEN_CUE.test(info.text);
  return true;
}

/**
 * A long sentence (a run-on list that lost its markup) is cut to the stretch of words that holds
 * most of the question's terms.
 */
function focus(text: string, terms: QueryTerm[], max: number): string {
  if (text.length <= max) return text;
  const tokens = text.split(/\s+/);
  const weights = tokens.map((tok) => {
    const stems = new Set(contentStems(tok));
    return terms.reduce((a, t) => a + (stems.has(t.stem) ? t.weight : 0), 0);
  });
  let best = 0;
  let bestStart = 0;
  for (let start = 0; start < tokens.length; start++) {
    let len = 0;
    let sum = 0;
    for (let end = start; end < tokens.length && len + tokens[end].length + 1 <= max - 2; end++) {
      len += tokens[end].length + 1;
      sum += weights[end];
    }
    if (sum > best) {
      best = sum;
      bestStart = start;
    }
  }
  let out = '';
  let end = bestStart;
  while (end < tokens.length && out.length + tokens[end].length + 1 <= max - 2) out += `${out ? ' ' : ''}${tokens[end++]}`;
  return `${bestStart > 0 ? '…' : ''}${out}${end < tokens.length ? '…' : ''}`;
}

function lengthFactor(text: string): number {
  if (text.length < 25) return 0.7;
  return text.length > 450 ? 0.85 : 1;
}

/** The list items that follow sentence `i` in its section, until running text resumes. */
function followingItems(sentences: SentenceInfo[], i: number): SentenceInfo[] {
  const items: SentenceInfo[] = [];
  for (let j = i + 1; j < sentences.length && items.length < MAX_LIST_ITEMS; j++) {
    if (!sentences[j].list) break;
    if (sentences[j].block === sentences[j - 1].block && j - 1 !== i) continue;
    items.push(sentences[j]);
  }
  return items;
}

/** The body of the answer: a sentence, a lead-in with its list, or a sentence and its best neighbour. */
function compose(shape: QuestionShape, best: Candidate, sentences: SentenceInfo[], terms: QueryTerm[]): string {
  const i = best.sentence;
  let leadIndex = -1;
  if (best.info.leadIn) leadIndex = i;
  else if (best.info.list && shape.wantsList) {
    for (let j = i - 1; j >= 0 && sentences[j].list; j--) leadIndex = j - 1;
    if (leadIndex >= 0 && !sentences[leadIndex].leadIn) leadIndex = -1;
  }
  if (leadIndex >= 0) {
    const items = followingItems(sentences, leadIndex);
    if (items.length) {
      let text = sentences[leadIndex].text;
      for (const item of items) {
        const line = `\n- ${item.text}`;
        if (text.length + line.length > MAX_ANSWER_CHARS) break;
        text += line;
      }
      return text;
    }
  }
  let text = focus(best.info.text, terms, 420);
  if (!hasCue(shape, best.info)) {
    // The number or date asked for is often in a sentence close by ("It will be delivered from January 2024.").
    const near = sentences.find((s, j) => j !== i && Math.abs(j - i) <= 4 && hasCue(shape, s) && !s.list === !best.info.list);
    if (near && text.length + near.text.length < MAX_ANSWER_CHARS) return i < sentences.indexOf(near) ? `${text} ${near.text}` : `${near.text} ${text}`;
  }
  const next = sentences[i + 1];
  // A short sentence, or one the next sentence carries on about ("This letter is not a formal letter…").
  const carriesOn = next && /^(This|These|It|They|Such)\b/.test(next.text) && text.length + next.text.length < 420;
  if (next && next.block === best.info.block && (text.length < 60 || carriesOn) && text.length + next.text.length < MAX_ANSWER_CHARS) text += ` ${next.text}`;
  return text;
}

/**
 * Answers from the documents alone. Declines when the best passage leaves much of the question
 * uncovered, or when the question leans on words the documents never use.
 */
export function answerFromDocuments(kb: KnowledgeBase, question: string, context: AnswerContext): Answer {
  const nextContext: AnswerContext = { ...context, lastQuestion: question };
  const decline = (): Answer => ({ kind: 'decline', text: declineText(kb), citations: [], context: nextContext });
  const terms = queryTerms(kb, question, context.lastQuestion);
  const shape = questionShape(question);
  const groups = groupWeights(terms);
  const total = [...groups.values()].reduce((a, g) => a + (g.required ? g.weight : 0), 0);
  if (!total) return decline();
  // A word the corpus never uses is unknown unless a synonym or expansion of it is known.
  const knownGroups = new Set(terms.filter((t) => t.known).map((t) => t.group));
  const unknown = terms
    .filter((t) => !t.known && (t.origin === 'question' || t.origin === 'corrected') && !knownGroups.has(t.group))
    .reduce((a, t) => a + t.weight, 0);

  const defined = definitionAnswer(kb, question, terms, shape, nextContext) ?? personAnswer(kb, question, nextContext);
  if (defined) return defined;
  if (unknown / total > MAX_UNKNOWN_SHARE) return decline();

  const hits = search(kb, question, { limit: SECTIONS_CONSIDERED, terms });
  if (!hits.length) return decline();
  const top = hits[0].score;
  const counted = new Set(shape.counted.flatMap((w) => contentStems(w)));
  let best: Candidate | null = null;
  for (const hit of hits) {
    const sectionIndex = hit.section.index;
    const ctx = sectionContextStems(kb, sectionIndex);
    const headingStems = sectionHeadingStems(kb, sectionIndex);
    const rankFactor = 0.6 + 0.4 * (hit.score / top);
    const sentences = sectionSentences(kb, sectionIndex);
    sentences.forEach((info, sentence) => {
      const items = info.leadIn ? followingItems(sentences, sentence) : [];
      const extra = items.length ? new Set(items.flatMap((it) => [...it.stems])) : undefined;
      const { raw, coverage, matched } = scoreSentence(terms, groups, info, { context: ctx, heading: headingStems, nearby: nearbySentences(sentences, sentence), extra });
      if (!raw) return;
      const cue = items.length ? Math.max(...[info, ...items].map((x) => typeFactor(shape, x))) : typeFactor(shape, info);
      const listFit = items.length && shape.wantsList ? 1.4 : 1;
      const countFit = countsNoun(info, counted) ? 2.2 : 1;
      const score = raw * rankFactor * listFit * cue * countFit * lengthFactor(info.text) * fragmentFactor(info) * labelFactor(info, terms) * (0.5 + coverage);
      if (!best || score > best.score) best = { section: sectionIndex, sentence, info, score, coverage, matched };
    });
  }
  const chosen = best as Candidate | null;
  if (!chosen || chosen.coverage < (shape.personalTask ? MIN_TASK_COVERAGE : MIN_COVERAGE)) return decline();

  const sentences = sectionSentences(kb, chosen.section);
  const body = compose(shape, chosen, sentences, terms);
  const citation: Citation = citeSection(kb, chosen.section, body);
  const preface = supersededPreface(kb, kb.sections[chosen.section].docId);
  const marked = body.includes('\n') ? body.replace('\n', ' [1]\n') : `${body} [1]`;
  return { kind: 'answer', text: preface ? `${preface} ${marked}` : marked, citations: [citation], context: nextContext };
}
