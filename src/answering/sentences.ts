/**
 * Sentence-level view of a section, computed once per section and memoised on the knowledge base,
 * so answering a question only scores sets of stems.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import { contentStems } from '../ingestion/terms';

export interface SentenceInfo {
  text: string;
  /** Block index within the section; sentences of one block are adjacent. */
  block: number;
  /** Whether the block is a list item. */
  list: boolean;
  /** Ends with ":" — introduces the list that follows. */
  leadIn: boolean;
  stems: Set<string>;
  hasNumber: boolean;
  hasDate: boolean;
  /**
   * Opens the passage under its heading with a pronoun subject ("This funds…", "It is…"): the
   * heading is what the sentence is about, so the heading's words count as the sentence's own.
   */
  aboutHeading: boolean;
}

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|Dr|Mr|Mrs|Ms|St|No|vs|approx|para)\.$/i;
const MONTH = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
const YEAR = /\b(19|20)\d\d\b/;
const NUMBER_WORDS = /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|dozen)\b/i;

/** Splits running text into sentences, keeping abbreviations ("e.g.") and decimals intact. */
export function splitSentences(text: string): string[] {
  const pieces = text.split(/(?<=[.!?])\s+(?=["'‘“(£]?[A-Z0-9])/);
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length && ABBREVIATIONS.test(out[out.length - 1])) out[out.length - 1] += ` ${piece}`;
    else out.push(piece);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Whether a sentence carries a quantity other than a bare year. */
export function mentionsNumber(text: string): boolean {
  const withoutYears = text.replace(/(https?:\/\/|www\.)\S+/g, '').replace(/\b(19|20)\d\d(-\d\d(\d\d)?)?\b/g, '');
  return /(^|[^A-Za-z])[£$]?\d/.test(withoutYears) || NUMBER_WORDS.test(withoutYears);
}

/** A sentence whose subject is a pronoun standing for something named before it. */
const PRONOUN_SUBJECT = /^(This|It|These|They|Its|Their)\b/;

/** Whether a section starts right under its heading (not a continuation passage of a long section). */
function startsUnderHeading(kb: KnowledgeBase, sectionIndex: number): boolean {
  const prev = kb.sections[sectionIndex - 1];
  const here = kb.sections[sectionIndex];
  return !prev || prev.docId !== here.docId || prev.path.join('\u0000') !== here.path.join('\u0000');
}

function analyse(kb: KnowledgeBase, sectionIndex: number): SentenceInfo[] {
  const out: SentenceInfo[] = [];
  const underHeading = startsUnderHeading(kb, sectionIndex) && kb.sections[sectionIndex].path.length > 0;
  kb.sections[sectionIndex].blocks.forEach((b, blockIndex) => {
    for (const text of splitSentences(b.text)) {
      out.push({
        text,
        block: blockIndex,
        list: b.list,
        leadIn: /:$/.test(text),
        stems: new Set(contentStems(text)),
        hasNumber: mentionsNumber(text),
        hasDate: MONTH.test(text) || YEAR.test(text),
        aboutHeading: underHeading && out.length === 0 && PRONOUN_SUBJECT.test(text),
      });
    }
  });
  return out;
}

/** The sentences of a section (memoised). */
export function sectionSentences(kb: KnowledgeBase, sectionIndex: number): SentenceInfo[] {
  const key = `sentences:${sectionIndex}`;
  let hit = kb.memo.get(key) as SentenceInfo[] | undefined;
  if (!hit) {
    hit = analyse(kb, sectionIndex);
    kb.memo.set(key, hit);
  }
  return hit;
}

/** Stems of the section's heading path and document title (memoised). */
export function sectionContextStems(kb: KnowledgeBase, sectionIndex: number): Set<string> {
  const key = `context:${sectionIndex}`;
  let hit = kb.memo.get(key) as Set<string> | undefined;
  if (!hit) {
    const s = kb.sections[sectionIndex];
    hit = new Set(contentStems(`${s.path.join(' ')} ${kb.documentById.get(s.docId)?.title ?? ''}`));
    kb.memo.set(key, hit);
  }
  return hit;
}

/** Stems of the section's own (innermost) heading (memoised). */
export function sectionHeadingStems(kb: KnowledgeBase, sectionIndex: number): Set<string> {
  const key = `heading:${sectionIndex}`;
  let hit = kb.memo.get(key) as Set<string> | undefined;
  if (!hit) {
    const path = kb.sections[sectionIndex].path;
    hit = new Set(contentStems(path[path.length - 1] ?? ''));
    kb.memo.set(key, hit);
  }
  return hit;
}

/** Precomputes sentence data for every section (small corpora do this at load). */
export function warmSentences(kb: KnowledgeBase): void {
  for (let i = 0; i < kb.sections.length; i++) {
    sectionSentences(kb, i);
    sectionContextStems(kb, i);
    sectionHeadingStems(kb, i);
  }
}
