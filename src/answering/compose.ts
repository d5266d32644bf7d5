/**
 * Query-focused extractive composition: from the top passages, the few sentences or list items that
 * together cover the question. A unit is scored by the share of the question's weight it covers — in its
 * own words, or through its heading, the lead-in of its list or its neighbours — and the answer grows
 * from the best unit: a lead-in brings its items, a sentence brings the one that carries it on, matching
 * items of the same list come together, and units that cover what is still uncovered are added, all in
 * document order within a budget. Nothing here knows particular phrasings.
 */
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { Section } from '../ingestion/knowledge-types';
import { saysFuture, unitKey, type Unit } from '../ingestion/units';
import type { FactKind } from '../language/nlp';
import { contentStems, words } from '../language/words';
import { stem } from '../language/stem';
import { namesGroup, namesPersons } from '../language/synonyms';
import { supersededPreface } from './citations';
import { namesMoney, type Asked } from './question';
import type { Hit } from './retrieve';
import { UNIT_WEIGHTS, type Features } from './unit-weights';

/** Share of the question's weight the best unit must cover for an answer. */
export const MIN_COVERAGE = 0.55;
/** Each document of a question that names two must cover at least this much of it. */
export const PER_DOCUMENT_COVERAGE = 0.45;
/** A question about the asker's own task needs a passage that covers it nearly whole. */
export const OWN_TASK_COVERAGE = 0.85;
/** Characters an answer aims to stay within (a process may take `PROCESS_BUDGET`); a list may run to `LIST_BUDGET`. */
const BUDGET = 480;
const PROCESS_BUDGET = 700;
/** How much of the passage about a process its answer may tell, in order (the answer as a whole is still cut at a line end at 1,400 characters: `MAX_CHARS` of answer-question.ts). Chosen on the development sets (800–2000 tried). */
const PROCESS_PASSAGE_BUDGET = 1400;
const LIST_BUDGET = 900;
/**
 * …and for the list of where something stands (a workstream's position), which is the answer whole: "is the behaviour
 * workstream making progress?" is answered by its later items too (chosen on development questions: 1,200, 1,300 and
 * 1,400 scored the same, 1,100 less).
 */
const SUMMARY_LIST_BUDGET = 1200;
/** Items of a list a process answer gives when the whole list does not fit. */
const PROCESS_PREVIEW = 2;
/** Least room for each document's share of a comparison: a sentence that goes on from its first. */
const PER_DOCUMENT_BUDGET = 420;
/** The best units an answer considers… */
const NEXT_UNITS = 3;
/** …those after the first scoring at least this share of its score… */
const NEXT_SCORE = 0.5;
/** …and covering at most this much less of the question… */
const NEXT_SLACK = 0.15;
/** …within this many characters (a document's share of a comparison has it all; a part of a longer question, its share). Chosen on the development sets: 3 units, 0.5, 0.1 and 600 (500, 800 and 1000 tried); the slack refitted to 0.15 in the seventeenth session (0.05, 0.2, 0.25 tried). */
const NEXT_ROOM = 600;
const MAX_ITEMS = 12;
/** A counted list this short is one statement in parts: an item of it comes with the others. */
const SHORT_LIST = 5;
/** An answer shorter than this (one short sentence) takes the sentence after it too, within `THIN_BUDGET`. */
const THIN = 200;
const THIN_BUDGET = 320;
/** …and an answer to a question asking nothing in particular, up to three sentences more (300 and 400 alike on dev). */
const OVERVIEW = 300;
const OVERVIEW_BUDGET = 450;
/** Most a verb or modifier of the question may weigh: a share of its heaviest subject word (or of its words' mean weight, when larger). Chosen on dev. */
const PHRASING_CAP = 0.75;
/** How much a unit the last answer already gave is worth to a follow-up that names nothing new. */
const REPEATED = 0.5;
/** A process answer also takes another passage's best unit when it scores at least this share of the best. */
const RUNNER_UP = 0.7;
/** …and how much less of the question it may cover. */
const RUNNER_UP_COVERAGE = 0.1;
/** Share of the best score a unit under a passage that introduces its subsections needs to go on from it. */
const ONWARD = 0.5;
/** How much more a follow-up that points back weighs a unit that comes right after one the last answer gave. */
const FOLLOWING = 1.3;
/** A section named by a question for its parts (`partsOf`): among the best hits, naming this share of the question, its
 * heading's words this share typed, with at least this many parts. (Development sets: 0.7 best, 0.5–0.6 and 0.8–1 one less.) */
const PARTS_HITS = 4;
const PARTS_NAMED = 0.7;
const PARTS_TYPED = 0.75;
const MIN_PARTS = 3;
/** How much a word of the question found only in a heading above a unit counts. */
const ABOVE = 0.6;
/** …when the word it qualifies, or that qualifies it, is in the unit (chosen on the development sets: 0.3 and 0.4 alike, 0.15 and 0.5 less). */
const SPLIT_PHRASE = 0.4;

interface Group {
  weight: number;
  /** Counts towards coverage; borrowed context only steers the ranking. */
  required: boolean;
  /** Each alternative is a set of stems that must all be present (an acronym, or its expansion). */
  alternatives: string[][];
  /** Only a verb of the question asked it: a passage may say it in other words. */
  relation: boolean;
  /** Only an adjective or adverb of the question asked it ("extra places"): also often said in other words. */
  modifier?: boolean;
  /** Only a noun qualifying another asked it ("the headline vision"): no passage saying it means it was how it was put. */
  compound?: boolean;
  /** Words joined by "or" ("HfL or HCC"): a unit naming both does not spell one out. */
  either?: boolean;
  /** The group of the noun its word stands before ("local" → "offer"). */
  qualifies?: string;
}

export function groupsOf(asked: Asked): Map<string, Group> {
  const out = new Map<string, Group>();
  // (By the word each expands: "HCC or HfL" is one group with an expansion of each.)
  const expansions = new Map<string, { group: string; stems: string[] }>();
  // A follow-up that asks only what is done ("who's running that one?") is answered of its subject: the verb alone is
  // found anywhere ("…to ensure schools run well"), so the subject's words are asked as well as the verb.
  const onlyRelations =
    asked.terms.some((t) => t.origin === 'context') &&
    asked.terms.filter((t) => t.origin !== 'context' && t.origin !== 'expansion').every((t) => t.relation);
  for (const t of asked.terms) {
    if (t.origin === 'expansion') {
      const key = `${t.group}\u0000${t.alias ?? ''}`;
      expansions.set(key, { group: t.group, stems: [...(expansions.get(key)?.stems ?? []), t.stem] });
      continue;
    }
    const g: Group = out.get(t.group) ?? { weight: 0, required: t.origin !== 'context' || onlyRelations, alternatives: [], relation: true };
    g.weight = Math.max(g.weight, t.weight);
    g.relation &&= t.relation === true;
    g.modifier = (g.modifier ?? true) && t.modifier === true;
    g.compound = (g.compound ?? true) && t.compound === true;
    if (t.qualifies && t.qualifies !== t.group) g.qualifies ??= t.qualifies;
    const alt = t.phrase ?? [t.stem];
    if (t.either) g.either = true;
    if (!g.alternatives.some((a) => a.join(' ') === alt.join(' '))) g.alternatives.push(alt);
    out.set(t.group, g);
  }
  for (const { group, stems } of expansions.values()) {
    const g = out.get(group);
    if (g) g.alternatives.push(stems);
    else
      out.set(group, {
        weight: Math.max(...asked.terms.filter((t) => t.group === group).map((t) => t.weight)) * 2,
        required: true,
        alternatives: [stems],
        relation: false,
      });
  }
  // How a question is put weighs less than what it is about: a verb or modifier rare in the papers ("how did they
  // *gather* feedback…", "a *struggling* school") weighs no more than a share of the question's heaviest subject
  // word — or of its words' mean weight, when its subject words are all common ones ("the strategy").
  const required = [...out.values()].filter((g) => g.required);
  const subjects = required.filter((g) => !g.relation && !g.modifier);
  if (subjects.length) {
    const mean = required.reduce((a, g) => a + g.weight, 0) / required.length;
    const cap = PHRASING_CAP * Math.max(mean, ...subjects.map((g) => g.weight));
    for (const g of required) if (g.relation || g.modifier) g.weight = Math.min(g.weight, cap);
  }
  return out;
}

const matches = (g: Group, stems: ReadonlySet<string>): boolean => g.alternatives.some((alt) => alt.length > 0 && alt.every((s) => stems.has(s)));

/**
 * Whether the headings above a passage, or its document's title, name a group: a phrase within one of them. ("Herts for
 * Learning" is not the title's "…in Hertfordshire" with the heading "Learning Offer 2023 - 24".)
 */
const matchesAbove = (g: Group, view: SectionView): boolean =>
  g.alternatives.some((alt) => alt.length > 0 && view.outers.some((h) => alt.every((x) => h.has(x))));

interface SectionView {
  hit: Hit;
  units: Unit[];
  heading: ReadonlySet<string>;
  /** The stems of each heading above it (and of its document's title, and of a passage that introduces it), one set each. */
  outers: ReadonlyArray<ReadonlySet<string>>;
}

