/**
 * The model's sources come from the same pipeline as offline answers: each part of the question is read
 * (with the conversation's context for follow-ups) and retrieved, the parts' passages interleaved so a
 * two-part or two-document question brings both.
 */
import type { KnowledgeBase } from '../../ingestion/knowledge-base';
import type { Section } from '../../ingestion/knowledge-types';
import type { AnswerContext } from '../answer-types';
import { questionPassages } from '../retrieve';

/** One retrieved passage, in rank order. */
export interface SourcePassage {
  docId: string;
  /** The document's proper title. */
  title: string;
  /** Heading path, e.g. "Appendix A › RAYG ratings". */
  section: string;
  text: string;
  superseded?: boolean;
  /** Publication date as people say it, when known. */
  date?: string | null;
}

/** Finds the passages for a question, best first; `context` is the conversation's, for follow-ups. */
export type Retriever = (query: string, limit: number, context?: AnswerContext) => SourcePassage[] | Promise<SourcePassage[]>;

export function knowledgeRetriever(kb: KnowledgeBase): Retriever {
  return (query, limit, context) =>
    questionPassages(kb, query, limit, context).map(({ section, document }): SourcePassage => ({
      docId: document.id,
      title: document.title,
      section: section.path.join(' › ') || document.title,
      text: renderSection(section),
      superseded: document.status === 'superseded',
      date: document.date,
    }));
}

const renderSection = (section: Section): string => section.blocks.map((b) => (b.list ? `- ${b.text}` : b.text)).join('\n');
