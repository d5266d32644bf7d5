/**
 * How a question names a document: by a year of its title or date ("the 2004 paper", "the 2021-26
 * strategy") or by words of its title that no other title has ("each and every child", "effectiveness
 * plus"). Keys come from the documents' own metadata, so a new document is recognised as it is added.
 */
import { STOP_WORDS } from '../language/stop-words';
import { stem } from '../language/stem';
import { words } from '../language/words';
import type { KnowledgeDocument, Section } from './knowledge-types';

export interface DocumentKeys {
  /** Year → ids of the documents whose title or date has it (ranges count every year). */
  years: Map<string, string[]>;
  /** Two consecutive title words found in one document's title only → its id. */
  bigrams: Map<string, string>;
  /** A document's aliases as word sequences ("se", "plus"; "workstreams", "paper") → its id. */
  aliases: Array<{ words: string[]; id: string }>;
  /** Month ("january") → ids of the latest documents dated in that month: "the January paper". */
  months: Map<string, string[]>;
  /** Which document replaced which, from the documents' `supersededBy`: "the current strategy", "the old one". */
  successions: Array<{ superseded: string; successor: string }>;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Words for the documents themselves ("across the docs", "what do the papers say…"): where to look, never what is asked. */
export const CORPUS_NOUNS: ReadonlySet<string> = new Set(['paper', 'papers', 'document', 'documents', 'doc', 'docs']);
/** Words that, after a month, make it the name of a document ("the March paper"), not a time ("in March"). */
const DOCUMENT_NOUNS = new Set([...CORPUS_NOUNS, 'report', 'update', 'edition', 'version']);

/** Words for a document that, right after its name, are part of the naming ("the School Effectiveness Plus paper"). */
export const NAMING_NOUNS: ReadonlySet<string> = new Set([...DOCUMENT_NOUNS, 'strategy']);

/** Words that name a document by its place in a succession: "the current strategy", "the old one". */
const NEWER = new Set(['current', 'new', 'newer', 'latest', 'present', 'revised', 'updated']);
const OLDER = new Set(['old', 'older', 'previous', 'earlier', 'original', 'former', 'superseded']);
/** "…compared with now": set against the present, a superseded document's successor is named too. */
const PRESENT = new Set(['now', 'today', 'nowadays', 'currently']);
const SUCCESSION_NOUNS = new Set([...NAMING_NOUNS, 'one', 'plan']);

/** "30 November 2026", "November 2026": each month named with a year, as [month, year]. */
function monthsOf(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const m of text.toLowerCase().matchAll(new RegExp(`\\b(${MONTHS.join('|')})\\s+((?:19|20)\\d\\d)\\b`, 'g')))
    out.push([m[1] ?? '', Number(m[2])]);
  return out;
}

function yearsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)?\d\d))?\b/g)) {
    // A range names its ends ("the 2021-26 strategy", "the 2026 strategy"), not the years between.
    out.add(String(m[1]));
    if (m[2]) out.add(m[2].length === 2 ? `${m[1]?.slice(0, 2)}${m[2]}` : m[2]);
  }
  return [...out];
}

/** Pairs of content words of a title ("improvement strategy"), never with a function word ("in hertfordshire"). */
const bigramsOf = (text: string): string[] => {
  const w = words(text.replace(/\([^)]*\)/g, ' ')).filter((x) => !/^\d+$/.test(x));
  return w
    .slice(1)
    .map((x, i) => [w[i] ?? '', x])
    .filter(([a, b]) => !STOP_WORDS.has(a ?? '') && !STOP_WORDS.has(b ?? ''))
    .map(([a, b]) => `${a} ${b}`);
};

/** Sections whose text has each of `phrases` (two folded words, space-joined), by document id: one pass over the sections. */
function phraseUse(phrases: Iterable<string>, sections: ReadonlyArray<Pick<Section, 'docId' | 'blocks'>>): Map<string, Map<string, number>> {
  const use = new Map<string, Map<string, number>>([...phrases].map((p) => [p, new Map<string, number>()]));
  for (const s of sections) {
    const w = words(s.blocks.map((b) => b.text).join(' '));
    const found = new Set<string>();
    for (let i = 0; i + 1 < w.length; i++) found.add(`${w[i]} ${w[i + 1]}`);
    for (const p of found) {
      const byDoc = use.get(p);
      if (byDoc) byDoc.set(s.docId, (byDoc.get(s.docId) ?? 0) + 1);
    }
  }
  return use;
}

