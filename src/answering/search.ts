/**
 * Section retrieval: BM25 over sections (MiniSearch) with the question's weighted terms, heading
 * matches boosted, superseded documents slightly behind current ones. Independent of answer
 * extraction so a model-based answerer can use the same passages.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { KnowledgeDocument, Section } from '../ingestion/knowledge-types';
import { queryTerms, type QueryTerm } from './query-terms';

export interface SearchHit {
  section: Section;
  document: KnowledgeDocument;
  score: number;
  /** Stems of the question terms this section matched. */
  matched: string[];
}

export interface SearchOptions {
  /** Maximum hits returned. Default 5. */
  limit?: number;
  /** Precomputed terms of the query, when the caller already has them. */
  terms?: QueryTerm[];
}

/** A current paper answers before a superseded one when both match. */
const SUPERSEDED_BOOST = 0.75;

/** Ranked sections for a free-text query. */
export function search(kb: KnowledgeBase, query: string, options: SearchOptions = {}): SearchHit[] {
  const terms = options.terms ?? queryTerms(kb, query);
  const searchable = terms.filter((t) => t.known);
  if (!searchable.length) return [];
  const weightOf = new Map(searchable.map((t) => [t.stem, t.weight]));
  const results = kb.index.search(searchable.map((t) => t.word).join(' '), {
    combineWith: 'OR',
    fuzzy: false,
    prefix: false,
    boostTerm: (term) => weightOf.get(term) ?? 1,
    boostDocument: (id) => (kb.documentById.get(kb.sections[id as number]?.docId)?.status === 'superseded' ? SUPERSEDED_BOOST : 1),
  });
  return results.slice(0, options.limit ?? 5).map((r) => {
    const section = kb.sections[r.id as number];
    return { section, document: kb.documentById.get(section.docId) as KnowledgeDocument, score: r.score, matched: r.terms };
  });
}
