/**
 * Loading the knowledge base: from the serialised cache when it matches the documents on disk,
 * otherwise rebuilt from the documents and the cache rewritten. Cold start must stay within the
 * bot's 3 s budget even for a large corpus, so the index itself is cached, not just the text.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { buildIndex, buildKnowledgeData, INDEX_OPTIONS, type KnowledgeData, type SectionDoc } from './build-knowledge';
import { readOverrides } from './document-meta';
import { documentKeys, type DocumentKeys } from './document-mentions';
import { headingInitialisms, headingRunInitialisms, nameOfHeading, singularAcronym } from './glossary';
import { isEnglishWord } from '../language/english-frequency';
import { listSourceFiles, readSourceFiles } from './read-documents';
import type { GlossaryEntry, KnowledgeDocument, StructuredSource } from './knowledge-types';
import { sectionUnits, type Unit } from './units';
import { contentStems, words } from '../language/words';
import { stem } from '../language/stem';

/** The stems of a section's headings: its own, the ones above it with its document's title, and all of them. */
export interface HeadingStems {
  heading: ReadonlySet<string>;
  /** The stems of each heading above it, and of its document's title, one set each. */
  outers: ReadonlyArray<ReadonlySet<string>>;
  path: ReadonlySet<string>;
}

/** Bump when parsing or indexing changes, so old caches are rebuilt. */
const CACHE_VERSION = 33;

/** How often a word must appear in the one document that writes it to name that document. */
const ONLY_WRITER_AT_LEAST = 5;

/** The indexed documents with the look-ups built once at load, and the per-section work it remembers. */
export class KnowledgeBase {
  readonly documents: KnowledgeDocument[];
  readonly sections: KnowledgeData['sections'];
  readonly glossary: GlossaryEntry[];
  /** Number of sections each stem occurs in. */
  readonly df: ReadonlyMap<string, number>;
  /** Every surface word with its frequency. */
  readonly vocabulary: ReadonlyMap<string, number>;
  readonly index: MiniSearch<SectionDoc>;
  readonly documentById: Map<string, KnowledgeDocument>;
  /** Lower-case acronym (singular and as written) → entry. */
  readonly acronyms: Map<string, GlossaryEntry>;
  /** Initials of names inside headings, for a question that types them in capitals ("AP" → Alternative Provision): lower case → entry. */
  readonly typedInitials: Map<string, GlossaryEntry>;
  /** The names the headings give ("behaviour and alternative provision"), as lower-case words joined by spaces. */
  readonly headingNames: ReadonlySet<string>;
  /** Corpus words for fuzzy look-up of misspelt question words. */
  readonly words: SearchableMap<number>;
  /** Words the documents only write as names. */
  readonly nameWords: ReadonlySet<string>;
  /** Adjacent name words ("terry douris"). */
  readonly namePairs: ReadonlySet<string>;
  /** The last words of the names in `namePairs` ("short" of "john short"), which may also be ordinary words. */
  readonly surnames: ReadonlySet<string>;
  /** How questions name each document ("the 2004 paper"). */
  readonly documentKeys: DocumentKeys;
  /** The glossary's expansions of more than one word, as words, with the acronym each spells out ("school effectiveness advisers" → sea). */
  readonly glossaryPhrases: ReadonlyArray<{ words: readonly string[]; acronym: string }>;
  private readonly units = new Map<number, Unit[]>();
  private readonly headings = new Map<number, HeadingStems>();
  private readonly blockWords = new Map<number, string[][]>();
  private writers: Map<string, Map<string, number>> | undefined;
  private byDocument: Map<string, { units: Unit[]; at: Map<string, number[]> }> | undefined;
  private surfaces: Map<string, string> | undefined;

  constructor(data: KnowledgeData, index: MiniSearch<SectionDoc>) {
    this.documents = data.documents;
    this.sections = data.sections;
    this.glossary = data.glossary;
    this.df = new Map(Object.entries(data.df));
    this.vocabulary = new Map(Object.entries(data.vocabulary));
    this.index = index;
    this.documentById = new Map(data.documents.map((d) => [d.id, d]));
    this.acronyms = new Map();
    for (const g of data.glossary) {
      for (const key of [g.acronym, singularAcronym(g.acronym), g.acronym.split(' ')[0] ?? '', singularAcronym(g.acronym.split(' ')[0] ?? '')]) {
        const k = key.toLowerCase().replace(/\.$/, '');
        if (k && !this.acronyms.has(k)) this.acronyms.set(k, g);
      }
    }
    // Initials of title-case headings ("QSO" for the Quality SEND Offer workstream), where the documents
    // define no such acronym and neither they nor everyday English use such a word ("hit").
    const headings = this.sections.flatMap((s) => s.path.map((heading) => ({ heading, section: s.index })));
    for (const g of headingInitialisms(headings)) {
      const k = g.acronym.toLowerCase();
      if (!this.acronyms.has(k) && !this.vocabulary.has(k) && !isEnglishWord(k)) this.acronyms.set(k, g);
    }
    this.headingNames = new Set(headings.map(({ heading }) => words(nameOfHeading(heading)).join(' ')));
    this.typedInitials = new Map();
    // (Then of names the text writes in capitals, "UN" → United Nations, where two names do not share them.)
    for (const g of [...headingRunInitialisms(headings), ...data.textInitials]) {
      const k = g.acronym.toLowerCase();
      if (!this.acronyms.has(k) && !this.vocabulary.has(k) && !this.typedInitials.has(k)) this.typedInitials.set(k, g);
    }
    this.words = SearchableMap.from(this.vocabulary);
    this.nameWords = new Set(data.nameWords);
    this.namePairs = new Set(data.namePairs);
    this.surnames = new Set(data.namePairs.map((pair) => pair.split(' ')[1] ?? ''));
    this.documentKeys = documentKeys(data.documents, data.sections);
    this.glossaryPhrases = data.glossary.flatMap((g) => {
      const expansion = words(g.expansion);
      const acronym = words(g.acronym)[0];
      return expansion.length > 1 && acronym ? [{ words: expansion, acronym }] : [];
    });
  }

