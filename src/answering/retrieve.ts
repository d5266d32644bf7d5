/**
 * Section retrieval: BM25 over sections (MiniSearch) with the question's weighted terms, heading
 * matches boosted, superseded documents slightly behind current ones unless named. Offline answers and
 * the model's sources use the same hits.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { KnowledgeDocument, Section } from '../ingestion/knowledge-types';
import type { AnswerContext } from './answer-types';
import { analyse, splitParts, type Asked, type Term } from './question';

export interface Hit {
  section: Section;
  document: KnowledgeDocument;
  score: number;
  /** Score relative to the best hit (1 for the best). */
  relative: number;
}

export interface RetrieveOptions {
  /** Maximum hits. Default 8. */
  limit?: number;
  /** Documents a follow-up leans towards (the previous answer's). */
  prefer?: readonly string[];
}

/** A current paper answers before a superseded one when both match. */
const SUPERSEDED_BOOST = 0.75;
const PREFERRED_BOOST = 1.25;

/**
 * The words another document writes beside a word a document never does (`wordsBeside`): at most this many, each found
 * beside it at least this often, weighing this share of it. (On the development sets 1–3 times, 2–5 words and a weight
 * of 0.3–1 scored alike, 1 time less.)
 */
const BESIDE_AT_LEAST = 2;
const BESIDE_MOST = 3;
const BESIDE_WEIGHT = 0.5;

/**
 * A word of the question that one document it names never writes is asked of that document in the words the others
 * write beside it there ("Covid" → "pandemic", "recovery"), as alternatives weighing half as much. (Not a name, nor a
 * verb or modifier: how the question is put.)
 */
export function wordsBeside(kb: KnowledgeBase, terms: readonly Term[], docId: string): Term[] {
  const asked = new Set(terms.map((t) => t.stem));
  return terms.flatMap((t) =>
    t.origin !== 'question' || t.relation || t.modifier || t.group.startsWith('name:') || kb.writes(docId, t.stem)
      ? []
      : kb
          .wordsBeside(t.stem, docId, BESIDE_AT_LEAST, BESIDE_MOST)
          .filter((x) => !asked.has(x))
          .map((x): Term => ({
            word: kb.wordFor(x),
            stem: x,
            weight: t.weight * BESIDE_WEIGHT,
            origin: 'expansion',
            group: t.group,
            alias: `beside:${x}`,
          })),
  );
}

export function retrieve(kb: KnowledgeBase, asked: Asked, options: RetrieveOptions = {}): Hit[] {
  if (!asked.terms.length) return [];
  const weightOf = new Map<string, number>();
  for (const t of asked.terms) weightOf.set(t.stem, Math.max(weightOf.get(t.stem) ?? 0, t.weight));
  const named = new Set(asked.documents);
  const prefer = new Set(options.prefer ?? []);
  const docOf = (id: unknown): KnowledgeDocument | undefined => kb.documentById.get(kb.sections[id as number]?.docId ?? '');
  const results = kb.index.search(asked.terms.map((t) => t.word).join(' '), {
    combineWith: 'OR',
    fuzzy: false,
    prefix: false,
    boostTerm: (term) => weightOf.get(term) ?? 1,
    boostDocument: (id) => {
      const doc = docOf(id);
      if (!doc) return 1;
      return (doc.status === 'superseded' && !named.has(doc.id) ? SUPERSEDED_BOOST : 1) * (prefer.has(doc.id) ? PREFERRED_BOOST : 1);
    },
    ...(named.size ? { filter: (r: { id: unknown }) => named.has(docOf(r.id)?.id ?? '') } : {}),
  });
  const top = results[0]?.score ?? 1;
  return results.slice(0, options.limit ?? 8).flatMap((r) => {
    const section = kb.sections[r.id as number];
    const document = section ? kb.documentById.get(section.docId) : undefined;
    return section && document ? [{ section, document, score: r.score, relative: r.score / top }] : [];
  });
}

/** Passages for a free text (a concern's summary, a model's query), read as a question is. */
export function searchText(kb: KnowledgeBase, text: string, limit = 5, context?: AnswerContext): Hit[] {
  const asked = analyse(kb, text, context);
  return retrieve(kb, asked, { limit, prefer: asked.elliptical ? context?.documents : undefined });
}

/**
 * The passages a question needs, for a model to write from: each part retrieved on its own (and each
 * document a part names, on its own), interleaved best-first, without repeats.
 */
export function questionPassages(kb: KnowledgeBase, question: string, limit: number, context: AnswerContext = {}): Hit[] {
  const lists: Hit[][] = [];
  let ctx = context;
  let previous: Asked | undefined;
  for (const part of splitParts(question)) {
    let asked = analyse(kb, part, ctx);
    if (asked.elliptical && !asked.documents.length && previous?.documents.length) asked = { ...asked, documents: previous.documents };
    const scopes =
      asked.documents.length >= 2
        ? asked.documents.map((id) => ({ ...asked, documents: [id], terms: [...asked.terms, ...wordsBeside(kb, asked.terms, id)] }))
        : [asked];
    for (const scope of scopes) lists.push(retrieve(kb, scope, { limit, prefer: asked.elliptical ? context.documents : undefined }));
    ctx = { ...ctx, subject: asked.subject, relation: asked.relation };
    previous = asked;
  }
  const out: Hit[] = [];
  const seen = new Set<number>();
  for (let rank = 0; out.length < limit && lists.some((l) => l.length > rank); rank++) {
    for (const list of lists) {
      const hit = list[rank];
      if (hit && !seen.has(hit.section.index) && out.length < limit) {
        seen.add(hit.section.index);
        out.push(hit);
      }
    }
  }
  return out;
}
