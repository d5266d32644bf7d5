/** The model's sources come from the same retrieval as offline answers (`search`). */
import type { KnowledgeBase } from '../../ingestion/knowledge-base';
import { search } from '../search';
import type { Retriever, SourcePassage } from './document-sources';

export function knowledgeRetriever(kb: KnowledgeBase): Retriever {
  return (query, limit) =>
    search(kb, query, { limit }).map(
      ({ section, document }): SourcePassage => ({
        docId: document.id,
        title: document.title,
        section: section.path.join(' › ') || document.title,
        text: section.blocks.map((b) => (b.list ? `- ${b.text}` : b.text)).join('\n'),
        superseded: document.status === 'superseded',
        date: document.date,
      }),
    );
}