/**
 * `sections`, when given, rule out title phrases the other documents use more than the document itself:
 * "SEND strategy" in "Progress on SEND Strategy and Workstreams" is a topic all the papers share, not that paper's name.
 */
export function documentKeys(documents: readonly KnowledgeDocument[], sections: ReadonlyArray<Pick<Section, 'docId' | 'blocks'>> = []): DocumentKeys {
  const years = new Map<string, string[]>();
  const owners = new Map<string, Set<string>>();
  for (const d of documents) {
    for (const y of yearsOf(`${d.title} ${d.date ?? ''}`)) years.set(y, [...(years.get(y) ?? []), d.id]);
    for (const b of new Set([...bigramsOf(d.title), ...bigramsOf(d.shortName)])) owners.set(b, (owners.get(b) ?? new Set()).add(d.id));
  }
  const bigrams = new Map<string, string>();
  const use = phraseUse(owners.keys(), sections);
  for (const [b, ids] of owners) {
    const id = [...ids][0] ?? '';
    const byDoc = use.get(b) ?? new Map<string, number>();
    const elsewhere = [...byDoc].reduce((a, [doc, n]) => a + (doc === id ? 0 : n), 0);
    if (ids.size === 1 && elsewhere <= (byDoc.get(id) ?? 0)) bigrams.set(b, id);
  }
  const aliases = documents.flatMap((d) => (d.aliases ?? []).map((a) => ({ words: words(a), id: d.id }))).filter((a) => a.words.length > 0);
  // A month without a year means its latest one: "the January paper" is this year's, not 2016's.
  const latest = new Map<string, { year: number; ids: string[] }>();
  for (const d of documents) {
    for (const [month, year] of monthsOf(`${d.title} ${d.date ?? ''}`)) {
      const seen = latest.get(month);
      if (!seen || year > seen.year) latest.set(month, { year, ids: [d.id] });
      else if (year === seen.year && !seen.ids.includes(d.id)) seen.ids.push(d.id);
    }
  }
  const months = new Map([...latest].map(([month, { ids }]) => [month, ids]));
  // Only where the documents say one replaced another: "the current strategy" is its successor.
  const successions = documents.flatMap((d) =>
    d.supersededBy && documents.some((x) => x.id === d.supersededBy) ? [{ superseded: d.id, successor: d.supersededBy }] : [],
  );
  return { years, bigrams, aliases, months, successions };
}

/**
 * The documents a question names, and which of its (folded) words did the naming. Title words inside another name
 * the question spells out (`within`: "School Effectiveness Advisers" holds "school effectiveness") do not name a document.
 */
