/**
 * The pieces answers are made of: each sentence of a paragraph and each list item of a section, with
 * its stems and the kinds of fact it states. Computed from the sentence boundaries and fact mentions
 * found at ingestion, so answering a question only compares sets.
 */
import type { FactKind, FactSpan } from '../language/nlp';
import { contentStems, words } from '../language/words';
import type { Section } from './knowledge-types';

export interface Unit {
  section: number;
  /** Position among its section's units; units of one block are adjacent. */
  index: number;
  block: number;
  text: string;
  /** A list item (kept whole). */
  list: boolean;
  /** Introduces the list items that follow (ends with ":", or is the sentence right before them). */
  leadIn: boolean;
  /** Opens with a word that points back ("This…", "They…", "However…"): it leans on the unit before. */
  leansBack: boolean;
  /** Points on to what follows it ("The process for invoking these powers is outlined below."). */
  pointsOn: boolean;
  /** Opens with a condition ("If a school has not complied…", "When a school is rated amber…"). */
  conditional: boolean;
  /** Says what will happen ("The SSEB will…"). */
  future: boolean;
  /** Says what must be done ("the local authority is required to…"). */
  obligation: boolean;
  stems: ReadonlySet<string>;
  facts: ReadonlySet<FactKind>;
  /** Where in `text` each fact is stated. */
  factSpans: FactSpan[];
}

/** A unit's identity across answers and turns: "section.index". */
export const unitKey = (u: Pick<Unit, 'section' | 'index'>): string => `${u.section}.${u.index}`;

/** Subordinators that open a clause stating what follows from a circumstance (in a document sentence or a question). */
export const CONDITIONS = new Set(['if', 'when', 'where', 'once', 'unless', 'should', 'whenever']);

/** Says what will happen: a unit's text, or a heading ("What the QSO workstream will do"). */
export const saysFuture = (text: string): boolean => /\bwill\b/i.test(text);
const POINTS_ON = /\b(below|as follows|the following)\W*$/i;
const OBLIGATION = /\b(must|required to|requires|ha(ve|s) to|needs? to|obliged to|duty to)\b/i;

/** Pronouns and connectives that make a sentence lean on the one before it. */
const LEANS_BACK = new Set([
  'this',
  'these',
  'those',
  'it',
  'its',
  'they',
  'their',
  'them',
  'such',
  'however',
  'therefore',
  'thus',
  'he',
  'she',
  'his',
  'her',
  'furthermore',
  'moreover',
]);

interface Source {
  sections: readonly Section[];
}

export function sectionUnits(kb: Source, sectionIndex: number): Unit[] {
  const section = kb.sections[sectionIndex];
  if (!section) return [];
  const out: Unit[] = [];
  section.blocks.forEach((block, blockIndex) => {
    const ends = block.list || !block.sentenceEnds?.length ? [block.text.length] : block.sentenceEnds;
    let start = 0;
    for (const end of ends) {
      const raw = block.text.slice(start, end);
      const text = raw.trim();
      const from = start + raw.indexOf(text);
      start = end;
      // (Nor a paragraph's number the sentences were cut at: "…examination results. 15. Where there are concerns…".)
      if (!text || /^\d{1,3}\.$/.test(text)) continue;
      const factSpans: FactSpan[] = [];
      for (const [s, e, kind] of block.facts ?? [])
        if (s < from + text.length && e > from) factSpans.push([Math.max(0, s - from), Math.min(text.length, e - from), kind]);
      out.push({
        section: sectionIndex,
        index: out.length,
        block: blockIndex,
        text,
        list: block.list,
        leadIn: /:$/.test(text),
        pointsOn: POINTS_ON.test(text),
        leansBack: LEANS_BACK.has(words(text.slice(0, 20))[0] ?? ''),
        conditional: CONDITIONS.has(words(text.slice(0, 20))[0] ?? ''),
        future: saysFuture(text),
        obligation: OBLIGATION.test(text),
        stems: new Set(contentStems(text)),
        facts: new Set(factSpans.map(([, , kind]) => kind)),
        factSpans,
      });
    }
  });
  // A line that stops mid-sentence, with the next going on in lower case, is one sentence a table cell or a page
  // broke ("Yellow: A vulnerable good or rapidly" / "improving RI school, likely to be a 2c or 3…").
  for (let k = out.length - 2; k >= 0; k--) {
    const [u, next] = [out[k] as Unit, out[k + 1] as Unit];
    if (u.list || next.list || /[.!?:;)\]"'”’]$/.test(u.text) || !/^[a-z]/.test(next.text)) continue;
    const offset = u.text.length + 1;
    const text = `${u.text} ${next.text}`;
    const factSpans: FactSpan[] = [...u.factSpans, ...next.factSpans.map(([a, b, kind]): FactSpan => [a + offset, b + offset, kind])];
    out.splice(k, 2, {
      ...u,
      text,
      leadIn: next.leadIn,
      pointsOn: next.pointsOn,
      future: u.future || next.future,
      obligation: OBLIGATION.test(text),
      stems: new Set([...u.stems, ...next.stems]),
      facts: new Set(factSpans.map(([, , kind]) => kind)),
      factSpans,
    });
  }
  out.forEach((u, k) => (u.index = k));
  // The sentence right before a list introduces it, however it ends ("…will be used to pay for the following for
  // all schools, including academies. This list is not exhaustive." / "- Safeguarding support").
  for (const u of out) {
    const next = out[u.index + 1];
    if (!u.list && next?.list && !u.leadIn) u.leadIn = true;
  }
  return out;
}
