/**
 * Finds workstreams and people named in a question, tolerating typos ("behavour and alternative
 * provison"), partial names ("speech and language", "sensory"), acronyms ("SLCN", "EP services")
 * and first names alone when only one person has that name. The index is built once per registry,
 * so a look-up is a pass over a dozen question words.
 */
import type { Workstream } from './registry-schema.js';

/** A question word with its position and how it was written. */
export interface Token {
  /** Lower-case, apostrophes and possessive "'s" removed. */
  norm: string;
  /** As typed, to tell "Body" the surname from "body". */
  raw: string;
  index: number;
}

/** Splits text into tokens: "Ann Ricketts' role?" → ann, ricketts, role. */
export function tokenise(text: string): Token[] {
  const words = text
    .replace(/['’](s\b)?/g, '')
    .split(/[^A-Za-z0-9-]+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w !== '');
  return words.map((raw, index) => ({ raw, norm: raw.toLowerCase(), index }));
}

/** Optimal-string-alignment distance, giving up once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Edits allowed for a word of this length: none below 4 letters, one up to 6, two from 7. */
export const allowedEdits = (word: string): number => (word.length < 4 ? 0 : word.length < 7 ? 1 : 2);

/**
 * Finds the known words within two edits of a typed word without comparing it to every word:
 * each known word is filed under its one- and two-letter deletions, and a typed word's own
 * deletions are looked up (the symmetric-delete method), then checked with `editDistance`.
 */
export class FuzzyLexicon {
  private readonly byVariant = new Map<string, Set<string>>();
  /** Questions reuse the same words ("who", "workstream"), so look-ups are remembered, up to a bound. */
  private readonly memo = new Map<string, Map<string, number>>();

  constructor(words: Iterable<string>) {
    for (const word of words) for (const v of deletions(word)) this.file(v, word);
  }

  private file(variant: string, word: string): void {
    const set = this.byVariant.get(variant) ?? new Set<string>();
    set.add(word);
    this.byVariant.set(variant, set);
  }

  /** Known words within two edits of `typed`, with their distance (a plural "s" counts as none). */
  lookup(typed: string): Map<string, number> {
    const remembered = this.memo.get(typed);
    if (remembered) return remembered;
    if (this.memo.size >= 10_000) this.memo.clear();
    const found = new Map<string, number>();
    this.memo.set(typed, found);
    const singular = typed.length > 3 && typed.endsWith('s') ? typed.slice(0, -1) : undefined;
    for (const v of deletions(typed)) {
      for (const word of this.byVariant.get(v) ?? []) {
        if (found.has(word)) continue;
        const d = word === typed || word === singular || word === `${typed.replace(/s$/, '')}s` ? 0 : editDistance(typed, word, 2);
        if (d <= 2) found.set(word, d);
      }
    }
    return found;
  }
}

/** A word and every string made by deleting one or two of its letters. */
function deletions(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) {
    const one = word.slice(0, i) + word.slice(i + 1);
    out.add(one);
    if (word.length >= 5) for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return out;
}

/** Whether a lexicon distance is close enough for this name word (see `allowedEdits`). */
const closeEnough = (word: string, distance: number, extra = 0): boolean => distance <= Math.max(allowedEdits(word), extra);

export const STOPWORDS = new Set(
  (
    'a an the and or of for to in on at by with from is are was were be been being do does did has have had will ' +
    'would can could should what which who whom whose when where why how this that these those it its their there ' +
    'i me my we our you your he she his her they them any all some me please tell give show about else also'
  ).split(' '),
);

/** Name words too common in this field to identify a workstream on their own. */
const GENERIC = new Set(
  'needs services service groups group area areas provision schools school learning support offer quality specific special funding educational send and'.split(' '),
);

interface WorkstreamKeys {
  slug: string;
  /** Content words of the name, in order. */
  words: string[];
  /** Exact-match acronyms: "slcn", "enf", "spld", "ep". */
  acronyms: Set<string>;
  /** Name words that identify this workstream alone ("autism", "sensory"). */
  distinctive: Set<string>;
}

/** A workstream named in a question. */
export interface WorkstreamHit {
  slug: string;
  /** 3 whole name or acronym, 2 several name words, 1 one distinctive word. */
  strength: number;
  matched: number;
  start: number;
  end: number;
}

export interface WorkstreamIndex {
  keys: WorkstreamKeys[];
  lexicon: FuzzyLexicon;
}

/** Builds the workstream side of the index. */
export function buildWorkstreamIndex(workstreams: Workstream[]): WorkstreamIndex {
  const nameWords = workstreams.map((w) => tokenise(w.name).map((t) => t.norm).filter((t) => !STOPWORDS.has(t)));
  const counts = new Map<string, number>();
  nameWords.flat().forEach((w) => counts.set(w, (counts.get(w) ?? 0) + 1));
  const keys = workstreams.map((ws, i) => {
    const words = nameWords[i]!;
    const acronyms = new Set<string>();
    for (let from = 0; from < words.length; from++) {
      for (let to = from + 2; to <= words.length; to++) acronyms.add(words.slice(from, to).map((w) => w[0]).join(''));
    }
    // acronyms the row itself uses for its own name ("SpLD", "ISL EP services")
    const rowText = [ws.name, ...ws.actions, ...ws.outcomes, ...ws.position].join(' ');
    for (const token of tokenise(rowText)) {
      if ((token.raw.match(/[A-Z]/g) ?? []).length >= 2 && spellsOut(token.norm, words)) acronyms.add(token.norm);
    }
    const distinctive = new Set(words.filter((w) => counts.get(w) === 1 && !GENERIC.has(w) && w.length >= 4));
    return { slug: ws.slug, words, acronyms, distinctive };
  });
  return { keys, lexicon: new FuzzyLexicon(nameWords.flat()) };
}

/**
 * Whether an acronym reads as prefixes of two or more consecutive name words: "spld" → Specific
 * Learning Difficulties, "ep" → Educational Psychology. ("SEND" alone is just a word of a name.)
 */
function spellsOut(acronym: string, words: string[]): boolean {
  const from = (a: string, w: number, used: number): boolean => {
    if (a === '') return used >= 2;
    const word = words[w];
    if (word === undefined) return false;
    for (let n = Math.min(a.length, word.length); n >= 1; n--) {
      if (word.startsWith(a.slice(0, n)) && from(a.slice(n), w + 1, used + 1)) return true;
    }
    return false;
  };
  return acronym.length >= 2 && words.some((_, start) => from(acronym, start, 0));
}

/** Every workstream the question names, strongest first. */
export function findWorkstreams(index: WorkstreamIndex, tokens: Token[]): WorkstreamHit[] {
  const hits: WorkstreamHit[] = [];
  const near = tokens.map((t) => (STOPWORDS.has(t.norm) ? new Map<string, number>() : index.lexicon.lookup(t.norm)));
  for (const key of index.keys) {
    let best: WorkstreamHit | undefined;
    const consider = (hit: WorkstreamHit): void => {
      if (!best || hit.strength > best.strength || (hit.strength === best.strength && hit.matched > best.matched)) best = hit;
    };
    tokens.forEach((t) => {
      if (key.acronyms.has(t.norm)) consider({ slug: key.slug, strength: 3, matched: key.words.length, start: t.index, end: t.index + 1 });
    });
    // runs of question words (stopwords skipped) that each match a different name word
    let run: { used: Set<string>; start: number; end: number } | null = null;
    const closeRun = (): void => {
      if (!run) return;
      const matched = run.used.size;
      const single = [...run.used][0]!;
      const strength = matched === key.words.length ? 3 : matched >= 2 ? 2 : key.distinctive.has(single) ? 1 : 0;
      if (strength > 0) consider({ slug: key.slug, strength, matched, start: run.start, end: run.end });
      run = null;
    };
    for (const t of tokens) {
      if (STOPWORDS.has(t.norm)) continue;
      const close = near[t.index]!;
      const word = key.words.find((w) => !(run?.used.has(w) ?? false) && close.has(w) && closeEnough(w, close.get(w)!));
      if (word === undefined) {
        closeRun();
        continue;
      }
      run ??= { used: new Set(), start: t.index, end: t.index };
      run.used.add(word);
      run.end = t.index + 1;
    }
    closeRun();
    if (best) hits.push(best);
  }
  return hits.sort((a, b) => b.strength - a.strength || b.matched - a.matched);
}

/** Where a person sits: one seat per workstream. */
export interface Seat {
  slug: string;
  workstream: string;
  role: string;
  lead: boolean;
  substitute?: true;
}

export interface PersonRecord {
  name: string;
  organisation?: true;
  seats: Seat[];
}

export interface PeopleIndex {
  people: PersonRecord[];
  /** Normalised name words per person, parallel to `people`. */
  words: string[][];
  /** Words the paper writes in lower case: "body", "short" are only names when capitalised. */
  ordinaryWords: Set<string>;
  lexicon: FuzzyLexicon;
  /** People (by position in `people`) whose name starts with each word. */
  byFirstWord: Map<string, number[]>;
}

/** Builds the people side of the index: everyone with a seat, placeholders ("tbc") left out. */
export function buildPeopleIndex(workstreams: Workstream[]): PeopleIndex {
  const byName = new Map<string, PersonRecord>();
  const seat = (name: string, s: Seat, organisation: boolean): void => {
    const key = name.toLowerCase();
    const record = byName.get(key) ?? { name, ...(organisation ? { organisation: true as const } : {}), seats: [] };
    record.seats.push(s);
    byName.set(key, record);
  };
  for (const ws of workstreams) {
    seat(ws.lead.name, { slug: ws.slug, workstream: ws.name, role: ws.lead.role ?? '', lead: true }, ws.lead.organisation === true);
    for (const m of ws.representatives) {
      if (m.toBeConfirmed) continue;
      seat(m.name, { slug: ws.slug, workstream: ws.name, role: m.role, lead: false, ...(m.substitute ? { substitute: true as const } : {}) }, false);
    }
  }
  const people = [...byName.values()];
  const words = people.map((p) => tokenise(p.name).map((t) => t.norm));
  const ordinaryWords = new Set<string>();
  for (const ws of workstreams) {
    for (const text of [ws.name, ...ws.actions, ...ws.outcomes, ...ws.position]) {
      for (const t of tokenise(text)) if (/^[a-z]/.test(t.raw)) ordinaryWords.add(t.norm);
    }
  }
  STOPWORDS.forEach((w) => ordinaryWords.add(w));
  const byFirstWord = new Map<string, number[]>();
  words.forEach((w, i) => byFirstWord.set(w[0]!, [...(byFirstWord.get(w[0]!) ?? []), i]));
  return { people, words, ordinaryWords, lexicon: new FuzzyLexicon(words.flat()), byFirstWord };
}

/** A person named in a question; several when a first name alone fits more than one. */
export interface PersonHit {
  people: PersonRecord[];
  start: number;
  end: number;
}

/** The person the question names, by full name (typos allowed) or by a first name or surname alone. */
export function findPerson(index: PeopleIndex, tokens: Token[]): PersonHit | undefined {
  const near = tokens.map((t) => (STOPWORDS.has(t.norm) || t.norm.length < 2 ? new Map<string, number>() : index.lexicon.lookup(t.norm)));
  let best: { hit: PersonHit; cost: number } | undefined;
  tokens.forEach((_, start) => {
    for (const [first, firstCost] of near[start]!) {
      for (const i of index.byFirstWord.get(first) ?? []) {
        const words = index.words[i]!;
        if (!closeEnough(first, firstCost, first.length >= 3 ? 1 : 0)) continue;
        let cost = firstCost;
        const fits = words.slice(1).every((w, k) => {
          const d = near[start + k + 1]?.get(w);
          cost += d ?? 0;
          return d !== undefined && closeEnough(w, d);
        });
        const length = words.length;
        if (fits && (!best || cost < best.cost || (cost === best.cost && length > best.hit.end - best.hit.start))) {
          best = { hit: { people: [index.people[i]!], start, end: start + length }, cost };
        }
      }
    }
  });
  return best?.hit ?? findByOneName(index, tokens, near);
}

function findByOneName(index: PeopleIndex, tokens: Token[], near: Map<string, number>[]): PersonHit | undefined {
  for (const t of tokens) {
    const looksLikeName = /^[A-Z]/.test(t.raw) && t.index > 0;
    if (t.norm.length < 3 || STOPWORDS.has(t.norm) || (!looksLikeName && index.ordinaryWords.has(t.norm))) continue;
    const close = near[t.index]!;
    const fits = (w: string): boolean => close.get(w) === 0 || (t.norm.length >= 5 && close.has(w) && closeEnough(w, close.get(w)!));
    const matches = index.people.filter((p, i) => {
      if (p.organisation) return false;
      const w = index.words[i]!;
      return fits(w[0]!) || fits(w[w.length - 1]!);
    });
    if (matches.length > 0) return { people: matches, start: t.index, end: t.index + 1 };
  }
  return undefined;
}
