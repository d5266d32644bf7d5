/**
 * From source files to a knowledge base: parse, merge duplicate extractions of one paper, attach
 * metadata, cut sections into passages, collect the glossary, and index.
 */
import MiniSearch from 'minisearch';
import { documentMeta, type DocumentOverride } from './document-meta';
import { inlineAcronyms, parseGlossary, textRunInitialisms } from './glossary';
import { estimateJaccard, jaccard, normalisedWords, shingles, sketch } from './near-duplicates';
import { parseDocument } from './parse-document';
import type { SourceFile } from './read-documents';
import { analyseText } from '../language/nlp';
import { contentStems, fold, indexTerm, words } from '../language/words';
import type { Block, GlossaryEntry, KnowledgeDocument, ParsedDocument, Section, StructuredSource } from './knowledge-types';

/** Passages longer than this are cut at block boundaries so a hit points at the right place. */
const MAX_PASSAGE_CHARS = 1600;
/** Two extractions are the same paper when their 5-word shingle sets overlap this much. */
export const DUPLICATE_JACCARD = 0.7;

/** Fields and tokenisation of the section index; loading a cached index needs the same options. */
export const INDEX_OPTIONS = {
  idField: 'index',
  fields: ['title', 'heading', 'text'],
  tokenize: (text: string) => words(text),
  processTerm: (term: string) => indexTerm(term),
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
  /** Folded words the documents only ever write as names ("douris", "ricketts", "ofsted"). */
  nameWords: string[];
  /** Name words that stand next to each other in the documents ("terry douris"). */
  namePairs: string[];
  /**
   * Initials of the names the text writes in capitals, one name each ("UN" → United Nations): initials two names share
   * are left out. Worked out here, once, so a start need not read every paragraph for them.
   */
  textInitials: GlossaryEntry[];
}

const documentWords = (doc: ParsedDocument): string[] => normalisedWords(doc.sections.flatMap((s) => s.blocks.map((b) => b.text)).join(' '));

/** Sketches whose estimate is this close to the threshold are checked exactly. */
const ESTIMATE_MARGIN = 0.15;

/**
 * Groups parsed files that are the same paper; the member with most sections comes first. Every
 * pair is compared through fixed-size sketches (O(n²·k), not O(n²·document length)), and only
 * pairs whose estimate comes near the threshold have their full shingle sets compared.
 */
export function groupDuplicates(parsed: ParsedDocument[], keepApart: ReadonlySet<string> = new Set()): ParsedDocument[][] {
  const entries = parsed.map((doc) => ({ doc, sketch: sketch(documentWords(doc), 5), grouped: false }));
  const exact = (a: ParsedDocument, b: ParsedDocument): boolean =>
    jaccard(shingles(documentWords(a), 5), shingles(documentWords(b), 5)) >= DUPLICATE_JACCARD;
  const groups: ParsedDocument[][] = [];
  for (const [i, a] of entries.entries()) {
    if (a.grouped) continue;
    a.grouped = true;
    const group = [a.doc];
    for (const b of entries.slice(i + 1)) {
      if (b.grouped || keepApart.has(a.doc.file) || keepApart.has(b.doc.file)) continue;
      const ratio = a.sketch.size / Math.max(1, b.sketch.size);
      if (ratio < 0.6 || ratio > 1.6) continue;
      if (estimateJaccard(a.sketch, b.sketch) < DUPLICATE_JACCARD - ESTIMATE_MARGIN) continue;
      if (exact(a.doc, b.doc)) {
        b.grouped = true;
        group.push(b.doc);
      }
    }
    groups.push(group);
  }
  return groups.map((g) => g.sort((x, y) => y.sections.length - x.sections.length));
}