  /** The sentences and list items of a section, analysed once and remembered. */
  unitsOf(sectionIndex: number): Unit[] {
    let hit = this.units.get(sectionIndex);
    if (!hit) {
      hit = sectionUnits(this, sectionIndex);
      this.units.set(sectionIndex, hit);
    }
    return hit;
  }

  /** The stems of a section's headings, worked out once. */
  headingStemsOf(sectionIndex: number): HeadingStems {
    let hit = this.headings.get(sectionIndex);
    if (!hit) {
      const path = this.sections[sectionIndex]?.path ?? [];
      const title = this.documentById.get(this.sections[sectionIndex]?.docId ?? '')?.title ?? '';
      hit = {
        heading: new Set(contentStems(path[path.length - 1] ?? '')),
        outers: [...path.slice(0, -1), title].map((h) => new Set(contentStems(h))),
        path: new Set(contentStems(path.join(' '))),
      };
      this.headings.set(sectionIndex, hit);
    }
    return hit;
  }

  /** The words of each block of a section, worked out once. */
  wordsOf(sectionIndex: number): string[][] {
    let hit = this.blockWords.get(sectionIndex);
    if (!hit) {
      hit = (this.sections[sectionIndex]?.blocks ?? []).map((b) => words(b.text));
      this.blockWords.set(sectionIndex, hit);
    }
    return hit;
  }

  /**
   * The one document that writes a word, when only one does and often (in its text or headings): "workstream" is the
   * SEND workstreams paper's word. Worked out once.
   */
  onlyDocumentWriting(word: string): string | undefined {
    const by = this.writersOfWords().get(word);
    const [only] = by?.size === 1 ? [...by] : [];
    return only && only[1] >= ONLY_WRITER_AT_LEAST ? only[0] : undefined;
  }

  /** How often each document writes each word, counted once. */
  private writersOfWords(): Map<string, Map<string, number>> {
    if (!this.writers) {
      this.writers = new Map();
      for (let i = 0; i < this.sections.length; i++) {
        const docId = this.sections[i]?.docId ?? '';
        for (const w of [...this.wordsOf(i).flat(), ...words((this.sections[i]?.path ?? []).join(' '))]) {
          let by = this.writers.get(w);
          if (!by) this.writers.set(w, (by = new Map()));
          by.set(docId, (by.get(docId) ?? 0) + 1);
        }
      }
    }
    return this.writers;
  }

  /** Whether a document writes a word (its stem) anywhere in its text. */
  writes(docId: string, stemmed: string): boolean {
    return this.documentUnits().get(docId)?.at.has(stemmed) ?? false;
  }

  /**
   * The words a document writes that the other documents write beside a word it never does, and hardly anywhere else:
   * "pandemic" and "recovery" for "Covid", which only the 2021 strategy writes. Stems, the strongest first: those found
   * at least `least` times in a sentence with it or next to it, and at least as often there as in all the rest.
   */
  wordsBeside(stemmed: string, docId: string, least: number, most: number): string[] {
    const documents = this.documentUnits();
    const here = documents.get(docId)?.at;
    if (!here || here.has(stemmed)) return [];
    const beside = new Map<string, number>();
    const others = [...documents].filter(([other, d]) => other !== docId && d.at.has(stemmed));
    for (const [, { units, at }] of others)
      for (const i of at.get(stemmed) ?? []) {
        const u = units[i] as Unit;
        const near = new Set<string>();
        for (const v of units.slice(Math.max(0, i - 1), i + 2)) if (v.section === u.section) for (const x of v.stems) near.add(x);
        for (const x of near) beside.set(x, (beside.get(x) ?? 0) + 1);
      }
    // (How many of those documents' sentences write each word at all.)
    const all = (x: string): number => others.reduce((a, [, d]) => a + (d.at.get(x)?.length ?? 0), 0) || 1;
    const strength = (x: string, n: number): number => n / all(x);
    return [...beside]
      .filter(([x, n]) => x !== stemmed && here.has(x) && n >= least && strength(x, n) >= 1)
      .sort((a, b) => strength(...b) - strength(...a) || b[1] - a[1])
      .slice(0, most)
      .map(([x]) => x);
  }

