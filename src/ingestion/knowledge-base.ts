/**
 * Loading the knowledge base: from the serialised cache when it matches the documents on disk,
 * otherwise rebuilt from the documents and the cache rewritten. Cold start must stay within the
 * bot's 3 s budget even for a large corpus, so the index itself is cached, not just the text.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { buildIndex, buildKnowledgeData, INDEX_OPTIONS, type KnowledgeData, type SectionDoc } from './build-knowledge';
import { readOverrides } from './document-meta';
import { singularAcronym } from './glossary';
import { listSourceFiles, readSourceFiles } from './read-documents';
import type { GlossaryEntry, KnowledgeDocument } from './knowledge-types';

/** Bump when parsing or indexing changes, so old caches are rebuilt. */
const CACHE_VERSION = 13;

export interface KnowledgeBase extends KnowledgeData {
  index: MiniSearch<SectionDoc>;
  documentById: Map<string, KnowledgeDocument>;
  /** Lower-case acronym (singular and as written) → entry. */
  acronyms: Map<string, GlossaryEntry>;
  /** Corpus words for fuzzy look-up of misspelt question words. */
  words: SearchableMap<number>;
  /** Scratch space answerers use to memoise per-section work; not serialised. */
  memo: Map<string, unknown>;
}

export interface LoadOptions {
  /** Where the serialised index is kept; `null` disables caching. Default `.data/index.json`. */
  cacheFile?: string | null;
  /** Per-document metadata. Default `data/documents.json`. */
  overridesFile?: string;
  /**
   * A read-only cache made at build time (`dist/knowledge-seed.json`), used when `cacheFile` has none for
   * these documents, so a first start on an empty DATA_DIR need not build the index.
   */
  seedCacheFile?: string;
}

interface CacheFile {
  version: number;
  signature: string;
  data: KnowledgeData;
  index: AsPlainObject;
}

function assemble(data: KnowledgeData, index: MiniSearch<SectionDoc>): KnowledgeBase {
  const acronyms = new Map<string, GlossaryEntry>();
  for (const g of data.glossary) {
    for (const key of [g.acronym, singularAcronym(g.acronym), g.acronym.split(' ')[0], singularAcronym(g.acronym.split(' ')[0])]) {
      const k = key.toLowerCase().replace(/\.$/, '');
      if (!acronyms.has(k)) acronyms.set(k, g);
    }
  }
  return {
    ...data,
    index,
    documentById: new Map(data.documents.map((d) => [d.id, d])),
    acronyms,
    words: SearchableMap.from(Object.entries(data.vocabulary)),
    memo: new Map(),
  };
}

/** Builds a knowledge base from a folder without touching any cache (tests, the CLI's rebuild). */
export async function buildKnowledge(dir: string, options: Pick<LoadOptions, 'overridesFile'> = {}): Promise<KnowledgeBase> {
  const files = await listSourceFiles(dir);
  const sources = await readSourceFiles(dir, files.map((f) => f.file));
  const data = buildKnowledgeData(sources, readOverrides(options.overridesFile ?? path.join('data', 'documents.json')));
  return assemble(data, buildIndex(data));
}

/**
 * Loads the knowledge base for a folder of documents, using the cache when its signature (file
 * names, sizes, modification times, overrides, cache version) matches.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const cacheFile = options.cacheFile === undefined ? path.join('.data', 'index.json') : options.cacheFile;
  const overridesFile = options.overridesFile ?? path.join('data', 'documents.json');
  const overridesText = await fs.readFile(overridesFile, 'utf8').catch(() => '');
  const files = await listSourceFiles(dir);
  const signature = JSON.stringify({ v: CACHE_VERSION, dir: path.resolve(dir), files, overridesText });

  for (const file of [cacheFile, options.seedCacheFile]) {
    if (!file) continue;
    const cached = await fs.readFile(file, 'utf8').catch(() => null);
    if (!cached) continue;
    try {
      const parsed = JSON.parse(cached) as CacheFile;
      if (parsed.version === CACHE_VERSION && parsed.signature === signature) {
        // A seed that fits becomes this data folder's cache, for the starts after this one.
        if (file !== cacheFile && cacheFile) await writeAtomically(cacheFile, cached);
        return assemble(parsed.data, MiniSearch.loadJS<SectionDoc>(parsed.index, INDEX_OPTIONS));
      }
    } catch {
      // A corrupt cache is rebuilt below.
    }
  }
  const sources = await readSourceFiles(dir, files.map((f) => f.file));
  const data = buildKnowledgeData(sources, readOverrides(overridesFile));
  const index = buildIndex(data);
  if (cacheFile) {
    const payload: CacheFile = { version: CACHE_VERSION, signature, data, index: index.toJSON() };
    await writeAtomically(cacheFile, JSON.stringify(payload));
  }
  return assemble(data, index);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
