/**
 * "What does HASSH stand for?" / "What is an SEA?": answered from the glossary (or an acronym
 * defined in running text), with a sentence on what the thing does when the question asks what it is.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import { singularAcronym } from '../ingestion/glossary';
import { words } from '../ingestion/terms';
import type { Answer, AnswerContext } from './answer-types';
import { citeSection, supersededPreface } from './citations';
import type { QueryTerm } from './query-terms';
import type { QuestionShape } from './question-type';

/** "what is (an|the) X", "what are X", "what does X mean", "define X" with X a single known acronym. */
const WHAT_IS = /^\s*(what|who)\s*(is|are|'s|does|do)\s+(an?|the)?\s*([A-Za-z][A-Za-z.]*)\s*(mean|stand for)?\s*\??\s*$|^\s*define\s+([A-Za-z.]+)\s*\??\s*$/i;

/** A definition answer, or null when the question is not asking what an acronym is. */
export function definitionAnswer(kb: KnowledgeBase, question: string, terms: QueryTerm[], shape: QuestionShape, context: AnswerContext): Answer | null {
  const m = WHAT_IS.exec(question);
  let acronymWord: string | undefined = m ? (m[4] ?? m[6]) : undefined;
  if (!acronymWord && shape.kind === 'define') {
    acronymWord = question.match(/\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b/)?.[0] ?? terms.find((t) => t.origin !== 'expansion' && kb.acronyms.has(t.word))?.word;
  }
  if (!acronymWord) return null;
  const key = words(acronymWord)[0];
  const entry = key ? kb.acronyms.get(key) : undefined;
  if (!entry) return null;
  const singular = singularAcronym(entry.acronym.split(' ')[0]);
  const written = acronymWord.toLowerCase() === singular.toLowerCase() ? singular : entry.acronym;
  const citation = citeSection(kb, entry.section, `${entry.acronym} – ${entry.expansion}`);
  const preface = supersededPreface(kb, citation.docId);
  const text = `${written} stands for ${entry.expansion} [1].`;
  return { kind: 'answer', text: preface ? `${preface} ${text}` : text, citations: [citation], context };
}