export interface Scored {
  unit: Unit;
  view: SectionView;
  coverage: number;
  /** Required groups the unit states itself. */
  own: Set<string>;
  /** Groups it reaches in any way. */
  reached: Set<string>;
  score: number;
  /** What its score is made of. */
  features: Features;
}

/** A unit's score is exp(Σ weight × feature), with the weights of `unit-weights.ts`. */
function scoreOf(f: Features): number {
  let sum = 0;
  for (const [k, v] of Object.entries(f)) sum += (UNIT_WEIGHTS[k as keyof Features] ?? 0) * (v ?? 0);
  return Math.exp(sum);
}

/** The lead-in a list item hangs from: the unit ending in ":" just before its run of items. */
export function leadInOf(units: Unit[], i: number): Unit | undefined {
  let k = i - 1;
  while (k >= 0 && units[k]?.list) k--;
  const u = units[k];
  return u?.leadIn ? u : undefined;
}

/**
 * The items a lead-in introduces: the list that follows it, or — where extraction lost the bullets — the
 * short one-sentence paragraphs that follow it ("School Effectiveness - a framework to…").
 */
export function itemsOf(units: Unit[], i: number): Unit[] {
  const out: Unit[] = [];
  const first = units[i + 1];
  if (!first) return out;
  // ("It is worth revisiting the definition…:" / "'A child… has a learning difficulty… if he or she:" / "- has…": a lead-in
  // whose next paragraph is itself a lead-in introduces it, with its items.)
  if (!first.list && first.leadIn && first.block !== units[i]?.block) {
    const nested = itemsOf(units, i + 1);
    return nested.length ? [first, ...nested] : out;
  }
  const asParagraphs = !first.list;
  for (let k = i + 1; k < units.length; k++) {
    const u = units[k] as Unit;
    if (asParagraphs ? u.list || u.text.length > 220 || units[k + 1]?.block === u.block || u.leadIn : !u.list) break;
    out.push(u);
  }
  return asParagraphs && out.length < 2 ? [] : out;
}

const contents = new WeakMap<Unit, boolean>();
const documentHeadings = new WeakMap<KnowledgeBase, Map<string, Array<{ section: number; stems: ReadonlySet<string> }>>>();

/** The headings of each document of two words or more, as stems, worked out once. */
function headingsByDocument(kb: KnowledgeBase): Map<string, Array<{ section: number; stems: ReadonlySet<string> }>> {
  let known = documentHeadings.get(kb);
  if (!known) {
    known = new Map();
    for (const s of kb.sections) {
      const stems = kb.headingStemsOf(s.index).heading;
      if (stems.size >= 2) known.set(s.docId, [...(known.get(s.docId) ?? []), { section: s.index, stems }]);
    }
    documentHeadings.set(kb, known);
  }
  return known;
}

/**
 * Whether the items a lead-in introduces are mostly headings of its own document ("Appendix A sets out the following
 * information: (i) The RAYG rating system… (iv) Support and challenge for maintained schools causing concern"): a table
 * of contents says where things are told, not what they are. Worked out once for each lead-in.
 */
function contentsList(kb: KnowledgeBase, leadIn: Unit, items: readonly Unit[]): boolean {
  const known = contents.get(leadIn);
  if (known !== undefined) return known;
  const headings = (headingsByDocument(kb).get(kb.sections[leadIn.section]?.docId ?? '') ?? []).filter((h) => h.section !== leadIn.section);
  const isHeading = (u: Unit): boolean => headings.some((h) => [...h.stems].every((x) => u.stems.has(x)));
  const out = items.length >= 3 && items.filter(isHeading).length * 2 >= items.length;
  contents.set(leadIn, out);
  return out;
}

/**
 * The sentences around a sentence in its passage: what it is said in the context of. A list's lead-in
 * ("Benefits for families:") also takes the paragraph that set its topic, past any list before it.
 */
const sameBlockNeighbours = (units: Unit[], u: Unit, before: Unit[] = []): Unit[] => {
  if (u.list && !u.leadIn) return [];
  const near = units.filter((n) => n !== u && !n.list && Math.abs(n.index - u.index) <= 3);
  if (!u.leadIn) return near;
  const topic = [...before, ...units.slice(0, u.index)]
    .reverse()
    .filter((n) => !n.list && !n.leadIn)
    .slice(0, 2);
  return [...new Set([...near, ...topic])];
};

/** The units of the passage before, when this passage continues the same section (a long section is cut in passages). */
function previousPassage(kb: KnowledgeBase, sectionIndex: number): Unit[] {
  const here = kb.sections[sectionIndex];
  const prev = kb.sections[sectionIndex - 1];
  return prev && here && prev.docId === here.docId && prev.path.join('\u0000') === here.path.join('\u0000') ? kb.unitsOf(sectionIndex - 1) : [];
}

/**
 * How far from a unit the date or quantity a question asks for may stand and still be its: a date may be a few sentences
 * on in the same passage ("…a leadership programme…" / "It will be delivered from January 2024."); a quantity must be close.
 */
const factReach = (asked: Asked): number => (asked.wants?.includes('date') ? Infinity : 3);

/** Sentences close by in the passage, across paragraph breaks ("…a leadership programme." … "It will be delivered from January 2024."). */
const nearby = (units: Unit[], u: Unit, reach = 3): Unit[] =>
  units
    .filter((n) => n !== u && Math.abs(n.index - u.index) <= reach && !n.list && !u.list)
    .sort((a, b) => Math.abs(a.index - u.index) - Math.abs(b.index - u.index));

/** What stands around each fact a unit states, worked out once per unit (units live as long as the knowledge base). */
interface FactContext {
  kind: FactKind;
  /** The fact's own words ("january 2024"). */
  words: string[];
  /** Stems of the fact and the three words after it ("87 centres of excellence"). */
  counted: string[];
  /** …and those words as written. */
  countedWords: string[];
  /** Content stems within 70 characters either side. */
  around: ReadonlySet<string>;
  /** Content stems of the six words either side. */
  near: ReadonlySet<string>;
}

const factContexts = new WeakMap<Unit, FactContext[]>();

function factContextsOf(u: Unit): FactContext[] {
  let out = factContexts.get(u);
  if (!out) {
    out = u.factSpans.map(([start, end, kind]) => {
      const own = words(u.text.slice(start, end));
      const countedWords = words(u.text.slice(start, end + 60)).slice(0, own.length + 3);
      const before = words(u.text.slice(0, start)).slice(-6).join(' ');
      const after = words(u.text.slice(end)).slice(0, 6).join(' ');
      return {
        kind,
        words: own,
        countedWords,
        counted: countedWords.map(stem),
        around: new Set(contentStems(`${u.text.slice(Math.max(0, start - 70), start)} ${u.text.slice(end, end + 70)}`)),
        near: new Set(contentStems(`${before} ${after}`)),
      };
    });
    factContexts.set(u, out);
  }
  return out;
}

/** The stems of a unit's words written capitalised inside a sentence, as in a title, worked out once per unit. */
const titleStems = new WeakMap<Unit, ReadonlySet<string>>();

/** Whether a unit names something of a kind ("strategy"): the word capitalised inside a sentence, as part of a title. */
function namesKind(u: Unit, kinds: readonly string[]): boolean {
  let stems = titleStems.get(u);
  if (!stems) titleStems.set(u, (stems = new Set([...u.text.matchAll(/(?<=[a-z,;] )[A-Z][a-z]+/g)].map((m) => stem(m[0].toLowerCase())))));
  return kinds.some((k) => stems.has(k));
}

/** The stems of the words for persons in general: a count of them is a count of people of any kind. */
const PERSONS = new Set(['peopl', 'person']);

/** Whether a number in the unit counts the thing asked about ("87 centres", "over 65 bite size lessons"). */
function countsAsked(unit: Unit, counted: string[]): boolean {
  if (!counted.length) return false;
  // "How many people…" is answered by a count of persons of any kind ("up to 80 participants").
  const persons = counted.some((c) => PERSONS.has(c));
  for (const { kind, counted: named, countedWords, words: own } of factContextsOf(unit)) {
    if (kind === 'date' || kind === 'time') continue;
    if (persons && kind === 'number' && countedWords.slice(own.length).some(namesPersons)) return true;
    // A span of time counts only what it is made of ("15 days" for "how many days"), not a noun after it ("the day when
    // the warning notice is given" does not count warning notices).
    if (kind === 'duration' && !own.map(stem).some((s) => counted.includes(s))) continue;
    // "seven days" is one span; "87 centres of excellence", "over 65 bite size lessons" name what they count
    // within three words.
    if (named.some((s) => counted.includes(s))) return true;
  }
  return false;
}

/**
 * Whether a unit states the kind of fact asked for — and, for a quantity, states it about something the
 * question names ("risen 19% compared to…" for suspensions; not "six full days" for a course's cost).
 */