export function documentsNamed(
  keys: DocumentKeys,
  questionWords: readonly string[],
  titles?: ReadonlyMap<string, string>,
  within: ReadonlySet<number> = new Set(),
): { ids: string[]; used: Set<number>; at: Map<string, number[]> } {
  const ids = new Set<string>();
  const byYear = new Map<string, number[]>();
  /** Where each document is named (word indices). */
  const namedAt = new Map<string, number[]>();
  const named = (id: string, where: readonly number[]): void => void namedAt.set(id, [...(namedAt.get(id) ?? []), ...where]);
  const used = new Set<number>();
  const titled: Array<{ id: string; at: number[]; words: string[]; placed?: true }> = [];
  questionWords.forEach((w, i) => {
    const dated = keys.years.get(w);
    if (dated) {
      dated.forEach((id) => {
        ids.add(id);
        byYear.set(id, [...(byYear.get(id) ?? []), i]);
        named(id, [i]);
      });
      used.add(i);
      // "2021-26": the short end of a range is part of the naming.
      if (/^\d\d$/.test(questionWords[i + 1] ?? '')) used.add(i + 1);
    }
    const next = questionWords[i + 1];
    const monthly = next && DOCUMENT_NOUNS.has(next) ? keys.months.get(w) : undefined;
    if (monthly) {
      monthly.forEach((id) => {
        ids.add(id);
        named(id, [i, i + 1]);
      });
      used.add(i).add(i + 1);
    }
    // "the new strategy", "the current one": by its place in a succession the documents record.
    const place = NEWER.has(w) ? 'successor' : OLDER.has(w) ? 'superseded' : undefined;
    if (place && next && SUCCESSION_NOUNS.has(next) && keys.successions.length) {
      for (const s of keys.successions) titled.push({ id: s[place], at: [i, i + 1], words: [next], placed: true });
      used.add(i).add(i + 1);
    }
    const id = next && !within.has(i) && !within.has(i + 1) ? keys.bigrams.get(`${w} ${next}`) : undefined;
    if (id) {
      titled.push({ id, at: [i, i + 1], words: [w, next ?? ''] });
      used.add(i).add(i + 1);
    }
  });
  const aliasAt = new Set<number>();
  for (const alias of keys.aliases) {
    for (let i = 0; i + alias.words.length <= questionWords.length; i++) {
      // (A plural or singular of an alias's word is that word: "the workstream update" for "workstreams update".)
      if (alias.words.every((w, k) => (questionWords[i + k] === w || stem(questionWords[i + k] ?? '') === stem(w)) && !within.has(i + k))) {
        titled.push({ id: alias.id, at: alias.words.map((_, k) => i + k), words: alias.words });
        for (let k = 0; k < alias.words.length; k++) {
          used.add(i + k);
          aliasAt.add(i + k);
        }
      }
    }
  }
  // "the old school improvement strategy": a document named with an older-than adjective is the one it replaced.
  // (Title words inside that naming — "improvement strategy" in "school improvement strategy" — go with it.)
  for (const t of titled) {
    const before = questionWords[Math.min(...t.at) - 1] ?? '';
    const replaced = OLDER.has(before) ? keys.successions.find((x) => x.successor === t.id)?.superseded : undefined;
    if (!replaced) continue;
    used.add(Math.min(...t.at) - 1);
    for (const inner of titled) if (inner.id === t.id && inner !== t && inner.at.every((i) => t.at.includes(i))) inner.id = replaced;
    t.id = replaced;
  }
  // "a new school improvement strategy in 2004": a year names the document; title words right beside it that
  // the year's document's own title also has ("school", "improvement", "strategy") do not name another one.
  for (const t of titled) {
    const near = (at: number[]): boolean => at.some((y) => t.at.some((i) => Math.abs(i - y) <= 3));
    // (Not one placed in the succession: "the old strategy and the 2021 one" names two.)
    const overruled =
      !t.placed && [...byYear].some(([id, at]) => id !== t.id && near(at) && t.words.every((w) => words(titles?.get(id) ?? '').includes(w)));
    if (!overruled) {
      ids.add(t.id);
      named(t.id, t.at);
    }
    // "who chaired the county school effectiveness board in the 2004 strategy": the year names the document;
    // its title words elsewhere in the question name something in it, so they stay part of what is asked.
    const alsoDated = byYear.get(t.id);
    if (alsoDated && !near(alsoDated) && !t.at.some((i) => aliasAt.has(i))) for (const i of t.at) used.delete(i);
  }
  // "What did each strategy say about academies?", "how do the two strategies differ?": strategies in the plural, or each
  // or both of them, are the two the documents record one replacing the other.
  if (ids.size === 0 && keys.successions.length === 1) {
    const at = questionWords.findIndex(
      (w, i) => w === 'strategies' || (w === 'strategy' && ['each', 'both', 'either'].includes(questionWords[i - 1] ?? '')),
    );
    const pair = keys.successions[0];
    if (at >= 0 && pair) {
      for (const id of [pair.superseded, pair.successor]) {
        ids.add(id);
        named(id, [at]);
      }
      used.add(at);
    }
  }
  // "how did SE+ handle schools causing concern compared with now?": the present is what replaced it.
  if (ids.size === 1 && asksOfNow(questionWords)) for (const s of keys.successions) if (ids.has(s.superseded)) ids.add(s.successor);
  return { ids: [...ids], used, at: namedAt };
}

/** Whether a question sets what it asks in the present ("…and how's that done now?"). */
export const asksOfNow = (questionWords: readonly string[]): boolean => questionWords.some((w) => PRESENT.has(w));

/** The documents a question asking of the present means by `ids`: each superseded one's successor in its place. */
export function currentOf(keys: DocumentKeys, ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => keys.successions.find((s) => s.superseded === id)?.successor ?? id))];
}
