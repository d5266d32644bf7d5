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

/** Whether a typed word is the name word, allowing typos and a plural "s". */
export function sameWord(typed: string, word: string): boolean {
  if (typed === word || typed === `${word}s` || `${typed}s` === word) return true;
  const max = allowedEdits(word);
  return max > 0 && editDistance(typed, word, max) <= max;
}

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
  return { keys };
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
      const word = key.words.find((w) => !(run?.used.has(w) ?? false) && sameWord(t.norm, w));
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
  /** How many people share each first name and each surname. */
  firstNames: Map<string, number>;
  lastNames: Map<string, number>;
  /** Words the paper writes in lower case: "body", "short" are only names when capitalised. */
  ordinaryWords: Set<string>;
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
  const firstNames = new Map<string, number>();
  const lastNames = new Map<string, number>();
  people.forEach((p, i) => {
    if (p.organisation) return;
    const w = words[i]!;
    firstNames.set(w[0]!, (firstNames.get(w[0]!) ?? 0) + 1);
    lastNames.set(w[w.length - 1]!, (lastNames.get(w[w.length - 1]!) ?? 0) + 1);
  });
  const ordinaryWords = new Set<string>();
  for (const ws of workstreams) {
    for (const text of [ws.name, ...ws.actions, ...ws.outcomes, ...ws.position]) {
      for (const t of tokenise(text)) if (/^[a-z]/.test(t.raw)) ordinaryWords.add(t.norm);
    }
  }
  STOPWORDS.forEach((w) => ordinaryWords.add(w));
  return { people, words, firstNames, lastNames, ordinaryWords };
}

/** A person named in a question; several when a first name alone fits more than one. */
export interface PersonHit {
  people: PersonRecord[];
  start: number;
  end: number;
}

/** The person the question names, by full name (typos allowed) or by a first name or surname alone. */
export function findPerson(index: PeopleIndex, tokens: Token[]): PersonHit | undefined {
  let best: { hit: PersonHit; cost: number } | undefined;
  index.people.forEach((person, i) => {
    const words = index.words[i]!;
    for (let start = 0; start + words.length <= tokens.length; start++) {
      let cost = 0;
      const fits = words.every((w, k) => {
        const typed = tokens[start + k]!.norm;
        const max = Math.max(allowedEdits(w), w.length >= 3 && k === 0 ? 1 : 0);
        const d = typed === w ? 0 : editDistance(typed, w, max);
        cost += d;
        return d <= max;
      });
      if (fits && (!best || cost < best.cost || (cost === best.cost && words.length > best.hit.end - best.hit.start))) {
        best = { hit: { people: [person], start, end: start + words.length }, cost };
      }
    }
  });
  if (best) return best.hit;
  return findByOneName(index, tokens);
}

function findByOneName(index: PeopleIndex, tokens: Token[]): PersonHit | undefined {
  for (const t of tokens) {
    const looksLikeName = /^[A-Z]/.test(t.raw) && t.index > 0;
    if (t.norm.length < 3 || STOPWORDS.has(t.norm) || (!looksLikeName && index.ordinaryWords.has(t.norm))) continue;
    const matches = index.people.filter((p, i) => {
      if (p.organisation) return false;
      const w = index.words[i]!;
      const first = w[0]!;
      const last = w[w.length - 1]!;
      return t.norm === first || t.norm === last || (t.norm.length >= 5 && (sameWord(t.norm, last) || sameWord(t.norm, first)));
    });
    if (matches.length > 0) return { people: matches, start: t.index, end: t.index + 1 };
  }
  return undefined;
}
