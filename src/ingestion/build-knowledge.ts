/**
 * From source files to a knowledge base: parse, merge duplicate extractions of one paper, attach
 * metadata, cut sections into passages, collect the glossary, and index.
 */
import MiniSearch from 'minisearch';
import { documentMeta, type DocumentOverride } from './document-meta';
import { inlineAcronyms, parseGlossary } from './glossary';
import { estimateJaccard, jaccard, normalisedWords, shingles, sketch } from './near-duplicates';
import { parseDocument } from './parse-document';
import type { SourceFile } from './read-documents';
import { contentStems, processIndexTerm, words } from './terms';
import type { Block, GlossaryEntry, KnowledgeDocument, ParsedDocument, Section } from './knowledge-types';

/** Passages longer than this are cut at block boundaries so a hit points at the right place. */
const MAX_PASSAGE_CHARS = 1600;
/** Two extractions are the same paper when their 5-word shingle sets overlap this much. */
export const DUPLICATE_JACCARD = 0.7;

/** Fields and tokenisation of the section index; loading a cached index needs the same options. */
export const INDEX_OPTIONS = {
  idField: 'index',
  fields: ['title', 'heading', 'text'],
  tokenize: (text: string) => words(text),
  processTerm: (term: string) => processIndexTerm(term),
  searchOptions: { boost: { heading: 2.5, title: 0.5 } },
};

export interface SectionDoc {
  index: number;
  title: string;
  heading: string;
  text: string;
}

/** The parts of a knowledge base that are plain data (what the cache stores besides the index). */
export interface KnowledgeData {
  documents: KnowledgeDocument[];
  sections: Section[];
  glossary: GlossaryEntry[];
  /** Number of sections each stem occurs in. */
  df: Record<string, number>;
  /** Every surface word in the corpus with its frequency, for correcting typos in questions. */
  vocabulary: Record<string, number>;
}

const documentWords = (doc: ParsedDocument): string[] => normalisedWords(doc.sections.flatMap((s) => s.blocks.map((b) => b.text)).join(' '));

/** Sketches whose estimate is this close to the threshold are checked exactly. */
const ESTIMATE_MARGIN = 0.15;

/**
 * Groups parsed files that are the same paper; the member with most sections comes first. Every
 * pair is compared through fixed-size sketches (O(n²·k), not O(n²·document length)), and only
 * pairs whose estimate comes near the threshold have their full shingle sets compared.
 */
export function groupDuplicates(parsed: ParsedDocument[]): ParsedDocument[][] {
  const sketches = parsed.map((doc) => sketch(documentWords(doc), 5));
  const exact = (i: number, j: number): boolean => jaccard(shingles(documentWords(parsed[i]), 5), shingles(documentWords(parsed[j]), 5)) >= DUPLICATE_JACCARD;
  const groupOf = new Array<number>(parsed.length).fill(-1);
  const groups: number[][] = [];
  for (let i = 0; i < parsed.length; i++) {
    if (groupOf[i] >= 0) continue;
    groupOf[i] = groups.length;
    const group = [i];
    for (let j = i + 1; j < parsed.length; j++) {
      if (groupOf[j] >= 0) continue;
      const ratio = sketches[i].size / Math.max(1, sketches[j].size);
      if (ratio < 0.6 || ratio > 1.6) continue;
      if (estimateJaccard(sketches[i], sketches[j]) < DUPLICATE_JACCARD - ESTIMATE_MARGIN) continue;
      if (exact(i, j)) {
        groupOf[j] = groups.length;
        group.push(j);
      }
    }
    groups.push(group);
  }
  return groups.map((g) => g.map((i) => parsed[i]).sort((a, b) => b.sections.length - a.sections.length));
}

/** Cuts a long section into passages, never separating a lead-in ending in ":" from its list. */
function toPassages(blocks: Block[]): Block[][] {
  const out: Block[][] = [];
  let current: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    const prev = current[current.length - 1];
    const glued = prev && (block.list && (prev.list || /:$/.test(prev.text)));
    if (size + block.text.length > MAX_PASSAGE_CHARS && current.length && !(glued && size < 2 * MAX_PASSAGE_CHARS)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(block);
    size += block.text.length;
  }
  if (current.length) out.push(current);
  return out;
}

const sameText = (a: string, b: string): boolean => normalisedWords(a).join(' ') === normalisedWords(b).join(' ');

/** Builds the plain data of a knowledge base from source files. */
export function buildKnowledgeData(sources: SourceFile[], overrides: Map<string, DocumentOverride>): KnowledgeData {
  const parsed = sources.map((s) => parseDocument(s.file, s.text, s.format));
  const stemOf = new Map(sources.map((s) => [s.file, s.stem]));
  const documents: KnowledgeDocument[] = [];
  const sections: Section[] = [];
  const glossary: GlossaryEntry[] = [];
  const inline: GlossaryEntry[] = [];

  for (const group of groupDuplicates(parsed)) {
    const main = group[0];
    const stem = stemOf.get(main.file) ?? main.file;
    const override = group.map((g) => overrides.get(stemOf.get(g.file) ?? '')).find(Boolean);
    const meta = documentMeta(main, stem, override);
    documents.push({ ...meta, files: group.map((g) => g.file) });
    for (const s of main.sections) {
      const path = s.path.filter((p, i) => !(i === 0 && sameText(p, meta.title)) && p.trim());
      for (const blocks of toPassages(s.blocks)) {
        const index = sections.length;
        sections.push({ index, docId: meta.id, path, blocks });
        const text = blocks.map((b) => b.text).join(' ');
        if (/glossary|abbreviations|acronyms/i.test(path[path.length - 1] ?? '')) {
          for (const g of parseGlossary(text)) glossary.push({ ...g, section: index });
        } else {
          for (const g of inlineAcronyms(text)) inline.push({ ...g, section: index });
        }
      }
    }
  }
  const known = new Set(glossary.map((g) => g.acronym.toLowerCase()));
  for (const g of inline) {
    if (known.has(g.acronym.toLowerCase())) continue;
    known.add(g.acronym.toLowerCase());
    glossary.push(g);
  }

  const df: Record<string, number> = {};
  const vocabulary: Record<string, number> = {};
  const titleOf = new Map(documents.map((d) => [d.id, d.title]));
  for (const s of sections) {
    const text = `${titleOf.get(s.docId)} ${s.path.join(' ')} ${s.blocks.map((b) => b.text).join(' ')}`;
    for (const w of words(text)) vocabulary[w] = (vocabulary[w] ?? 0) + 1;
    for (const st of new Set(contentStems(text))) df[st] = (df[st] ?? 0) + 1;
  }
  return { documents, sections, glossary, df, vocabulary };
}

/** The searchable view of each section. */
export function sectionDocs(data: KnowledgeData): SectionDoc[] {
  const titleOf = new Map(data.documents.map((d) => [d.id, d.title]));
  return data.sections.map((s) => ({
    index: s.index,
    title: titleOf.get(s.docId) ?? '',
    heading: s.path.join(' '),
    text: s.blocks.map((b) => b.text).join('\n'),
  }));
}

/** Builds the MiniSearch index over sections. */
export function buildIndex(data: KnowledgeData): MiniSearch<SectionDoc> {
  const index = new MiniSearch<SectionDoc>(INDEX_OPTIONS);
  index.addAll(sectionDocs(data));
  return index;
}