function statesAsked(u: Unit, asked: Asked, groups: Map<string, Group>, heading: ReadonlySet<string>): boolean {
  const wants = asked.wants ?? [];
  // "…and how many can go on it?": with nothing of its own named, the number is about the subject it borrowed.
  const own = asked.terms.filter((t) => t.origin === 'question' && !t.borrowed).reduce((a, t) => a + t.weight, 0);
  const all = asked.terms.filter((t) => t.origin === 'question').reduce((a, t) => a + t.weight, 0);
  const quantity = !wants.includes('date') && own >= 0.2 * all;
  for (const context of factContextsOf(u)) {
    if (!wants.includes(context.kind)) continue;
    // "What date in December did the group meet?" is not answered by "met in December": a fact the question gives is not news.
    if (context.words.every((w) => asked.said.has(w))) continue;
    if (!quantity) return true;
    // (Or under a heading that names it: "208 schools" under "Diocese of Westminster Education Service".)
    if ([...groups.values()].some((g) => g.required && (matches(g, context.around) || matches(g, heading)))) return true;
  }
  return false;
}

/** Whether a unit states the kind of fact asked for, under its own heading. */
const stating =
  (kb: KnowledgeBase, asked: Asked, groups: Map<string, Group>) =>
  (u: Unit): boolean =>
    statesAsked(u, asked, groups, kb.headingStemsOf(u.section).heading);

/** Whether a unit says what something asked about is: the term, then "–", ":", "is", "are", "means" or "refers". */
function definesTerm(u: Unit, groups: Map<string, Group>): boolean {
  const w = words(u.text.replace(/\s[–—-]\s/g, ' dash ').replace(/:/g, ' colon '));
  return w.some(
    (x, i) =>
      [...groups.values()].some((g) => g.required && g.alternatives.some((alt) => alt.length === 1 && alt[0] === stem(x))) &&
      ['dash', 'colon', 'is', 'are', 'means', 'refers', 'signifies'].includes(w[i + 1] ?? ''),
  );
}

/** A lead-in's own items: those before the next lead-in among them, which introduces others. */
function ownItems(items: readonly Unit[]): readonly Unit[] {
  const next = items.findIndex((it) => it.leadIn);
  return next < 0 ? items : items.slice(0, next);
}

/**
 * Whether a unit names someone: a person (two capitalised words side by side, one a word the documents only
 * use as a name: "John Short") or an organisation known by its acronym ("HfL has developed…") that the
 * question does not itself name.
 */