/** Cuts a long section into passages, never separating a lead-in ending in ":" from its list. */
function toPassages(blocks: Block[]): Block[][] {
  const out: Block[][] = [];
  let current: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    const prev = current[current.length - 1];
    const glued = prev && block.list && (prev.list || /:$/.test(prev.text));
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

/** A first heading that repeats the document's title (or the start of it) is not a section name. */
const repeatsTitle = (heading: string, title: string): boolean => {
  const h = normalisedWords(heading).join(' ');
  return h.length > 0 && `${normalisedWords(title).join(' ')} `.startsWith(`${h} `);
};

/**
 * Builds the plain data of a knowledge base from source files. `structured` sections (the workstream
 * registry) replace the parsed sections of the document they name.
 */
export function buildKnowledgeData(
  sources: SourceFile[],
  overrides: Map<string, DocumentOverride>,
  structured: StructuredSource[] = [],
  /** Files that are editions of their own (generated papers), never grouped as duplicates. */
  distinct: ReadonlySet<string> = new Set(),
): KnowledgeData {
  const parsed = sources.map((s) => parseDocument(s.file, s.text, s.format));
  const stemOf = new Map(sources.map((s) => [s.file, s.stem]));
  const documents: KnowledgeDocument[] = [];
  const sections: Section[] = [];
  const glossary: GlossaryEntry[] = [];
  const inline: GlossaryEntry[] = [];

  for (const group of groupDuplicates(parsed, distinct)) {
    const [main] = group;
    if (!main) continue;
    const stem = stemOf.get(main.file) ?? main.file;
    const override = group.map((g) => overrides.get(stemOf.get(g.file) ?? '')).find(Boolean);
    const meta = documentMeta(main, stem, override);
    documents.push({ ...meta, files: group.map((g) => g.file), ...(group.some((g) => distinct.has(g.file)) ? { generated: true as const } : {}) });
    const records = structured.find((r) => r.docId === meta.id);
    const parts = records
      ? records.sections
      : main.sections.map((s) => ({
          path: s.path.filter((p, i) => !(i === 0 && repeatsTitle(p, meta.title)) && p.trim()),
          blocks: s.blocks,
          ...(s.summary ? { summary: s.summary } : {}),
        }));
    for (const s of parts) {
      const { path } = s;
      const isGlossary = /glossary|abbreviations|acronyms/i.test(path[path.length - 1] ?? '');
      for (const passage of records ? [s.blocks] : toPassages(s.blocks)) {
        const index = sections.length;
        const text = passage.map((b) => b.text).join(' ');
        const entries = isGlossary ? parseGlossary(text) : [];
        // A glossary extracted as one long line becomes one item per term, so each can be quoted alone.
        const blocks = entries.length ? entries.map((g) => ({ text: `${g.acronym} – ${g.expansion}`, list: true })) : passage;
        sections.push({
          index,
          docId: meta.id,
          path,
          blocks: blocks.map(analyseBlock),
          ...('summary' in s && s.summary ? { summary: true as const } : {}),
          ...('overview' in s && s.overview ? { overview: true as const } : {}),
        });
        if (isGlossary) for (const g of entries) glossary.push({ ...g, section: index });
        else for (const g of inlineAcronyms(text)) inline.push({ ...g, section: index });
      }
    }
  }
  // What the documents are, from their metadata: a citable section each, so "is SE+ still current?" and
  // "when's the each and every child paper from?" are answered like any other question.
  for (const d of documents) {
    const successor = d.supersededBy ? documents.find((x) => x.id === d.supersededBy)?.title : undefined;
    const blocks: Block[] = [
      { text: `The paper ${d.title}${d.date ? ` is dated ${d.date}` : ' is undated'}.`, list: false },
      {
        text:
          d.status === 'superseded'
            ? `It has been superseded (replaced)${successor ? ` by ${successor}` : ''}: it is no longer the current version, and what it says is historical.`
            : 'It is a current document: nothing has replaced it.',
        list: false,
      },
    ];
    const headings = [...new Set(sections.filter((x) => x.docId === d.id && x.path[0]).map((x) => x.path[0] as string))].slice(0, 14);
    if (headings.length > 1) blocks.push({ text: `What it covers, section by section: ${headings.join('; ')}.`, list: false });
    sections.push({ index: sections.length, docId: d.id, path: ['About this document'], blocks: blocks.map(analyseBlock), about: true });
  }
  const known = new Set(glossary.map((g) => g.acronym.toLowerCase()));
  for (const g of inline) {
    if (known.has(g.acronym.toLowerCase())) continue;
    known.add(g.acronym.toLowerCase());
    glossary.push(g);
  }

  // Maps, not objects: a document word such as "constructor" must not meet Object.prototype.
  const df = new Map<string, number>();
  const vocabulary = new Map<string, number>();
  const titleOf = new Map(documents.map((d) => [d.id, d.title]));
  for (const s of sections) {
    const text = `${titleOf.get(s.docId)} ${s.path.join(' ')} ${s.blocks.map((b) => b.text).join(' ')}`;
    for (const w of words(text)) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
    for (const st of new Set(contentStems(text))) df.set(st, (df.get(st) ?? 0) + 1);
  }
  return {
    documents,
    sections,
    glossary,
    df: Object.fromEntries(df),
    vocabulary: Object.fromEntries(vocabulary),
    ...nameEvidence(
      documents,
      sections,
      structured.flatMap((r) => r.people ?? []),
    ),
    textInitials: unsharedInitials(textRunInitialisms(sections.flatMap((s) => s.blocks.map((b) => ({ text: b.text, section: s.index }))))),
  };
}

/** The entries whose initials stand for one name only. */
function unsharedInitials(entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  const by = new Map<string, GlossaryEntry | null>();
  for (const g of entries) {
    const k = g.acronym.toLowerCase();
    const before = by.get(k);
    by.set(k, before === undefined || before?.expansion === g.expansion ? g : null);
  }
  return [...by.values()].filter((g): g is GlossaryEntry => g !== null);
}

/** A block with its sentence ends and fact mentions, from the language model. */
function analyseBlock(block: Block): Block {
  const { sentenceEnds, facts } = analyseText(block.text);
  return { text: block.text, list: block.list, sentenceEnds, ...(facts.length ? { facts } : {}) };
}

const CAPITALISED = /^[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*$/;

/**
 * Which words the corpus writes as names, and which pairs of them stand side by side ("terry douris",
 * "glenys jones"): a word is a name word when it is never written in lower case,
 * and a person named in a question exists in the documents only if each adjacent pair of their name does.
 */
function nameEvidence(
  documents: KnowledgeDocument[],
  sections: Section[],
  people: readonly string[],
): Pick<KnowledgeData, 'nameWords' | 'namePairs'> {
  const capitalised = new Map<string, number>();
  const lower = new Map<string, number>();
  const pairs = new Set<string>();
  const read = (text: string): void => {
    let previous: string | null = null;
    let end = 0;
    for (const m of text.matchAll(/[A-Za-z][A-Za-z'’-]*/g)) {
      const word = m[0].replace(/['’]s?$/, '');
      const key = fold(word);
      // (Side by side: "Jane Carson, Primary Head" pairs "jane carson", not "carson primary".)
      const adjacent = /^[ \u00a0]+$/.test(text.slice(end, m.index));
      end = (m.index ?? 0) + m[0].length;
      if (CAPITALISED.test(word)) {
        capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
        if (previous && adjacent) pairs.add(`${previous} ${key}`);
        previous = key;
      } else {
        if (/^[a-z]/.test(word)) lower.set(key, (lower.get(key) ?? 0) + 1);
        previous = null;
      }
    }
  };
  for (const d of documents) read(d.title);
  for (const s of sections) {
    for (const p of s.path) read(p);
    for (const b of s.blocks) read(b.text);
  }
  // Capitalised wherever it appears ("Dr", "James" opening a list item are still never written in lower case).
  const nameWords = [...capitalised].filter(([w]) => (lower.get(w) ?? 0) === 0 && w.length > 1).map(([w]) => w);
  const names = new Set(nameWords);
  // A pair is a name when its first word is only ever a name and its second mostly one: "John Short", though "short" is
  // also a word (not "Hertfordshire Schools").
  const mostlyName = (w: string): boolean => names.has(w) || (w.length > 1 && (capitalised.get(w) ?? 0) >= (lower.get(w) ?? 0));
  const namePairs = new Set(
    [...pairs].filter((p) => {
      const [first = '', second = ''] = p.split(' ');
      return names.has(first) && mostlyName(second);
    }),
  );
  // (People a structured source names are named so, pair by pair: "Tim Body".)
  for (const person of people) {
    const ws = person.split(/\s+/).map((w) => fold(w.replace(/['’]s?$/, '')));
    for (let i = 0; i + 1 < ws.length; i++) namePairs.add(`${ws[i]} ${ws[i + 1]}`);
  }
  return { nameWords: nameWords.sort(), namePairs: [...namePairs].sort() };
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
