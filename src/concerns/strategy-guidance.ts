/**
 * "What the strategy says" on a concern card: one to three sentences from the indexed documents
 * that govern the concern's kind, found by the retrieval engine with a per-kind query and picked
 * by the terms that matter for that kind. Nothing here is hard-coded strategy text: if the documents
 * change, the card changes with them; if nothing matches well enough, the card says nothing.
 */
import type { Section } from '../ingestion/knowledge-types';
import { contentStems } from '../language/words';
import type { ConcernDraft } from './concern-types';

/** One ranked passage from the retrieval engine, with the document it belongs to. */
export interface GuidanceHit {
  section: Section;
  docTitle: string;
  superseded: boolean;
}

/** The retrieval engine as this module needs it: best passages first. */
export type GuidanceSearch = (query: string, limit: number) => Promise<GuidanceHit[]> | GuidanceHit[];

export interface Guidance {
  text: string;
  /** "Source: <document title> › <heading path>", several joined by "; " when the sentences come from more than one place. */
  citation: string;
  /** The first cited document and heading path. */
  docTitle: string;
  section: string;
}

interface KindQuery {
  /** What to ask the retrieval engine. */
  query: string;
  /** Phrases a governing sentence mentions; each matched phrase scores its word count. */
  focus: string[];
  /** Phrases that mean a sentence governs a different case (a red school's rule on an amber card). */
  avoid?: string[];
  /** How many of the engine's best passages to read (1 keeps a workstream's card to its own row). */
  hits?: number;
}

/** Per-kind questions to the documents. Red/amber point at action groups and improvement/support plans. */
export function guidanceQuery(draft: Pick<ConcernDraft, 'kind' | 'rating'>, workstreamName?: string): KindQuery {
  switch (draft.kind) {
    case 'rayg':
      return draft.rating === 'red' || draft.rating === 'amber'
        ? {
            query: `school rated ${draft.rating} action group improvement plan support plan`,
            focus: [`rated ${draft.rating}`, 'action group', 'improvement plan', 'support plan'],
            avoid: [draft.rating === 'red' ? 'rated amber' : 'rated red'],
          }
        : { query: 'RAYG rating category school monitoring support', focus: ['rating', 'rated', 'category', 'monitoring', 'support'] };
    case 'letter-of-concern':
      return {
        query: 'letter of concern issued HCC underperforming',
        focus: ['letter of concern', 'early indicator', 'significant concerns', 'warning'],
      };
    case 'warning-notice':
      return {
        query: 'warning notice initial compliance period 15 days powers of intervention',
        focus: ['warning notice', 'compliance period', '15 days', 'powers', 'intervention', 'Part 4'],
      };
    case 'ofsted-category':
      return {
        query: 'special measures serious weaknesses statement of action within ten days',
        focus: ['statement of action', 'ten days', 'special measures', 'serious weaknesses'],
      };
    case 'register':
      return { query: 'schools causing concern register removed 18 months', focus: ['register', '18 months', 'removed', 'causing concern'] };
    case 'safeguarding':
      return {
        query: 'safeguarding concerns statutory powers of intervention immediately',
        focus: ['safeguarding', 'statutory powers', 'intervention', 'immediately'],
      };
    case 'workstream-risk':
      return {
        query: `${workstreamName ?? 'SEND'} workstream brief action plan SEND Executive`,
        focus: ['workstream brief', 'action plan', 'SEND Executive', 'working group'],
        hits: workstreamName ? 1 : 5,
      };
    case 'kpi':
      return {
        query: 'attendance suspensions exclusions attainment performance targets',
        focus: ['attendance', 'suspension', 'exclusion', 'attainment', 'performance'],
      };
    case 'other':
      return {
        query: 'HCC concerns about a maintained school rapid improvement schools causing concern',
        focus: ['concerns', 'rapid improvement', 'causing concern', 'partners', 'intervention'],
      };
  }
}

interface Unit {
  text: string;
  list: boolean;
  stems: Set<string>;
  hit: number;
  order: number;
}

const stemSet = (text: string) => new Set(contentStems(text));

/** Splits a passage into sentences (paragraphs) and items (lists). */
function unitsOf(section: Section, hit: number): Unit[] {
  const out: Unit[] = [];
  for (const block of section.blocks) {
    const pieces = block.list ? [block.text] : block.text.split(/(?<=[.!?])\s+(?=[A-Z(])/);
    for (const piece of pieces) {
      const text = piece.replace(/^[-•*]\s*/, '').trim();
      if (text.length >= 12) out.push({ text, list: block.list, stems: stemSet(text), hit, order: out.length });
    }
  }
  return out;
}

/**
 * Picks up to `max` governing sentences from the best current (not superseded) hits. A focus phrase
 * counts for a sentence when all its words are there and scores its word count; sentences are taken
 * greedily by what they add that the ones already taken don't cover, and only while that is at least
 * two words, so a loosely related passage yields no guidance rather than a misleading one.
 */
export function pickGuidance(hits: GuidanceHit[], focus: string[], avoid: string[] = [], maxHits = 5, max = 3): Guidance | null {
  const toStems = (list: string[]) => list.map((f) => [...stemSet(f)]).filter((p) => p.length > 0);
  const phrases = toStems(focus);
  const avoided = toStems(avoid);
  const current = hits.filter((h) => !h.superseded).slice(0, maxHits);
  const units = current.flatMap((hit, rank) => unitsOf(hit.section, rank)).filter((u) => !avoided.some((p) => p.every((s) => u.stems.has(s))));
  const covered = new Set<number>();
  const chosen: Unit[] = [];
  while (chosen.length < max) {
    let best: { unit: Unit; gain: number; matched: number[] } | null = null;
    for (const unit of units) {
      if (chosen.includes(unit)) continue;
      const matched = phrases.flatMap((p, i) => (!covered.has(i) && p.every((s) => unit.stems.has(s)) ? [i] : []));
      const gain = matched.reduce((sum, i) => sum + (phrases[i]?.length ?? 0), 0);
      // Ties go to the earlier hit: the engine already judged it closer to the query.
      if (gain >= 2 && (!best || gain > best.gain)) best = { unit, gain, matched };
    }
    if (!best) break;
    chosen.push(best.unit);
    best.matched.forEach((i) => covered.add(i));
  }
  if (!chosen.length) return null;
  chosen.sort((a, b) => a.hit - b.hit || a.order - b.order);
  const text = chosen.map((u) => (u.list ? `• ${u.text}` : u.text)).join('\n\n');
  const sources = [...new Set(chosen.map((u) => u.hit))].flatMap((rank) => current[rank] ?? []);
  const [first] = sources;
  if (!first) return null;
  const where = sources.map((h) => [h.docTitle, ...h.section.path].join(' › '));
  return {
    text,
    citation: `Source: ${where.join('; ')}`,
    docTitle: first.docTitle,
    section: first.section.path.join(' › '),
  };
}

/** Looks up the guidance for a concern; null when the documents have nothing that fits well. */
export async function strategyGuidance(
  search: GuidanceSearch,
  draft: Pick<ConcernDraft, 'kind' | 'rating'>,
  workstreamName?: string,
): Promise<Guidance | null> {
  const { query, focus, avoid, hits } = guidanceQuery(draft, workstreamName);
  return pickGuidance(await search(query, 8), focus, avoid, hits);
}