function namesPerson(kb: KnowledgeBase, u: Unit, asked: ReadonlySet<string>): boolean {
  for (const m of u.text.matchAll(/\b[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b/g))
    if (kb.acronyms.has(m[0].toLowerCase()) && !asked.has(stem(m[0].toLowerCase()))) return true;
  return namesMember(kb, u, asked);
}

/** Whether a unit names someone as the owner of a thing ("Dr Glenys Jones’ independent review"): a capitalised name in the possessive, the thing a few words after. */
function ownedBySomeone(u: Unit, thing: string): boolean {
  for (const m of u.text.matchAll(/\b[A-Z][a-z]+(?:’s|'s|’|')\s+((?:\S+\s+){0,2}\S+)/g))
    if (words(m[1] ?? '').some((w) => stem(w) === thing)) return true;
  return false;
}

/** A document's sections under a run of headings (its sub-sections, or the headings' own when they are a whole path). */
const sectionsUnder = (kb: KnowledgeBase, docId: string, headings: readonly string[]): Section[] =>
  kb.sections.filter((s) => s.docId === docId && s.path.length >= headings.length && headings.every((h, k) => s.path[k] === h));

/**
 * "Who are the providers in the 2023-24 learning offer?", "what's in the learning offer for 2023-24?": a question for the
 * things a section is made of, naming the section by its heading, is answered by its parts — the headings under it, each
 * with its first sentence — when it has three or more. The question must type most of the heading's words, the heading
 * must name most of what it asks, and it must ask which or who, or what is in the section — for a kind of thing (a plural
 * noun the heading does not say: "providers") or for what is "in" it. Not a workstream's record, whose parts are its
 * lead, plans and position.
 */
function partsOf(kb: KnowledgeBase, asked: Asked, groups: Map<string, Group>, hits: Hit[]): Section[] | undefined {
  const typed = words(asked.text);
  if (!asked.wantsList && !['which', 'who'].includes(asked.wh ?? '') && !(asked.wh === 'what' && typed.includes('in'))) return undefined;
  const typedStems = new Set(typed.map(stem));
  const total = [...groups.values()].reduce((a, g) => a + (g.required ? g.weight : 0), 0);
  for (const hit of hits.slice(0, PARTS_HITS)) {
    const path = hit.section.path;
    for (let depth = path.length; depth >= 1; depth--) {
      const heading = new Set(contentStems(path[depth - 1] ?? ''));
      const named = [...groups.values()].filter((g) => g.required && matches(g, heading)).reduce((a, g) => a + g.weight, 0);
      if (!heading.size || named / total < PARTS_NAMED || [...heading].filter((x) => typedStems.has(x)).length < PARTS_TYPED * heading.size) continue;
      const kind = asked.terms.some((t) => t.origin === 'question' && !t.relation && !heading.has(t.stem) && /s$/.test(t.word) && t.word !== t.stem);
      if (!kind && !typed.includes('in')) continue;
      const under = sectionsUnder(kb, hit.section.docId, path.slice(0, depth)).filter((s) => s.path.length > depth);
      if (under.some((s) => s.summary)) return undefined;
      const parts = new Map<string, Section>();
      for (const s of under) if (!parts.has(s.path[depth] ?? '')) parts.set(s.path[depth] ?? '', s);
      if (parts.size >= MIN_PARTS) return [...parts.values()];
    }
  }
  return undefined;
}

/** Whether a unit names a post or a person, not only initials ("CSF" may answer who does something, not who is in a body). */
function namesMember(kb: KnowledgeBase, u: Unit, asked: ReadonlySet<string>): boolean {
  // A post: two or more capitalised words ending in a noun for a person ("the Deputy Director", "Chair of Governors",
  // "School Effectiveness Advisers"), not one ("Domestic abuse", "the SEND Executive").
  for (const m of u.text.matchAll(/\b(?:[A-Z][a-z]+ (?:of )?)+([A-Z][a-z]+)\b/g)) {
    const head = (m[1] ?? '').toLowerCase();
    if (!asked.has(stem(head)) && namesPersons(head)) return true;
  }
  return namesSomeone(kb, u, asked);
}

/**
 * Whether a unit names a person: two capitalised words side by side, one a word the documents only use as a name
 * ("Helen Booth"), and not both words of what the question asks about ("Standing Advisory Council…" for SACRE).
 */
export function namesSomeone(kb: KnowledgeBase, u: Unit, asked: ReadonlySet<string> = NOTHING_ASKED): boolean {
  // Without words of a question to set aside, the answer is the unit's own, and asked again and again while scoring.
  if (asked === NOTHING_ASKED) {
    let known = namesSomeoneAtAll.get(u);
    if (known === undefined) namesSomeoneAtAll.set(u, (known = namesPair(kb, u, asked)));
    return known;
  }
  return namesPair(kb, u, asked);
}

/** Whether a unit names a pair of words the papers write side by side as a name ("Jennie Newman"), not a post. */
export function namesKnownPerson(kb: KnowledgeBase, u: Unit): boolean {
  return knownPersonIn(kb, u) !== undefined;
}

/** The first pair of words a unit writes that the papers write side by side as a name ("Jennie Newman"), if any. */
export function knownPersonIn(kb: KnowledgeBase, u: Unit): string | undefined {
  for (const m of u.text.matchAll(/\b([A-Z][a-z]+) (?=([A-Z][a-z]+)\b)/g))
    if (kb.namePairs.has(`${(m[1] ?? '').toLowerCase()} ${(m[2] ?? '').toLowerCase()}`)) return `${m[1]} ${m[2]}`;
  return undefined;
}

const NOTHING_ASKED: ReadonlySet<string> = new Set();
const namesSomeoneAtAll = new WeakMap<Unit, boolean>();

function namesPair(kb: KnowledgeBase, u: Unit, asked: ReadonlySet<string>): boolean {
  for (const m of u.text.matchAll(/\b([A-Z][a-z]+(?:[A-Z][a-z]+)?) ([A-Z][a-z]+(?:[A-Z][a-z]+)?)\b/g)) {
    const [a, b] = [(m[1] ?? '').toLowerCase(), (m[2] ?? '').toLowerCase()];
    if ((kb.nameWords.has(a) || kb.nameWords.has(b)) && !(asked.has(stem(a)) && asked.has(stem(b)))) return true;
  }
  return false;
}

/** Whether a fact of the kind asked for stands within a few words of something the question names ("CSF was established in 2001"). */
function factNearSubject(u: Unit, asked: Asked, groups: Map<string, Group>): boolean {
  for (const context of factContextsOf(u)) {
    if (!asked.wants?.includes(context.kind)) continue;
    if ([...groups.values()].some((g) => g.required && matches(g, context.near))) return true;
  }
  return false;
}

export function scoreUnits(kb: KnowledgeBase, asked: Asked, hits: Hit[], asks: Map<string, Group>, introducedBy?: number): Scored[] {
  // A verb or modifier of the question that no retrieved passage uses ("who sits on the SSEB?", "how many extra
  // places…?" of "a net increase of 52 places") is how the question is put, not something one passage says and
  // another lacks: it counts for none of them.
  const said = (g: Group): boolean =>
    hits.some((h) => matches(g, kb.headingStemsOf(h.section.index).path) || kb.unitsOf(h.section.index).some((u) => matches(g, u.stems)));
  const groups = new Map([...asks].filter(([, g]) => !(g.required && (g.relation || g.modifier || g.compound)) || said(g)));
  const total = [...groups.values()].reduce((a, g) => a + (g.required ? g.weight : 0), 0);
  const all = [...groups.values()].reduce((a, g) => a + g.weight, 0);
  if (!total) return [];
  const out: Scored[] = [];
  // An acronym the question itself uses ("SEND" in "who drives the Quality SEND Offer?") is its subject, not someone named.
  const askedStems = new Set(asked.terms.map((t) => t.stem));
  // "Whose review…?": the noun whose owner is asked for.
  const typed = words(asked.text);
  const possessed = asked.wh === 'whose' ? stem(typed[typed.indexOf('whose') + 1] ?? '') || undefined : undefined;
  // "Who sat on the SSEB?": asked who of a body (a word of the question, or of the name its initials stand for, whose
  // commonest sense is a body: "board"), with no verb the passages use ("who chairs it?" asks the one who chairs).
  const asksOfBody =
    asked.wh === 'who' &&
    ![...groups.values()].some((g) => g.required && g.relation) &&
    asked.terms.some((t) => t.origin !== 'context' && namesGroup(t.word));
  // A question that asks something of a term ("how often does the SSEB meet?") is not answered by the sentence
  // that spells the term out: that says what it is.
  const asksRelation = asked.terms.some((t) => t.relation && t.origin === 'question' && !t.borrowed);
  const states = stating(kb, asked, groups);
  for (const hit of hits) {
    const s = hit.section;
    const units = kb.unitsOf(s.index);
    const view: SectionView = {
      hit,
      units,
      heading: kb.headingStemsOf(s.index).heading,
      // Passages a short one introduces ("The process for invoking these powers is outlined below.") are read under its heading too.
      outers:
        introducedBy === undefined ? kb.headingStemsOf(s.index).outers : [...kb.headingStemsOf(s.index).outers, kb.headingStemsOf(introducedBy).path],
    };
    // ("What the QSO workstream will do": a heading that says what will happen.)
    const headingsSayFuture = asked.perfect && saysFuture(s.path.join(' '));
    // A question that only names this passage's subject ("any news on the autism review?") wants where it
    // stands: the passage marked as its summary, when its headings name what was asked and it covers the rest.
    let summaryFit = 1;
    // "Any news on…", "how far along is…", "where are we with…": no question word asks for an attribute.
    const asksWhereItStands =
      !asked.elliptical &&
      !asked.asksAgain &&
      !asked.attribute &&
      !asked.wantsList &&
      !asked.definition &&
      !asked.future &&
      asked.wh !== 'who' &&
      asked.wh !== 'when' &&
      asked.wh !== 'why';
    if (s.summary && asksWhereItStands) {
      // Its headings must name what was asked (the workstream), with the line that opens it ("Where the Autism
      // workstream stood…") naming the rest.
      const headings = kb.headingStemsOf(s.index).path;
      const opening = new Set([...headings, ...(units[0]?.stems ?? [])]);
      const share = (stems: ReadonlySet<string>): number =>
        [...groups.values()].filter((g) => g.required && matches(g, stems)).reduce((a, g) => a + g.weight, 0) / total;
      if (share(headings) >= 0.5 && share(opening) >= 0.6) summaryFit = 1.6;
    }
    // A heading that says nothing but what was asked ("The Vision") makes every line under it about that.
    const headingIsAsked =
      view.heading.size > 0 &&
      [...view.heading].every((x) =>
        [...groups.values()].some(
          (g) => g.required && !g.relation && g.alternatives.some((alt) => alt.includes(x) && alt.every((y) => view.heading.has(y))),
        ),
      );
    for (const unit of units) {
      // "This funds…" opening a passage right under its heading is about what the heading names.
      const aboutHeading = unit.index === 0 && unit.leansBack && startsUnderHeading(kb, s.index);
      const leadIn = unit.list ? leadInOf(units, unit.index) : undefined;
      const items = unit.leadIn ? itemsOf(units, unit.index) : [];
      // (Not through the items of a table of contents, which only name where things are told.)
      const itemsTell = items.length > 0 && !contentsList(kb, unit, items);
      const neighbours = sameBlockNeighbours(units, unit, unit.leadIn ? previousPassage(kb, s.index) : []);
      let covered = 0;
      let ownWeight = 0;
      let contextReach = 0;
      const own = new Set<string>();
      const reached = new Set<string>();
      const strengths = new Map<string, number>();
      for (const [key, g] of groups) {
        let strength = 0;
        if (matches(g, unit.stems) || ((aboutHeading || headingIsAsked) && matches(g, view.heading))) strength = 1;
        // ("What has changed with the money for outreach…?": a word for money is said by a sum — "the £310k budget".)
        else if (unit.facts.has('money') && g.alternatives.some((alt) => alt.length === 1 && namesMoney(alt[0] ?? ''))) strength = 1;
        else if (matches(g, view.heading)) strength = 0.9;
        // (A verb of the question is not found in a list of people by a role: "who heads up SpLD?" is not "Primary Head".)
        else if (
          (leadIn && matches(g, leadIn.stems)) ||
          (itemsTell && items.some((it) => matches(g, it.stems) && !(g.relation && namesSomeone(kb, it))))
        )
          strength = 0.8;
        else if (matchesAbove(g, view)) strength = ABOVE;
        // For a list question, a list's lead-in ("The conditions are:") takes its topic from the sentences just before it.
        else if (neighbours.some((n) => matches(g, n.stems)))
          strength = asked.wantsList && unit.leadIn && neighbours.some((n) => n.index < unit.index && matches(g, n.stems)) ? 0.8 : 0.5;
        strengths.set(key, strength);
      }
      // A word that qualifies the next one in the question ("local offer", "learning communities"), found in the unit while
      // the other is only in a heading above it ("…in the local community" under "Learning Offer 2023 - 24"), is not
      // what was asked: the heading's word counts for less.
      for (const [key, g] of groups) {
        const [own, head] = [strengths.get(key), g.qualifies === undefined ? undefined : strengths.get(g.qualifies)];
        if (own === 1 && head === ABOVE && g.qualifies !== undefined) strengths.set(g.qualifies, SPLIT_PHRASE);
        else if (head === 1 && own === ABOVE) strengths.set(key, SPLIT_PHRASE);
      }
      for (const [key, g] of groups) {
        const strength = strengths.get(key) ?? 0;
        if (strength > 0) reached.add(key);
        if (!g.required) {
          contextReach += g.weight * strength;
          continue;
        }
        covered += g.weight * strength;
        if (strength === 1) {
          own.add(key);
          ownWeight += g.weight;
        }
      }
      if (!reached.size) continue;
      const coverage = covered / total;
      const f: Features = {
        coverage: Math.log(Math.max(coverage, 0.01)),
        retrieval: Math.log(0.75 + 0.25 * hit.relative),
        ownShare: Math.log(0.8 + (0.2 * ownWeight) / total),
        context: Math.log(1 + (0.5 * contextReach) / all),
        focus: 0,
      };
      // ("When can HCC give a school a warning notice?" asks in what circumstances, not for a date: "A warning notice may
      // be issued by HCC in circumstances where:" lacks none.)
      if (asked.wants && !asked.circumstance) {
        if (states(unit)) f[factNearSubject(unit, asked, groups) ? 'factNearSubject' : 'factStated'] = 1;
        else if (!nearby(units, unit, factReach(asked)).some(states)) f.factMissing = 1;
        if (countsAsked(unit, asked.counted)) f.countsAsked = 1;
      }
      if (!unit.list && !/[.!?:;)]$/.test(unit.text) && unit.text.split(' ').length < 12) f.fragment = 1;
      if (unit.text.length < 25 && !unit.list) f.short = 1;
      else if (unit.text.length > 450) f.long = 1;
      // A passage that spells out the term asked about ("HASSH – Hertfordshire Association of…") defines it. (Not for a
      // question asking nothing in particular, "anything on sacre in the strategy": the passage about it says more. Nor
      // for "who r the teaching school hubs for herts": who they are is not what their initials stand for.)
      if (
        !asksRelation &&
        (asked.wh || asked.attribute || asked.elliptical) &&
        asked.wh !== 'who' &&
        [...groups.values()].some(
          (g) =>
            g.required && !g.either && g.alternatives.length > 1 && g.alternatives.filter((alt) => alt.every((x) => unit.stems.has(x))).length > 1,
        )
      )
        f.spelled = 1;
      if (asked.wantsList && unit.leadIn && items.length) f.listLeadIn = 1;
      if (asked.process && unit.conditional) f.condition = 1;
      // "What did they mean by networks?": the sentence that says what the term is ("networks – groups of schools…").
      if (asked.definition && definesTerm(unit, groups)) f.defines = 1;
      // "Which SEND strategy…?" is answered by a unit that names one: the kind asked for, capitalised in a title ("the
      // … Five Year Strategy April 2018 to March 2023").
      if (asked.answerType.length && namesKind(unit, asked.answerType)) f.namesKind = 1;
      // "Who…" is answered by people: a unit (or the list it introduces) that names someone the documents name, or a post.
      if (asked.wh === 'who' && [unit, ...items].some((u) => namesPerson(kb, u, askedStems))) f.people = 1;
      // "Whose review…?": a unit that names someone as its owner ("Dr Glenys Jones’ independent review").
      if (possessed && ownedBySomeone(unit, possessed)) f.possessor = 1;
      // "Who sat on the SSEB?": asked who of a body, its members are the people or posts a unit or its list names.
      if (asksOfBody && [unit, ...ownItems(items)].filter((u) => namesMember(kb, u, askedStems)).length >= 2) f.members = 1;
      // A unit under headings that name what was asked is in a passage about it, not one that mentions it.
      f.focus = Math.log(
        1 +
          (0.3 *
            [...groups.values()].filter((g) => g.required && (matches(g, view.heading) || matchesAbove(g, view))).reduce((a, g) => a + g.weight, 0)) /
            total,
      );
      if (unit.leadIn && summaryFit > 1) f.summary = 1;
      // What a document is says little about what it says: its About passage answers only what nothing else does.
      if (s.about) f.about = 1;
      if (unit.leadIn) f.leadIn = 1;
      if (asked.process && unit.leadIn) f.processLeadIn = 1;
      if (asked.future && unit.future) f.future = 1;
      if (asked.obligation && unit.obligation) f.obligation = 1;
      if (asked.perfect && !asked.future && (unit.future || headingsSayFuture)) f.plansForProgress = 1;
      if (asked.perfect && !asked.future && s.summary) f.position = 1;
      out.push({ unit, view, coverage, own, reached, score: scoreOf(f), features: f });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

export interface Composition {
  /** Chosen units, grouped by section in the order the sections were first chosen, each in document order. */
  /** `cuts`: the last items given of lists given only in part. */
  parts: Array<{ hit: Hit; units: Unit[]; label: boolean; cuts?: Unit[] }>;
  coverage: number;
}

/**
 * No answer from these passages. `givenElsewhere`: what answers the part best is a unit another part of the answer has
 * given, stating the kind of fact asked for ("…there are 5 colour categories…" for "…how many colours r there") — the
 * part is answered already.
 */
export type Refusal = { kind: 'low-coverage' | 'no-fact'; givenElsewhere?: true };

/** Chooses the answer's units from the hits, or says why there is none. */
export interface ComposeOptions {
  /**
   * The share of a whole answer this one may take: an answer with two parts or from two documents gives each
   * part half, and a part then states its own passage rather than every place that repeats it.
   */
  share?: number;
  /** Units already given by another part of the answer ("section.index"). */
  exclude?: ReadonlySet<string>;
  /** This composition answers from one of several documents the question names. */
  perDocument?: boolean;
  /** Units the last answer gave, which a follow-up asking something new of its subject would rather not repeat. */
  repeated?: ReadonlySet<string>;
  /** What the follow-up asks that the last question did not (term groups): a repeated unit that reaches one may be given again. */
  fresh?: readonly string[];
  /** Units that come right after one the last answer gave: where a follow-up ("can they push back on it?") is often answered. */
  following?: ReadonlySet<string>;
}

/** The share of the question a unit must cover to answer it. (A question split across the documents it names needs each to answer only its share.) */
const coverageBar = (asked: Asked, options: ComposeOptions): number =>
  asked.ownTask ? OWN_TASK_COVERAGE : options.perDocument ? PER_DOCUMENT_COVERAGE : MIN_COVERAGE;

export function compose(kb: KnowledgeBase, asked: Asked, hits: Hit[], options: ComposeOptions = {}): Composition | Refusal {
  const share = Math.min(1, options.share ?? 1);
  const groups = groupsOf(asked);
  const bar = coverageBar(asked, options);
  const askedStems = new Set(asked.terms.map((t) => t.stem));
  const all = scoreUnits(kb, asked, hits, groups);
  let scored = all.filter((x) => !options.exclude?.has(unitKey(x.unit)));
  const refuse = (kind: Refusal['kind']): Refusal => {
    const top = all[0];
    const given =
      top !== undefined &&
      Boolean(options.exclude?.has(unitKey(top.unit))) &&
      !options.repeated?.has(unitKey(top.unit)) &&
      top.coverage >= bar &&
      // (Only a part asking for a number, sum or date, which the unit must state: "did they actually close?" is not
      // answered by a sentence about closing them.)
      Boolean(asked.wants) &&
      statesAsked(top.unit, asked, groups, kb.headingStemsOf(top.unit.section).heading);
    return { kind, ...(given ? { givenElsewhere: true as const } : {}) };
  };
  // "What is an ESC?": the glossary line only spells out the initials, which the answer says anyway ("ESCs stands for…");
  // a passage about them says what they are, when there is one.
  const spelling = asked.acronym ? new Set(words(`${asked.acronym.acronym} ${asked.acronym.expansion}`)) : undefined;
  const onlySpells = (x: Scored): boolean => spelling !== undefined && words(x.unit.text).every((w) => spelling.has(w));
  if (spelling && scored.some((x) => !onlySpells(x) && x.coverage >= bar)) scored = scored.filter((x) => !onlySpells(x));
  const states = stating(kb, asked, groups);
  if (options.repeated?.size) {
    // …unless it says what the follow-up asks ("who chairs it?" after an answer that named the chair; "when does it
    // happen?" after one that said "in the autumn term").
    const asks = options.fresh ?? [];
    const statesWanted = (u: Unit): boolean => Boolean(asked.wants) && states(u);
    // (Nor, for "who…?", one that names people or posts, or whose list does: "and who's on it?" after an answer that
    // listed the members — not one that only names an organisation by its initials.)
    const namesWho = (x: Scored): boolean =>
      asked.wh === 'who' &&
      [x.unit, ...(x.unit.leadIn ? ownItems(itemsOf(x.view.units, x.unit.index)) : [])].some((u) => namesMember(kb, u, askedStems));
    for (const x of scored)
      if (options.repeated.has(unitKey(x.unit)) && !asks.some((g) => x.reached.has(g)) && !statesWanted(x.unit) && !namesWho(x)) x.score *= REPEATED;
  }
  if (options.following?.size) for (const x of scored) if (options.following.has(unitKey(x.unit))) x.score *= FOLLOWING;
  if (options.repeated?.size || options.following?.size) scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.coverage < bar) return refuse('low-coverage');
  const sections = partsOf(kb, asked, groups, hits);
  if (sections)
    return {
      parts: sections.map((section) => ({ hit: { ...best.view.hit, section }, units: kb.unitsOf(section.index).slice(0, 1), label: true })),
      coverage: best.coverage,
    };
  // "When are the October half term dates?" is not answered by the February half term.
  if (asked.dated.some((d) => !best.unit.stems.has(d) && !best.view.heading.has(d) && !best.view.outers.some((h) => h.has(d))))
    return refuse('no-fact');
  // (Whether a unit, or one of the sentences close around it, states what was asked.)
  const statesNear = (s: Scored): boolean => [s.unit, ...nearby(s.view.units, s.unit)].some(states);
  let extraFact: Unit | undefined;
  if (asked.wants) {
    const reach = factReach(asked);
    const holds = (s: Scored): boolean => states(s.unit) || nearby(s.view.units, s.unit, reach).some(states);
    if (!holds(best) && !asked.circumstance) return refuse('no-fact');
    if (!states(best.unit)) {
      const with_ = nearby(best.view.units, best.unit, reach).find(states);
      if (with_) extraFact = with_;
    }
    // "The number of pupils aged 11 or under … has increased … to around 7,000" counts them too, when it says all that was asked.
    const counts = (s: Scored): boolean =>
      countsAsked(s.unit, asked.counted) || (s.coverage >= 0.8 && asked.counted.every((c) => s.unit.stems.has(c)) && states(s.unit));
    if (asked.counted.length && !counts(best) && !scored.some((s) => s.coverage >= MIN_COVERAGE && counts(s))) {
      // A count about something else ("5 colour categories" for "how many schools…") does not answer it.
      return refuse('no-fact');
    }
  }
  const total = [...groups.values()].reduce((a, g) => a + (g.required ? g.weight : 0), 0);
  const chosen = new Map<number, { hit: Hit; units: Map<number, Unit> }>();
  const order: number[] = [];
  let length = 0;
  const budgetFor = Math.max(options.perDocument ? PER_DOCUMENT_BUDGET : 320, (asked.process ? PROCESS_BUDGET : BUDGET) * share);
  const listBudget = Math.max(700, (best.view.hit.section.summary ? SUMMARY_LIST_BUDGET : LIST_BUDGET) * share);
  // Items a list's lead-in announced that a pull-quote or caption cut off from it, by the section of the lead-in.
  const continued = new Map<number, Unit[]>();
  const continuing = new Set<Unit>();
  // The lead-ins of lists given only in part.
  const clipped = new Set<Unit>();
  const isChosen = (u: Unit | undefined): boolean => u !== undefined && Boolean(chosen.get(u.section)?.units.has(u.index));
  const take = (u: Unit, hit: Hit, budget = budgetFor): boolean => {
    const entry = chosen.get(u.section);
    // (Nor is a unit another part of the answer has just given taken again: it was said.)
    if (entry?.units.has(u.index) || continuing.has(u) || options.exclude?.has(unitKey(u))) return true;
    if (length + u.text.length > budget && length > 0) return false;
    if (!entry) {
      chosen.set(u.section, { hit, units: new Map([[u.index, u]]) });
      order.push(u.section);
    } else entry.units.set(u.index, u);
    length += u.text.length + 1;
    return true;
  };
  // A lead-in never comes without its items ("SACRE's two core functions are:" inside a list brings both functions).
  const takeItems = (u: Unit, at: Hit, budget = listBudget): void => {
    // (Not an item another part of the answer has just given.)
    // (Of a list too long to give whole, the items that name what was asked come first: "which parents are on it?"
    // gets the parents among fifteen members, wherever they stand.)
    const all = itemsOf(kb.unitsOf(u.section), u.index).filter((item) => !options.exclude?.has(unitKey(item)));
    const named = (item: Unit): boolean => [...groups.values()].some((g) => g.required && !g.relation && matches(g, item.stems));
    const items = (all.length > MAX_ITEMS ? [...all.filter(named), ...all.filter((item) => !named(item))] : all)
      .slice(0, MAX_ITEMS)
      .sort((a, b) => a.index - b.index);
    // (A list whose lead-in counts its items comes whole: "these ten lenses are as follows:" with eight is wrong.)
    const announced = announcedItems(u);
    // (A list given in part is marked as cut short after its last item given, so it does not read as complete.)
    if (items.length < all.length) clipped.add(u);
    for (const item of items)
      if (!take(item, at, announced === items.length ? Infinity : budget)) {
        clipped.add(u);
        return;
      }
    // "…the five key outcomes…:" with three items before a pull-quote: the other two come after it.
    const rest = announced - items.length;
    const last = items[items.length - 1];
    if (!last || rest <= 0) return;
    const more = listContinuation(kb, last, rest);
    const added = more.reduce((a, m) => a + m.text.length + 1, 0);
    if (length + added > listBudget) return;
    continued.set(u.section, [...(continued.get(u.section) ?? []), ...more]);
    for (const m of more) continuing.add(m);
    length += added;
  };
  const withItems = (u: Unit, at: Hit, budget = listBudget): boolean => {
    if (!take(u, at, budget)) return false;
    if (u.leadIn) takeItems(u, at);
    return true;
  };
  const units = best.view.units;
  const seed = best.unit;
  const hit = best.view.hit;

  // A passage split only because it was long goes on in the section of the same heading next to it: one run.
  const runSections = [
    ...(continuesFrom(kb, seed.section) ? [seed.section - 1] : []),
    seed.section,
    ...(continuesFrom(kb, seed.section + 1) ? [seed.section + 1] : []),
  ];
  // The run's units in document order, and the hit a unit of it is cited under.
  const run = runSections.flatMap((section) => (section === seed.section ? units : kb.unitsOf(section)));
  const hitOf = (u: Unit): Hit => (u.section === seed.section ? hit : { ...hit, section: kb.sections[u.section] ?? hit.section });
  // ("Who runs the autism workstream?" asks for a person, not for every place the workstream is mentioned; "who is
  // Helen Booth?" is about one, wherever she is named.)
  const asksForPerson = asked.wh === 'who' && ![...groups.keys()].some((key) => key.startsWith('name:'));
  // "Tell me about the Difference course", "anything on home education?": a question that asks nothing in particular.
  const overview = !asked.wh && !asked.attribute && !asked.elliptical;

  // (The best unit first; the sentence it leans on comes too, within the room a list would have.)
  take(seed, hit);
  if (seed.leansBack && !seed.list) {
    const before = units[seed.index - 1];
    if (before && before.block === seed.block) take(before, hit, listBudget);
  }
  if (extraFact) take(extraFact, hit, listBudget);
  if (seed.leadIn) {
    takeItems(seed, hit);
  } else if (seed.list) {
    // Other items of the same list that answer as well come with it, under their lead-in.
    const lead = leadInOf(units, seed.index);
    const siblings = scored.filter(
      (s) =>
        s.view === best.view &&
        s.unit.list &&
        s.unit !== seed &&
        leadInOf(units, s.unit.index) === lead &&
        s.coverage >= best.coverage * 0.95 &&
        sameSet(s.own, best.own),
    );
    // "What's happened since the review came out?": what has been done is the whole of where it stands, not the item that names the review.
    if (lead && hit.section.summary && asked.perfect && !asked.future && !['where', 'who', 'when', 'which'].includes(asked.wh ?? ''))
      withItems(lead, hit);
    // One of "three core strategic functions": the item is a third of what the passage says, so the three come.
    // (Not one of ten workstreams, which is the answer itself, nor one of several that answer: those come alone.)
    else if (lead && !siblings.length && shortCounted(lead, itemsOf(units, lead.index).length)) withItems(lead, hit);
    // A short list that answers in more than one item is one statement in parts too: "A warning notice from HCC to the
    // governing body sets out the:" comes with all five, not the two that say "warning notice".
    else if (lead && siblings.length > 0 && itemsOf(units, lead.index).length <= SHORT_LIST) withItems(lead, hit);
    else if (
      lead &&
      (siblings.length > 0 ||
        !best.own.size ||
        [...best.reached].some((g) => !best.own.has(g)) ||
        // ("Who sorts out managed moves?": an item that names no one is answered by whose list it is — "The Inclusion
        // Team is responsible for:".)
        (asked.wh === 'who' && !namesSomeone(kb, seed)))
    )
      take(lead, hit, listBudget);
    for (const s of siblings.slice(0, MAX_ITEMS)) withItems(s.unit, hit);
  } else {
    // The sentences around it that add most to what is said (maximal marginal relevance): first what the
    // question asks that the answer does not state yet, then what stays on its subject; a sentence that
    // leans on the one before comes with it.
    // In a passage about what a process question asks ("how does MCR Pathways work?"), every sentence is on its subject.
    // (Its headings need not repeat the question's phrasing — "what happens when Ofsted places…" — only most of its weight.)
    const headed = [...groups.values()]
      .filter((g) => g.required && (matches(g, best.view.heading) || matchesAbove(g, best.view)))
      .reduce((a, g) => a + g.weight, 0);
    const aboutIt = asked.process && headed / total >= 0.7;
    const ownOf = (u: Unit): string[] =>
      [...groups.entries()].filter(([, g]) => g.required && (matches(g, u.stems) || (aboutIt && u.section === seed.section))).map(([key]) => key);
    const share = (keys: string[]): number => keys.reduce((a, key) => a + (groups.get(key)?.weight ?? 0), 0) / total;
    const at = new Map(run.map((u, k) => [u, k]));
    const place = (u: Unit): number => at.get(u) ?? 0;
    const seedAt = place(seed);
    const before = (u: Unit): Unit | undefined => {
      const b = run[place(u) - 1];
      return b && b.section === u.section && b.block === u.block ? b : undefined;
    };
    const candidates = run.filter(
      (u) => u !== seed && (!u.list || u.leadIn) && Math.abs(place(u) - seedAt) <= 4 && !options.exclude?.has(unitKey(u)),
    );
    for (let round = 0; round < 4; round++) {
      const stated = new Set([...chosen.values()].flatMap((c) => [...c.units.values()].flatMap(ownOf)));
      let pick: { unit: Unit; value: number; rank: number } | undefined;
      for (const u of candidates) {
        if (isChosen(u)) continue;
        const own = ownOf(u);
        const next = isChosen(before(u));
        // Between sentences that add as much, the nearer one, and one after rather than before: a passage goes on from what it has said.
        const distance = Math.abs(place(u) - seedAt) + (place(u) < seedAt ? 1.5 : 0);
        // A process goes on after the sentence that starts it: what follows on its subject is its next step.
        const onward = asked.process && place(u) > seedAt && own.length ? 0.15 : 0;
        // A question for a list, answered by the sentence that announces it ("…sets out the 9 key conditions…"), goes
        // on to the list: the lead-in after it.
        // (The lead-in right before the items, when one lead-in introduces another.)
        const announced = asked.wantsList && u.leadIn && !run[place(u) + 1]?.leadIn && place(u) > seedAt ? 0.3 : 0;
        const value =
          share(own.filter((k) => !stated.has(k))) +
          0.3 * share(own) +
          (own.length && next ? 0.1 : 0) +
          (u.leansBack && next ? 0.3 : 0) +
          onward +
          announced;
        const rank = value - 0.01 * distance;
        if (!pick || rank > pick.rank) pick = { unit: u, value, rank };
      }
      if (!pick || pick.value < 0.2) break;
      const leant = before(pick.unit);
      if (pick.unit.leansBack && leant && !isChosen(leant) && !leant.list) {
        if (length + leant.text.length + pick.unit.text.length > budgetFor || !take(leant, hitOf(leant))) break;
      }
      if (!withItems(pick.unit, hitOf(pick.unit), asked.wantsList && pick.unit.leadIn ? listBudget : budgetFor)) break;
    }
  }

  // A process the papers describe in two places ("what happens when Ofsted places a school in special
  // measures?": no warning notice is needed; a statement of action within ten days) is answered from both:
  // the best unit of another passage that answers nearly as well comes too.
  if (asked.process && share === 1 && !seed.leadIn) {
    const runnerUp = scored.find((s) => s.unit.section !== seed.section && !s.view.hit.section.overview);
    if (runnerUp && runnerUp.score >= RUNNER_UP * best.score && runnerUp.coverage >= best.coverage - RUNNER_UP_COVERAGE)
      withItems(runnerUp.unit, runnerUp.view.hit);
  }

  // What a passage says is seldom one sentence's worth: the next best units, scoring at least half as well and covering
  // nearly as much of the question, come too, within the room for a few sentences — of each document's share, in a
  // comparison ("Closely linked to … Networks and Learning Communities…" and "…establishing networks – groups of schools
  // with a formal agreement to work together…" both say what the 2004 paper meant by networks). Of the facts development
  // comparisons missed, about half were in the second or third unit of the document's ranking (40 of 83), and of those
  // other answers missed, over a third.
  // (A part of a question that names its paper — "…according to the SEND workstreams paper, and what does it decide
  // under the 2021-2026 strategy?" — is that paper's share of a comparison too. Less for another part of a longer
  // question: "…? who actually does the monitoring in each" needs room. Not after a list, which says its part whole; nor
  // for a question asking who, answered by the person; nor for one asking nothing in particular, which goes on with its
  // passage, below. A next best unit may be an item of a list, given under its lead-in: "The Vision: create learning
  // communities that embrace inclusive, solution-focused and innovative practice".)
  if (options.perDocument || (!seed.leadIn && !seed.list && !asksForPerson && !overview)) {
    const room = NEXT_ROOM * Math.min(1, (options.perDocument || asked.documents.length ? 2 : 1) * share);
    for (const s of scored.slice(1, NEXT_UNITS)) {
      if (s.score < NEXT_SCORE * best.score || s.coverage < best.coverage - NEXT_SLACK || isChosen(s.unit)) continue;
      // (Not one that lacks the date or number asked, after one that states it: "When was School Effectiveness Plus issued?"
      // is answered by its issue date, not also by "The meeting in the first half of the term…".)
      if (asked.wants && !best.features.factMissing && !statesNear(s)) continue;
      if (length + s.unit.text.length <= room) withItems(s.unit, s.view.hit, room);
    }
  }

  // A short passage that ends where the next ones begin introduces them ("…has specific powers of intervention. The
  // process for invoking these powers is outlined below."): the best unit of the passages after it goes on from it,
  // whether the headings make them its subsections or, in a paper without heading levels, its siblings. (In a part of a
  // longer question too: "What has to happen before HCC can use its formal intervention powers…, and what are those
  // powers?")
  const path = hit.section.path;
  const following = kb.sections
    .slice(seed.section + 1, seed.section + 4)
    .filter((s) => s.docId === hit.section.docId && s.path.length >= path.length && path.slice(0, -1).every((x, k) => s.path[k] === x));
  if (!seed.leadIn && !seed.list && path.length && units.length <= 2 && following[0]?.index === seed.section + 1) {
    // Scored here, as the seed's passage was: the search need not have returned them on their own.
    const onward = scoreUnits(
      kb,
      asked,
      following.map((section) => ({ ...hit, section })),
      groups,
      units.at(-1)?.pointsOn ? seed.section : undefined,
    )
      .filter((s) => !options.exclude?.has(unitKey(s.unit)))
      .sort((a, b) => b.score - a.score)[0];
    if (onward && onward.score >= ONWARD * best.score) withItems(onward.unit, onward.view.hit);
  }

  // Parts of the question still uncovered: the unit that states most of what is missing, from any passage.
  const stated = (): Set<string> => {
    const out = new Set<string>();
    for (const s of scored) if (isChosen(s.unit)) for (const g of s.reached) out.add(g);
    return out;
  };
  for (let round = 0; round < (share === 1 ? 2 : 0); round++) {
    const have = stated();
    // What the question asks about, not the verb it asks with: "places" in "when Ofsted places a school…" is not
    // found by a sentence where something "takes place".
    const missing = [...groups.entries()].filter(([key, g]) => g.required && !g.relation && !have.has(key));
    const missingWeight = missing.reduce((a, [, g]) => a + g.weight, 0);
    if (missingWeight / total < 0.15) break;
    const haveWeight = [...have].reduce((a, key) => a + (groups.get(key)?.required ? (groups.get(key)?.weight ?? 0) : 0), 0);
    // It must add what is missing and still be about what the answer is about.
    const candidate = scored.find(
      (s) =>
        !isChosen(s.unit) &&
        missing.filter(([key]) => s.own.has(key)).reduce((a, [, g]) => a + g.weight, 0) / total >= 0.15 &&
        [...s.reached].filter((key) => have.has(key)).reduce((a, key) => a + (groups.get(key)?.required ? (groups.get(key)?.weight ?? 0) : 0), 0) >=
          0.5 * haveWeight,
    );
    if (!candidate || !withItems(candidate.unit, candidate.view.hit)) break;
  }

  // The same fact in other places ("which workstreams is … on?"): units elsewhere that state what the best one states.
  // A name counts as two: "which workstreams is Helen Booth on?" is answered wherever she is named.
  const requiredOwn = [...best.own].filter((key) => groups.get(key)?.required).reduce((a, key) => a + (key.startsWith('name:') ? 2 : 1), 0);
  // What the best unit is mainly about: the groups it states that carry much of the question's weight.
  const subject = new Set([...best.own].filter((key) => (groups.get(key)?.weight ?? 0) / total >= 0.4));
  if (requiredOwn >= 2 && subject.size && !seed.leadIn && share === 1 && !asksForPerson) {
    // A restatement adds nothing; the same words somewhere else ("Helen Booth, …" under Autism after
    // Speech and Language) add where.
    const chosenUnits = (): Unit[] => [...chosen.values()].flatMap((c) => [...c.units.values()]);
    for (const s of scored) {
      if (
        s.unit.section === seed.section ||
        s.view.hit.section.overview ||
        s.coverage < best.coverage * 0.9 ||
        ![...subject].every((key) => s.own.has(key))
      )
        continue;
      if (asked.wants && !asked.wants.some((k) => s.unit.facts.has(k))) continue;
      // A restatement is a sentence or an item; a lead-in would need its whole list.
      if (s.unit.leadIn) continue;
      const saidStems = new Set(chosenUnits().flatMap((u) => [...u.stems, ...kb.headingStemsOf(u.section).path]));
      const fresh = [...s.unit.stems].filter((x) => !saidStems.has(x)).length / Math.max(1, s.unit.stems.size);
      // Where it is said, when its words do not say it: "Richard Haynes, Primary Head" under Autism, then under SpLD.
      const place = [...kb.headingStemsOf(s.unit.section).path].some((x) => !s.unit.stems.has(x) && !saidStems.has(x));
      if (fresh < 0.25 && !place) continue;
      if (!take(s.unit, s.view.hit, listBudget)) break;
      if (chosen.size >= 5) break;
    }
  }

  // A process is told in the order its passage tells it. Its steps seldom repeat the question's words ("how does a
  // letter of concern work?": who is consulted, in what circumstances, what the letter sets out, what the school must
  // then do), so sentences chosen by those words stopped at the first step or two: a question about one gets its
  // passage from the start, sentences and lists in order, as far as the budget for a passage goes.
  // (A list comes whole with its lead-in; the one that does not fit, in part and marked so. A passage split only
  // because it was long is told from where it starts.)
  if (asked.process && share === 1) {
    // (What the answer tells besides the passage's steps: the words that say its paper was replaced, which it will open
    // with, what it gives from other passages, and the stretch of this passage around its best sentence. A sentence
    // chosen further off in the passage is counted only where the passage tells it: "If a school … is unable to
    // address concerns…, a warning notice may be issued" does not crowd out "The letter of concern will outline: … an
    // action plan" before it.)
    const runSet = new Set(runSections);
    const seedAt = run.findIndex((u) => u.section === seed.section && u.index === seed.index);
    const kept = new Set<Unit>();
    for (let k = seedAt; k >= 0 && isChosen(run[k]); k--) kept.add(run[k] as Unit);
    for (let k = seedAt + 1; k < run.length && isChosen(run[k]); k++) kept.add(run[k] as Unit);
    let told =
      (supersededPreface(kb, hit.section.docId)?.length ?? 0) +
      [...chosen.entries()]
        .filter(([section]) => !runSet.has(section))
        .flatMap(([, c]) => [...c.units.values()])
        .reduce((a, x) => a + x.text.length + 1, 0) +
      [...kept].reduce((a, x) => a + x.text.length + 1, 0);
    const tell = (x: Unit): void => {
      if (!kept.has(x)) told += x.text.length + 1;
      take(x, hitOf(x), Infinity);
    };
    const fits = (extra: number): boolean => told + extra <= PROCESS_PASSAGE_BUDGET;
    // (A passage split only because it was long is told from where it starts — unless the best sentence is in a later
    // piece, after a sentence of that piece that says nothing the question asks: then from after that sentence. "How
    // does the warning notice process work?", under a heading whose first paragraphs are on letters of concern, starts
    // at "If an LA maintained school … is unable to address concerns…, a warning notice may be issued", after "Statutory
    // powers of intervention are based on the DfE's guidance…".)
    const asks = [...groups.values()].filter((g) => g.required && !g.relation);
    const sectionStart = run.findIndex((u) => u.section === seed.section);
    let start = seed.section === runSections[0] ? 0 : seedAt;
    while (start > sectionStart) {
      const previous = run[start - 1] as Unit;
      if ((!previous.list || previous.leadIn) && !asks.some((g) => matches(g, previous.stems))) break;
      start--;
    }
    if (start === sectionStart) start = 0;
    for (const u of run.slice(start)) {
      if (u.list && !u.leadIn) continue;
      const items = u.leadIn ? itemsOf(kb.unitsOf(u.section), u.index).slice(0, MAX_ITEMS) : [];
      if (!fits([u, ...items].filter((x) => !kept.has(x)).reduce((a, x) => a + x.text.length + 1, 0))) {
        // The step that does not fit whole still says what it is: a lead-in with the first few of its items that fit,
        // leaving room for the steps after it.
        const first = items[0];
        if (u.leadIn && first && fits(u.text.length + first.text.length + 2)) {
          tell(u);
          for (const item of items.slice(0, PROCESS_PREVIEW)) if (fits(item.text.length + 1)) tell(item);
          // (Marked as cut short after its last item given, so the list does not read as complete.)
          clipped.add(u);
          // The steps after it still come, in part where they do not fit whole: "what the letter sets out" after "when
          // it is sent".
          continue;
        }
        break;
      }
      tell(u);
      for (const item of items) tell(item);
    }
  }

  // A thin answer (one short sentence) goes on with the sentence that follows it in its passage, if that is short:
  // "…some parents choose to educate their children at home." says little without the next sentence.
  // "Tell me about the Difference course", "anything on home education?": a question that asks nothing in particular
  // of its subject gets a little more of the passage about it, a sentence at a time.
  const [thin, budget, most] = overview ? [OVERVIEW, OVERVIEW_BUDGET, 3] : [THIN, THIN_BUDGET, 1];
  for (let k = 0; k < most && length < thin && chosen.size === 1 && !seed.list && !seed.leadIn; k++) {
    const next = units[Math.max(...(chosen.get(seed.section)?.units.keys() ?? [])) + 1];
    if (!next || next.list || next.leadIn || !take(next, hit, budget)) break;
  }
  // "Who's in charge of refreshing the behaviour strategy…?", "who's running the SpLD workstream…?": asked who of a
  // workstream's work, answered by what the work is or where it stands, names no one — who is in charge is its lead, the
  // first person its record names ("…is led by Martin Smith…"). So is "Tell me about the SLCN workstream", which asks
  // nothing in particular: where it stands, and who leads it. (Only for a record, whose passages include the one marked
  // as its summary; and not when the question names the kind of person it asks for — "who is the independent reviewer…?"
  // is not asking for the lead.)
  const kindOfPerson = asked.terms.some((t) => t.origin === 'question' && !t.relation && namesPersons(t.word));
  const given = [...chosen.values()].flatMap((c) => [...c.units.values()]);
  if (((asksForPerson && !kindOfPerson) || (overview && share === 1)) && !given.some((u) => namesMember(kb, u, askedStems))) {
    const recordSections = sectionsUnder(kb, hit.section.docId, hit.section.path.slice(0, 1));
    const lead = recordSections.some((s) => s.summary)
      ? recordSections.flatMap((s) => kb.unitsOf(s.index)).find((u) => namesKnownPerson(kb, u))
      : undefined;
    if (lead) take(lead, hitOf(lead), Infinity);
  }
  // The sections of one run are one part, in document order, cited once.
  const runChosen = order.filter((section) => runSections.includes(section)).sort((a, b) => a - b);
  const merged = order.flatMap((section) => (section === runChosen[0] ? [runChosen] : runSections.includes(section) ? [] : [[section]]));
  const parts = merged.map((sections) => {
    const entry = chosen.get(sections[0] ?? seed.section) as { hit: Hit; units: Map<number, Unit> };
    const list = sections.flatMap((section) => [
      ...withLeadIns(kb, [...(chosen.get(section)?.units.values() ?? [])]),
      ...(continued.get(section) ?? []),
    ]);
    // A heading that names the subject of a list item must be shown, or "Helen Booth, Speech Therapist" says nothing of where.
    const label = merged.length > 1 && list.every((u) => u.list);
    // (Each list given in part is marked after the last of its items given.)
    const cuts = list
      .filter((u) => clipped.has(u))
      .flatMap((lead) => {
        const items = new Set(itemsOf(kb.unitsOf(lead.section), lead.index));
        const given = list.filter((x) => items.has(x));
        // (Not one whose items all came after all, chosen for what they say.)
        return given.length < items.size ? given.slice(-1) : [];
      });
    return { hit: entry.hit, units: list, label, ...(cuts.length ? { cuts } : {}) };
  });
  return { parts, coverage: best.coverage };
}

/**
 * A passage's chosen units in document order, where an item that comes after a sentence other than its lead-in has
 * its lead-in before it: it would read as that sentence's list ("…a warning notice may be issued." then "- initial
 * compliance period…", an item of what a warning notice sets out).
 */
function withLeadIns(kb: KnowledgeBase, units: Unit[]): Unit[] {
  const out = [...units].sort((a, b) => a.index - b.index);
  for (let i = 1; i < out.length; i++) {
    const u = out[i] as Unit;
    const before = out[i - 1] as Unit;
    if (!u.list || u.leadIn || before.list) continue;
    const lead = leadInOf(kb.unitsOf(u.section), u.index);
    if (lead && lead !== before && lead.index > before.index) out.splice(i, 0, lead);
  }
  return out;
}

/**
 * How many items a list's lead-in announces ("the five key outcomes…:", "these ten lenses…"): its one number from 2 to
 * 12, or 0. (Its stems have number words as digits already: `words` writes them so.)
 */
function announcedItems(u: Unit): number {
  const counts = [...u.stems].filter((x) => Number.isInteger(Number(x)) && Number(x) >= 2 && Number(x) <= 12);
  return counts.length === 1 ? Number(counts[0]) : 0;
}

/** Whether a lead-in announces a short list that is all there ("three core strategic functions:" and its three). */
function shortCounted(lead: Unit, items: number): boolean {
  const announced = announcedItems(lead);
  return announced <= SHORT_LIST && announced === items;
}

/** Most lines of other text (a pull-quote, its source, a caption) a list may be interrupted by and go on after. */
const LIST_INTERRUPTION = 4;

/**
 * The next `n` list items after `last`, past a short interruption, in its passage or the ones that follow in its
 * document: a list that a pull-quote cut off, or that a bold quote made look like a heading.
 */
function listContinuation(kb: KnowledgeBase, last: Unit, n: number): Unit[] {
  const out: Unit[] = [];
  let skipped = 0;
  const doc = kb.sections[last.section]?.docId;
  for (let s = last.section; s <= last.section + 2 && kb.sections[s]?.docId === doc; s++) {
    for (const u of kb.unitsOf(s)) {
      if (s === last.section && u.index <= last.index) continue;
      if (u.list && !u.leadIn) {
        if (!out.length && skipped === 0) return [];
        out.push(u);
        if (out.length === n) return out;
      } else if (out.length) return out;
      else if (++skipped > LIST_INTERRUPTION) return [];
    }
  }
  return out;
}

/** Whether a section goes on from the one before it: a long passage split in two, under the same heading. */
function continuesFrom(kb: KnowledgeBase, sectionIndex: number): boolean {
  const prev = kb.sections[sectionIndex - 1];
  const here = kb.sections[sectionIndex];
  return Boolean(prev && here && prev.docId === here.docId && prev.path.join('\u0000') === here.path.join('\u0000'));
}

/** Whether a section starts right under its heading (not a continuation passage of a long section). */
function startsUnderHeading(kb: KnowledgeBase, sectionIndex: number): boolean {
  return Boolean(kb.sections[sectionIndex]?.path.length) && !continuesFrom(kb, sectionIndex);
}

const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