  /** A word the documents write for a stem ("pandemic" for "pandem"), as a question would type it: from their vocabulary. */
  wordFor(stemmed: string): string {
    if (!this.surfaces) {
      this.surfaces = new Map();
      for (const w of this.vocabulary.keys()) if (!this.surfaces.has(stem(w))) this.surfaces.set(stem(w), w);
    }
    return this.surfaces.get(stemmed) ?? stemmed;
  }

  /** Each document's units in order, with where each stem is written (the positions of the units that write it), worked out once. */
  private documentUnits(): Map<string, { units: Unit[]; at: Map<string, number[]> }> {
    if (!this.byDocument) {
      this.byDocument = new Map();
      for (let i = 0; i < this.sections.length; i++) {
        const docId = this.sections[i]?.docId ?? '';
        let entry = this.byDocument.get(docId);
        if (!entry) this.byDocument.set(docId, (entry = { units: [], at: new Map() }));
        for (const u of this.unitsOf(i)) {
          for (const x of u.stems) {
            let where = entry.at.get(x);
            if (!where) entry.at.set(x, (where = []));
            where.push(entry.units.length);
          }
          entry.units.push(u);
        }
      }
    }
    return this.byDocument;
  }

  /** Analyses every section now (small corpora do this at load, so no question pays for it). */
  warm(): void {
    for (let i = 0; i < this.sections.length; i++) this.unitsOf(i);
    this.writersOfWords();
    this.documentUnits();
  }
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
  /** Structured sections that replace a document's parsed ones (the workstream registry). */
  structured?: StructuredSource[];
  /**
   * Folders of documents the bot wrote itself (the meeting papers in DATA_DIR), indexed with the others.
   * Each is its own edition, never taken for a second extraction of another document however alike.
   */
  generatedDirs?: string[];
}

interface CacheFile {
  version: number;
  signature: string;
  data: KnowledgeData;
  index: AsPlainObject;
}

/** Builds a knowledge base from a folder without touching any cache (tests, the CLI's rebuild). */
export async function buildKnowledge(dir: string, options: Pick<LoadOptions, 'overridesFile' | 'structured'> = {}): Promise<KnowledgeBase> {
  const files = await listSourceFiles(dir);
  const sources = await readSourceFiles(
    dir,
    files.map((f) => f.file),
  );
  const data = buildKnowledgeData(sources, readOverrides(options.overridesFile ?? path.join('data', 'documents.json')), options.structured);
  return new KnowledgeBase(data, buildIndex(data));
}

/**
 * Loads the knowledge base for a folder of documents, using the cache when its signature (file
 * names, sizes, modification times, overrides, structured data, cache version) matches.
 */
export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<KnowledgeBase> {
  const cacheFile = options.cacheFile === undefined ? path.join('.data', 'index.json') : options.cacheFile;
  const overridesFile = options.overridesFile ?? path.join('data', 'documents.json');
  const overridesText = await fs.readFile(overridesFile, 'utf8').catch(() => '');
  const { files, generated } = await sourceFiles(dir, options.generatedDirs ?? []);
  const structured = (options.structured ?? []).map((s) => `${s.docId}:${s.version}`);
  const signature = JSON.stringify({
    v: CACHE_VERSION,
    dir: path.resolve(dir),
    files,
    overrides: createHash('sha256').update(overridesText).digest('hex'),
    structured,
  });

  for (const file of [cacheFile, options.seedCacheFile]) {
    if (!file) continue;
    const cached = await fs.readFile(file, 'utf8').catch(() => null);
    if (!cached) continue;
    try {
      const parsed = JSON.parse(cached) as CacheFile;
      if (parsed.version === CACHE_VERSION && parsed.signature === signature) {
        // A seed that fits becomes this data folder's cache, for the starts after this one.
        if (file !== cacheFile && cacheFile) await writeAtomically(cacheFile, cached);
        return new KnowledgeBase(parsed.data, MiniSearch.loadJS<SectionDoc>(parsed.index, INDEX_OPTIONS));
      }
    } catch {
      // A corrupt cache is rebuilt below.
    }
  }
  const sources = await readSourceFiles(
    dir,
    files.map((f) => f.file),
  );
  const data = buildKnowledgeData(sources, readOverrides(overridesFile), options.structured, generated);
  const index = buildIndex(data);
  if (cacheFile) {
    const payload: CacheFile = { version: CACHE_VERSION, signature, data, index: index.toJSON() };
    await writeAtomically(cacheFile, JSON.stringify(payload));
  }
  return new KnowledgeBase(data, index);
}

/** The documents' files, those in generated folders named by their path from `dir`. */
async function sourceFiles(dir: string, generatedDirs: readonly string[]) {
  const files = await listSourceFiles(dir);
  const generated = new Set<string>();
  for (const extra of generatedDirs) {
    const listed = await listSourceFiles(extra).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    for (const f of listed) {
      const file = path.relative(dir, path.join(extra, f.file));
      generated.add(file);
      files.push({ ...f, file });
    }
  }
  return { files, generated };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file);
}
