/**
 * The model's sources come from the same pipeline as offline answers: each part of the question is read
 * (with the conversation's context for follow-ups) and retrieved, the parts' passages interleaved so a
 * two-part or two-document question brings both.
 */
import type { KnowledgeBase } from '../../ingestion/knowledge-base';
import type { Section } from '../../ingestion/knowledge-types';
import { questionPassages } from '../retrieve';
import type { Retriever, SourcePassage } from './document-sources';

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
