/**
 * The shapes ingestion produces and retrieval/answering read. Plain data only, so the whole
 * knowledge base (minus the search index object) serialises to the cache as-is.
 */

import type { FactSpan } from '../language/nlp';
import type { DocumentMeta } from './document-meta';

export type DocumentStatus = 'current' | 'superseded';

/** One paper (its id, title, date, status and short name), indexed once even when it arrived as several files (e.g. a .txt and a .md extraction). */
export interface KnowledgeDocument extends DocumentMeta {
  /** Files this paper was read from; the first is the one indexed. */
  files: string[];
  /** Written by the bot itself (a meeting paper in DATA_DIR/papers), not one of the documents it was given. */
  generated?: true;
}

/** A paragraph or a list item, already cleaned of markup. */
export interface Block {
  text: string;
  list: boolean;
  /** Sentence ends within `text` (exclusive offsets), found at ingestion; absent before analysis. */
  sentenceEnds?: number[];
  /** Numbers, sums, percentages, dates and durations mentioned in `text`. */
  facts?: FactSpan[];
}

/** A retrievable passage: a run of blocks under one heading path. */
export interface Section {
  /** Position in `KnowledgeBase.sections`; also the MiniSearch id. */
  index: number;
  docId: string;
  /** Heading path from the top of the document, e.g. ["Appendix A: Monitoring…", "RAYG rating"]. */
  path: string[];
  blocks: Block[];
  /**
   * The passage that says where its subject stands (a workstream's current position): the answer when a
   * question only names the subject ("any news on autism?").
   */
  summary?: true;
  /** The passage only restates others (an index of the workstreams): not another place a fact is stated. */
  overview?: true;
  /** What the document itself is (its date, status and sections), made from its metadata. */
  about?: true;
}

/**
 * Sections that come from structured data instead of a document's text (the workstream registry).
 * They replace the parsed sections of the document `docId`, so a paper and its curated form are indexed once.
 */
export interface StructuredSource {
  docId: string;
  /** Changes whenever the data does, so a cached index is rebuilt. */
  version: string;
  sections: Array<{ path: string[]; blocks: Block[]; summary?: true; overview?: true }>;
  /** The people it names, as written ("Tim Body"): their names stand side by side as names, whatever else the words are. */
  people?: string[];
}

/** One acronym from a glossary, e.g. SEA → School Effectiveness Adviser. */
export interface GlossaryEntry {
  acronym: string;
  expansion: string;
  /** Section the glossary line sits in, for citing. */
  section: number;
}

/** A document after extraction and cleaning, before sections are numbered. */
export interface ParsedDocument {
  file: string;
  /** Lines that looked like the document's own title (first heading-like lines). */
  titleCandidates: string[];
  /** A date found in the text ("Issue date: September 2004", "August 2023"), if any. */
  dateCandidates: string[];
  /** `summary`: where a table row's subject stands (its status or current-position cell). */
  sections: Array<{ path: string[]; blocks: Block[]; summary?: true }>;
}
