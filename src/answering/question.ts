/**
 * What a question asks, read generically: its topical words weighted by how rare they are in the
 * documents (typos corrected against the documents' own vocabulary, acronyms expanded from their
 * glossaries), the people it names and whether the documents know them, the documents it names, the
 * kind of fact its wh-phrase asks for, and whether it leans on the previous question. Nothing here
 * knows particular questions or topics.
 */
import type { PartOfSpeech } from 'wink-nlp';
import type { KnowledgeBase } from '../ingestion/knowledge-base';
import type { GlossaryEntry } from '../ingestion/knowledge-types';
import { CORPUS_NOUNS, NAMING_NOUNS, documentsNamed } from '../ingestion/document-mentions';
import { CONDITIONS } from '../ingestion/units';
import { readQuestion, tagText, type FactKind, type Token } from '../language/nlp';
import { stem } from '../language/stem';
import { readDates } from '../language/dates';
import { commonness, isEnglishWord, zipfOf } from '../language/english-frequency';
import { STOP_WORDS } from '../language/stop-words';
import doubleMetaphone from 'double-metaphone';
import { agentNouns, canBeNoun, canBeVerb, derivedWords, namesPersons, namesRelation, namesTime, sameKind, verbSynonyms } from '../language/synonyms';
import { contentStems, spellOutFused, words } from '../language/words';
import type { AnswerContext } from './answer-types';

export type TermOrigin = 'question' | 'corrected' | 'expansion' | 'context';

export interface Term {
  /** The word as searched (after correction). */
  word: string;
  stem: string;
  weight: number;
  origin: TermOrigin;
  /** Stem of the question word it stands for; expansions share their word's group. */
  group: string;
  /** For a word of a name ("St Albans"): the stems of the whole name, which must all be present. */
  phrase?: string[];
  /** Taken from the previous question, not typed in this one. */
  borrowed?: true;
  /** A verb of the question: what it asks of its subject ("places", "chairs"), often said in other words. */
  relation?: true;
  /** An adjective or adverb of the question ("extra places"): how it is put, often in other words. */
  modifier?: true;
  /** A noun qualifying the noun after it ("the headline vision"): the subject, or only how the question puts it. */
  compound?: true;
  /** The group of the noun this word stands before, qualifying it ("local offer", "learning communities"). */
  qualifies?: string;
  /** Joined to its group's word by "or" ("HfL or HCC"): either answers. */
  either?: true;
  /** An expansion of a word joined to its group's by "or": the word it expands, whose expansions go together. */
  alias?: string;
  /** Asked of this document only: the clause it is in names this document and no other the question names. */
  document?: string;
}

export interface UnknownName {
  /** As typed. */
  name: string;
  /** The documents' closest name, when there is one. */
  suggestion?: string;
}

/** One question (or one part of a two-part question). */
export interface Asked {
  text: string;
  terms: Term[];
  /** Weight of the topical words the documents never use. */
  unknownWeight: number;
  unknownWords: string[];
  /** A person named in the question who is not in the documents. */
  unknownName?: UnknownName;
  /** Ids of the documents the question names. */
  documents: string[];
  /**
   * …those it names by more than a date ("the 2004 SE+ strategy", "the 2021 paper"; not "places for 2016-17"): what a
   * conversation goes on asking of.
   */
  titled: string[];
  /** Kinds of fact the answer must state ("how many" → a number; "when" → a date). */
  wants?: FactKind[];
  /** "How many X": the stems of X. */
  counted: string[];
  /** The question's own words (lower case, dates spelled out): a fact it already states is not its answer. */
  said: ReadonlySet<string>;
  /** Stems of the months and years the question names ("the October half term"), not as a document's date: an answer must name them too. */
  dated: string[];
  /** It leans on the previous question ("and who decides that?"). */
  elliptical: boolean;
  /** It asks for several things ("what are the five priorities?", "what sort of things…"). */
  wantsList: boolean;
  /** The question word it opens with ("who", "how"…), if any. */
  wh?: string;
  /** It names the kind of answer it wants ("what role…", "which workstreams…"). */
  attribute: boolean;
  /** The stems of the nouns that name the kind of answer ("strategy" in "which SEND strategy…"). */
  answerType: string[];
  /** An acronym the question is mainly about, with its glossary entry ("What does HASSH stand for?"). */
  acronym?: GlossaryEntry;
  /** Acronyms the question is about together ("What do RAYG and KTS stand for?"), with their glossary entries. */
  acronyms?: GlossaryEntry[];
  /**
   * It asks how something goes ("how does … work?", "what happens if…?", "what's the process…"): the
   * answer is a short sequence, and a sentence that states the condition asked about answers it.
   */
  process: boolean;
  /** It asks what something is or means ("what did the 2004 paper mean by networks?", "what's a HIP?"). */
  definition: boolean;
  /** It asks about the asker's own task ("how do I apply…", "where can I park…"): papers rarely answer those. */
  ownTask: boolean;
  /**
   * It asks who holds a post ("who is the STEPS County Lead?", "what's the name of the independent reviewer?"):
   * the post as typed. Only a passage that names someone answers it; one that mentions the post does not.
   */
  holderOf?: string;
  /**
   * It asks which members a counted group has ("which 11 secondary schools…?"): the group as typed. A passage
   * that only restates the count does not answer it.
   */
  membersOf?: string;
  /**
   * It asks nothing but something of the one document it names ("when was SE+ published?", "how old is the
   * 2004 strategy?"): when the passages do not answer it, the document's About passage does (its date, whether
   * it is current).
   */
  ofDocument: boolean;
  /** It asks what will happen ("what will the QSO workstream do?"): plans, not where things stand. */
  future: boolean;
  /**
   * It asks when something may be done ("when can HCC issue a letter of concern?"): in what circumstances, as
   * much as at what date. A passage without a date may answer it.
   */
  circumstance: boolean;
  /** It asks what must be done ("what does HCC have to do…", "must", "need to"). */
  obligation: boolean;
  /** It asks what has happened so far ("what's been done on outreach?"): progress, not plans. */
  perfect: boolean;
  /** It asks again what the last question asked, of a new subject ("what about the SpLD one?" after "who leads…?"). */
  asksAgain: boolean;
  /** Its topical words as typed, with what it borrowed: the subject the next question may lean on. */
  subject: string;
  /** What it asked of its subject ("leads" in "who leads the SpLD workstream?"): "what about autism?" asks it again. */
  relation: string;
}

/** Parts of speech that never carry a question's topic. */
const FUNCTION_POS: ReadonlySet<PartOfSpeech> = new Set(['PUNCT', 'SYM', 'SPACE', 'INTJ', 'DET', 'PRON', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'AUX']);
/** Words that point back at what was just discussed ("which one is it aligned with?"). */
const POINTERS = new Set(['it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'he', 'she', 'him', 'her', 'his', 'there', 'one']);
/** Currencies, as words and as symbols ("how many £…", "the value in pounds"). */
const CURRENCY = new Set(['£', '$', '€', 'pounds', 'gbp', 'sterling', 'quid']);
/** The stems of words for money in general ("the money for outreach"), which a passage stating a sum says. */
const MONEY_STEMS = new Set(['money', 'cash', 'pound', 'quid']);
export const namesMoney = (stemmed: string): boolean => MONEY_STEMS.has(stemmed);
/** Nouns that ask for figures ("any numbers on…", "what stats…"). */
const FIGURE_NOUNS = new Set(['numbers', 'figures', 'figure', 'stats', 'stat', 'statistics', 'statistic']);
/** Prepositions that set what follows in time ("since covid", "b4 the pandemic"). */
const TIME_PREPOSITIONS = new Set(['since', 'before', 'b4', 'after', 'during', 'until', 'till']);
/** Pointers to a person ("she", "his"). */
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers']);
/**
 * Pointers that stand for what the question asks about ("who would chair it?", "what are they taking to the Exec?"),
 * and a demonstrative standing alone for the last answer's subject ("does that apply to academies too?").
 */
const OBJECT_PRONOUNS = new Set(['it', 'them', 'him', 'her', 'they', 'that', 'this']);
/** Pointers that make what they point back at the possessor of what is asked ("its status", "their members"). */
const POSSESSIVES = new Set(['its', 'their', 'his', 'her']);
/** Auxiliaries of the future ("what will it do?") and of the perfect ("what has it done?"). */
const FUTURE = new Set(['will', 'shall', "'ll"]);
const PERFECT = new Set(['has', 'have', 'had', "'ve", 'been']);
/** How much more often the papers write a word than a clipping of it they also write, for the clipping to stand for it. */
const CLIPPED_RATIO = 5;
/** How much more often the papers write a word a slip begins than the word a swap or its sound makes, for the slip to be a clipping of it. */
const CLIPPED_OVER = 3;
/** Below this frequency in English (Zipf scale) a word may be a clipping ("exec", "psych"); above it, a word in its own right ("main"). */
const CLIPPING_ZIPF = 4;
/** Question words typed with their 's ("whats happened"), which may be "has". */
const HAS_FUSED = new Set(['whats', 'whos', 'hows', 'wheres', 'thats', 'its']);
/** A verb in a past form ("happened", "changed", "gone"): not its dictionary form, nor an -ing form. */
const participle = (t: Token | undefined): boolean => t?.pos === 'VERB' && t.text.toLowerCase() !== t.lemma.toLowerCase() && !/ing$/i.test(t.text);
/** Words that make a question ask for a sum of money ("how much does it cost", "what's the budget for…"). */
const MONEY_WORDS = new Set(['cost', 'costs', 'worth', 'price', 'pay', 'paid', 'spend', 'spent', 'charge', 'fee', 'fees', 'money', 'budget']);
/** Nouns for the circumstances in which something happens, when a question asks for that kind of answer. */
const CIRCUMSTANCE_NOUNS = new Set(['situation', 'circumstance', 'condition']);
/** Verbs of what may or should be done ("when can…", "when should…"); "will" says when it is planned. */
const MODALS = new Set(['can', 'could', 'may', 'might', 'should', 'must', 'would']);
/** Question words that open a clause: where a two-part question divides. */
const WH = new Set(['who', 'whom', 'whose', 'what', 'whats', 'when', 'where', 'why', 'how', 'which']);
/** The question words by the Double Metaphone code of how they sound ("what": AT; "who" and "why" share A). */
const WH_BY_SOUND = new Map<string, string[]>();
for (const w of WH) {
  const [code] = doubleMetaphone(w);
  WH_BY_SOUND.set(code, [...(WH_BY_SOUND.get(code) ?? []), w]);
}
/** "Any news on X", "an update on X", "the latest on X": the noun before these frames the question; X is its subject. */
const ABOUT = new Set(['on', 'about', 'regarding', 're', 'with', 'between']);

/** Nouns that ask how something goes ("what's the process for…", "what are the steps for…"): the frame, not the subject. */
const PROCESS_NOUNS = new Set(['process', 'procedure', 'step', 'stage']);

/** Two words that set aside what follows them ("rather than a maintained school"). */
const CONTRASTS = new Set(['rather than', 'instead of']);

/** Particles that make a phrasal verb ("set up", "reporting back"). */
const PARTICLES = new Set(['up', 'out', 'off', 'on', 'in', 'over', 'back']);

/** A later part of a message with at most this many words of its own asks of the message's subject (development sets: 2–3 alike, 1 and 4 less). */
const SHORT_PART = 2;
const EXPANSION_FACTOR = 0.5;
const CORRECTED_FACTOR = 0.9;
const CONTEXT_FACTOR = 0.6;
const FRAME_FACTOR = 0.15;
/** What can stand as the subject after an auxiliary that opens a yes/no question. */
const SUBJECTS: ReadonlySet<string> = new Set(['PRON', 'DET', 'PROPN', 'NOUN']);
/** Punctuation between the clauses of a question. */
const CLAUSE_BREAKS = new Set([',', ';', ':', '?', '.', '!', '-', '–', '—']);
/** A verb's synonym counts only if it is at least this rare in the papers, relative to the verb (idf ratio). */
const SYNONYM_COMMONNESS = 0.8;
const ANSWER_TYPE_FACTOR = 0.5;
/** Verbs at least this common in everyday English (Zipf; do, get, go, have, know, come, see, want…) are light: phrasing, not subject. */
const LIGHT_VERB_ZIPF = 6.3;
/** …and adverbs this common ("even", "still", "really", "just"; not "together", 5.6), chosen on development questions (5.5 and 5.0 scored the same). */
const LIGHT_ADVERB_ZIPF = 5.8;
/** Everyday verbs and adjectives vary with phrasing ("set up", "driving", "main"); the nouns name the subject. */
const VERB_FACTOR = 0.6;

/** Whether the papers write the words of a verb's stem mostly as that verb (its -s, -ed, -ing forms), not as nouns or adverbs made from it. */
function mostlyVerb(kb: KnowledgeBase, verb: string): boolean {
  let known = verbForms.get(kb);
  if (!known) verbForms.set(kb, (known = new Map()));
  let answer = known.get(verb);
  if (answer === undefined) known.set(verb, (answer = countsMostlyAsVerb(kb, verb)));
  return answer;
}
const verbForms = new WeakMap<KnowledgeBase, Map<string, boolean>>();

function countsMostlyAsVerb(kb: KnowledgeBase, verb: string): boolean {
  const st = stem(verb);
  const base = verb.endsWith('e') ? verb.slice(0, -1) : verb;
  const forms = new Set([verb, `${verb}s`, `${verb}es`, `${base}ed`, `${base}ing`]);
  let asVerb = 0;
  let all = 0;
  for (const [w, n] of kb.words.atPrefix(st.slice(0, 3))) {
    if (stem(w) !== st) continue;
    all += n;
    if (forms.has(w)) asVerb += n;
  }
  return asVerb * 2 >= all;
}

/** Inverse section frequency of a stem; unknown stems weigh as the rarest. */
export function idf(kb: KnowledgeBase, st: string): number {
  return Math.log(1 + kb.sections.length / ((kb.df.get(st) ?? 0) + 0.5));
}

const known = (kb: KnowledgeBase, w: string): boolean => kb.vocabulary.has(w) || (kb.df.get(stem(w)) ?? 0) > 0;

/** Optimal-string-alignment distance (adjacent swaps cost one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The closest corpus word within the edits a word of this length allows, and whether the documents write it as a name;
 * failing that, the commonest corpus word a clipped word begins ("ed psych", "the exec"): people shorten long words.
 */
function closestWord(kb: KnowledgeBase, word: string): { word: string; name: boolean } | null {
  if (/\d/.test(word) || word.length < 4) return null;
  if (word.length < 5) return completion(kb, word);
  const hits = kb.words.fuzzyGet(word, word.length >= 8 ? 2 : 1);
  let best: string | null = null;
  let bestKey: [number, number] = [Infinity, 0];
  for (const [candidate, [freq]] of hits) {
    const distance = editDistance(word, candidate);
    if (distance < bestKey[0] || (distance === bestKey[0] && freq > bestKey[1])) {
      best = candidate;
      bestKey = [distance, freq];
    }
  }
  // Two letters swapped ("inclusoin") is one slip, though it costs two plain edits.
  if (!best) {
    // (Or the start of a longer word the papers write far more: "strat" is "strategy" more likely than "start".)
    const clipped = completion(kb, word);
    const more = (w: string): boolean =>
      Boolean(clipped) && (kb.vocabulary.get(clipped?.word ?? '') ?? 0) > CLIPPED_OVER * (kb.vocabulary.get(w) ?? 0);
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
      if (kb.vocabulary.has(swapped)) return more(swapped) ? clipped : { word: swapped, name: kb.nameWords.has(swapped) };
    }
    const sound = soundsLike(kb, word);
    return sound && !more(sound.word) ? sound : (clipped ?? sound);
  }
  return { word: best, name: kb.nameWords.has(best) };
}

/** The corpus words by the Double Metaphone code of how they sound, worked out once per vocabulary. */
const bySound = new WeakMap<ReadonlyMap<string, number>, Map<string, string[]>>();

/**
 * The commonest corpus word spelt as it sounds, two edits away at most ("skool", "skools"): people type casual
 * questions by ear. Not a name: a surname that sounds like another ("Jonas", "Jones") is someone else.
 */
function soundsLike(kb: KnowledgeBase, word: string): { word: string; name: boolean } | null {
  let index = bySound.get(kb.vocabulary);
  if (!index) {
    index = new Map();
    for (const w of kb.vocabulary.keys()) {
      if (kb.nameWords.has(w) || /\d/.test(w)) continue;
      const [code] = doubleMetaphone(w);
      const same = index.get(code);
      if (same) same.push(w);
      else index.set(code, [w]);
    }
    bySound.set(kb.vocabulary, index);
  }
  const [code] = doubleMetaphone(word);
  const candidates = (index.get(code) ?? []).filter((w) => editDistance(word, w) <= 2);
  const best = candidates.sort((a, b) => (kb.vocabulary.get(b) ?? 0) - (kb.vocabulary.get(a) ?? 0))[0];
  return best ? { word: best, name: false } : null;
}

/**
 * The commonest corpus word that a clipped word begins and is clearly shorter than — not a person's name
 * (a word written only with a capital counts when English has it: "Educational Psychology Services").
 */
function completion(kb: KnowledgeBase, clipped: string): { word: string; name: boolean } | null {
  let best: { word: string; freq: number } | null = null;
  for (const [candidate, freq] of kb.words.atPrefix(clipped)) {
    if (candidate.length < clipped.length + 3 || (kb.nameWords.has(candidate) && !isEnglishWord(candidate))) continue;
    if (!best || freq > best.freq) best = { word: candidate, freq };
  }
  return best && { word: best.word, name: false };
}

/** The name inside a heading that initials typed in capitals stand for ("AP" → Alternative Provision), if any. */
function typedInitials(kb: KnowledgeBase, w: Word): GlossaryEntry | undefined {
  return /^[A-Z]{2,}$/.test(w.token.text) ? kb.typedInitials.get(w.text) : undefined;
}

interface Word {
  text: string;
  token: Token;
  /** Index of the wink token it came from. */
  tokenIndex: number;
  capitalised: boolean;
  /** Written in quotes ("what does the 'plus' in SE+ mean"): the asker's own term, even if a common word. */
  quoted: boolean;
  /** The token after its own, lower case: a symbol ("£" in "how many £…") is no word of the list. */
  after: string;
}

/** The stems of a name's words, and the term group that keeps them together. */
const nameStems = (list: readonly Word[], name: readonly number[]): string[] => name.map((n) => stem(list[n]?.text ?? ''));
const nameGroup = (stems: readonly string[]): string => `name:${stems.join(' ')}`;
/** Indefinite pronouns ("anything similar"). */
const INDEFINITES = new Set(['anything', 'something', 'nothing', 'everything']);

/** Words that point back at something named before ("that work"). */
const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those']);

/** How common a word must be in English to be the kind of thing a name is: "work", not "course" (chosen on development questions). */
const CLASS_NOUN_ZIPF = 5.9;

/**
 * "The Quality SEND Offer work", "who's leading that work?": an everyday noun right after a name a heading gives, or
 * after a word pointing back at one, is the kind of thing that name is (its workstream), not what is asked about it.
 */
function classNoun(kb: KnowledgeBase, tokens: readonly Token[], w: Word): boolean {
  if (w.token.pos !== 'NOUN' || zipfOf(w.token.lemma.toLowerCase()) < CLASS_NOUN_ZIPF) return false;
  // ("Who's leading that work?": so is one after a demonstrative, which points back at the name.)
  if (DEMONSTRATIVES.has(tokens[w.tokenIndex - 1]?.text.toLowerCase() ?? '')) return true;
  for (let m = 1; m <= 6 && m <= w.tokenIndex; m++) {
    const before = tokens.slice(w.tokenIndex - m, w.tokenIndex).map((t) => t.text.toLowerCase());
    if (kb.headingNames.has(before.join(' '))) return true;
    // ("the QSO work": initials of such a name.)
    if (m === 1 && headingNameOfInitials(kb, before[0] ?? '')) return true;
  }
  return false;
}

/** The words of the name a heading gives that a word is the initials of ("qso" → "quality send offer"), if any. */
function headingNameOfInitials(kb: KnowledgeBase, word: string): string[] | undefined {
  const initials = kb.acronyms.get(word) ?? kb.typedInitials.get(word);
  const name = initials ? words(initials.expansion) : [];
  return name.length && kb.headingNames.has(name.join(' ')) ? name : undefined;
}

/** A name of one word at least this common in English is an everyday word too ("difference"), not a thing's name alone. */
const EVERYDAY_NAME_ZIPF = 4.5;

const headingNameStems = new WeakMap<KnowledgeBase, Set<string>>();

/** The names the headings give, as stems joined by spaces ("action group" is the heading "Action groups"), worked out once. */
function headingStems(kb: KnowledgeBase): Set<string> {
  let out = headingNameStems.get(kb);
  if (!out) headingNameStems.set(kb, (out = new Set([...kb.headingNames].map((n) => n.split(' ').map(stem).join(' ')))));
  return out;
}

/**
 * The longest name a heading gives that a question typed, or typed the initials of, as its content stems — when half of
 * them or more are among `borrowed` (it is still the conversation's subject). Not words that named a document ("the SEND
 * workstreams paper"), nor one everyday word ("the difference" is a course, and a word of every paper).
 */
function headingNameIn(kb: KnowledgeBase, question: string, borrowed: readonly Word[]): Set<string> | undefined {
  const ws = words(question);
  const have = new Set(borrowed.map((w) => stem(w.text)));
  const naming = documentsNamed(kb.documentKeys, ws).used;
  // (Headings name things in eight words or fewer: "the partnership between HCC and HfL with maintained schools…" is a topic.)
  for (let len = Math.min(8, ws.length); len >= 1; len--)
    for (let i = 0; i + len <= ws.length; i++) {
      const phrase = ws.slice(i, i + len);
      if (phrase.some((_, k) => naming.has(i + k))) continue;
      let name = headingStems(kb).has(phrase.map(stem).join(' ')) ? phrase : undefined;
      if (!name && len === 1) name = headingNameOfInitials(kb, phrase[0] ?? '');
      if (!name) continue;
      const stems = new Set(contentStems(name.join(' ')));
      const content = name.filter((x) => stems.has(stem(x)));
      if (content.length === 1 && zipfOf(content[0] ?? '') >= EVERYDAY_NAME_ZIPF) continue;
      if (stems.size && [...stems].filter((x) => have.has(x)).length * 2 >= stems.size) return stems;
    }
  return undefined;
}

/** "The process for…", "the procedures", "the steps": a noun that asks how something goes (not one naming what another noun is of: "the steps county lead"). */
const processNoun = (w: Word, tokens: readonly Token[]): boolean =>
  w.token.pos === 'NOUN' && PROCESS_NOUNS.has(w.token.lemma.toLowerCase()) && !['NOUN', 'PROPN', 'NUM'].includes(tokens[w.tokenIndex + 1]?.pos ?? '');

function wordsOf(tokens: Token[]): Word[] {
  const out: Word[] = [];
  let quoted = false;
  tokens.forEach((token, tokenIndex) => {
    // A quote opens after a space and closes an open one; an apostrophe on a word ("schools'") is neither.
    if (/^["'‘’“”]$/.test(token.text)) {
      const previous = tokens[tokenIndex - 1];
      if (quoted) quoted = false;
      else if (!previous || previous.end < token.start) quoted = true;
    }
    const after = tokens[tokenIndex + 1]?.text.toLowerCase() ?? '';
    for (const text of words(token.text)) out.push({ text, token, tokenIndex, capitalised: /^[A-Z][a-z]/.test(token.text), quoted, after });
  });
  return out;
}

/** Parts of speech a word of a name can have. */
const NAME_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'X']);

/**
 * A run of words that reads as a person's name: words the documents only write as names, and unknown
 * words beside them or typed with a capital. Each adjacent pair must stand together in the documents,
 * or the person is not in them.
 */
function checkNames(kb: KnowledgeBase, list: Word[], skip: Set<number>): { unknown?: UnknownName; used: Map<number, number[]> } {
  /** Word index → the indices of its whole name. */
  const used = new Map<number, number[]>();
  let i = 0;
  while (i < list.length) {
    // A word the papers only ever capitalise ("Since" opening a sentence, "Heads" in a title) is a name only where the
    // question uses it as one: not as a conjunction or a verb ("herts since b4 covid", "do heads n govs get a say").
    const nameWordAt = (k: number): boolean => {
      const w = list[k];
      return (
        w !== undefined &&
        kb.nameWords.has(w.text) &&
        !STOP_WORDS.has(w.text) &&
        !FUNCTION_POS.has(w.token.pos) &&
        // ("Leise Cooper": a capitalised name the tagger read as a verb is still a name; so is "sue" before a surname.)
        (NAME_POS.has(w.token.pos) || w.capitalised || (w.token.pos === 'VERB' && surnameAt(k + 1)))
      );
    };
    const surnameAt = (k: number): boolean => {
      const w = list[k];
      return w !== undefined && (kb.nameWords.has(w.text) || (!known(kb, w.text) && !isEnglishWord(w.text) && NAME_POS.has(w.token.pos)));
    };
    const isNameWord = (k: number): boolean => {
      const w = list[k];
      if (!w || skip.has(k)) return false;
      if (nameWordAt(k)) return true;
      // "Martin Short": a capitalised word after a name word, that the papers write as someone's surname ("John Short"), is
      // part of the name — whether or not they also write it as a word.
      if (w.capitalised && nameWordAt(k - 1) && kb.surnames.has(w.text)) return true;
      return (
        !known(kb, w.text) &&
        !STOP_WORDS.has(w.text) &&
        NAME_POS.has(w.token.pos) &&
        (w.capitalised ||
          // (A short word typed in lower case — "atm", "n", "b4" — is too ambiguous to join a name beside it.)
          ((nameWordAt(k - 1) || nameWordAt(k + 1)) && w.text.length > 3) ||
          closestWord(kb, w.text)?.name === true)
      );
    };
    if (!isNameWord(i)) {
      i++;
      continue;
    }
    let j = i;
    while (isNameWord(j + 1)) j++;
    const run = list.slice(i, j + 1);
    const anyUnknown = run.some((w) => !known(kb, w.text));
    const mid = run[0]?.token.start !== 0;
    const namelike =
      run.some((w) => kb.nameWords.has(w.text)) || run.some((w) => w.capitalised && mid) || run.some((w) => closestWord(kb, w.text)?.name);
    if (namelike && (run.length >= 2 || anyUnknown)) {
      const attested =
        run.length >= 2
          ? run.slice(1).every((w, k) => kb.namePairs.has(`${run[k]?.text} ${w.text}`)) ||
            standTogether(
              kb,
              run.map((w) => w.text),
            )
          : kb.nameWords.has(run[0]?.text ?? '');
      const typed = run
        .map((w) => w.token.text)
        .filter((t, k, all) => all.indexOf(t) === k)
        .join(' ');
      if (!attested)
        return {
          unknown: {
            name: typed,
            suggestion: suggestName(
              kb,
              run.map((w) => w.text),
            ),
          },
          used,
        };
      const run_ = Array.from({ length: j - i + 1 }, (_, k) => i + k);
      for (const k of run_) used.set(k, run_);
    }
    i = j + 1;
  }
  return { used };
}

/**
 * Whether the documents use these words together, in any order, within a few words of each other in a passage or
 * its heading: "St Albans Diocese" is the "Diocese of St Albans"; "Glenys James" stands nowhere.
 */
function standTogether(kb: KnowledgeBase, names: string[]): boolean {
  if (names.some((w) => !known(kb, w))) return false;
  // (By stem: "the St Albans dioceses" are the Diocese of St Albans.)
  const stems = names.map(stem);
  for (const hit of kb.index.search(names.join(' '), { combineWith: 'AND', prefix: false, fuzzy: false })) {
    // A heading counts: "Diocese of Westminster Education Service" heads the section that never names it again.
    const headings = (kb.sections[hit.id as number]?.path ?? []).map((h) => words(h));
    for (const w of [...kb.wordsOf(hit.id as number), ...headings].map((ws) => ws.map(stem))) {
      if (!stems.every((n) => w.includes(n))) continue;
      for (let i = 0; i < w.length; i++) {
        const window = new Set(w.slice(i, i + 6));
        if (stems.every((n) => window.has(n))) return true;
      }
    }
  }
  return false;
}

/** The documents' name closest to an unknown one: each word kept or swapped for a near name word, every pair attested. */
function suggestName(kb: KnowledgeBase, run: string[]): string | undefined {
  let best: { name: string[]; cost: number } | undefined;
  for (const pair of kb.namePairs) {
    const [a, b] = pair.split(' ') as [string, string];
    for (let k = 0; k + 1 < run.length || (run.length === 1 && k === 0); k++) {
      const x = run[k] ?? '';
      const y = run[k + 1];
      const cost = y === undefined ? Math.min(editDistance(x, a), editDistance(x, b)) : editDistance(x, a) + editDistance(y, b);
      const limit = Math.max(2, Math.floor((x.length + (y?.length ?? 0)) / 3));
      if (cost <= limit && (!best || cost < best.cost))
        best = { name: y === undefined ? [editDistance(x, a) <= editDistance(x, b) ? a : b] : [a, b], cost };
      if (run.length === 1) break;
    }
  }
  return best?.name.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(' ');
}

/**
 * The fact kinds a wh-phrase asks for, what "how many" counts, and the positions of the words that only name the
 * kind of fact asked ("what *percentage*…", "how much *money*…"): part of the question word, not its subject.
 */
function wanted(list: Word[]): { wants?: FactKind[]; counted: string[]; kindWords?: number[] } {
  const first = list.slice(0, 3).map((w) => w.text);
  const at = (i: number): string | undefined => first[i];
  if (
    (at(0) === 'how' && (at(1) === 'many' || at(1) === 'much')) ||
    (at(0) === 'what' && (at(1) === 'percentage' || at(1) === 'proportion')) ||
    (at(1) === 'number' && at(2) === 'of')
  ) {
    const start = list.findIndex((w) => w.text === 'many' || w.text === 'of');
    // "how many extra special school places": every word of the phrase, its head noun ("places") included. (On past an
    // "of" inside it: "how many c of e schools…" counts schools, not "c"; and past "and": "how many heads and parents…"
    // counts both, as "134 headteachers and parents" does.)
    const counted = nounPhrase(list, start + 1, (w, phrase) => ['of', 'and', 'or'].includes(w.text) && phrase.length > 0)
      .filter((w) => !['of', 'and', 'or'].includes(w.text))
      .slice(0, 5)
      .map((w) => stem(w.text));
    // "How much does it cost / is it worth": a sum of money, not any quantity. So is "how many £…", "how many pounds…".
    const inCurrency = at(1) === 'many' && CURRENCY.has(list[1]?.after ?? '');
    const money = (at(1) === 'much' && list.some((w) => MONEY_WORDS.has(w.text))) || inCurrency;
    // "What percentage…": a percentage, not any number.
    const percent = at(1) === 'percentage';
    const kindWords = money ? moneyWords(list) : at(0) === 'what' && (percent || at(1) === 'proportion') ? [1] : [];
    return {
      wants: money ? ['money'] : percent ? ['percent'] : ['number', 'money', 'percent', 'duration'],
      counted: at(1) === 'many' && !inCurrency ? counted : [],
      kindWords,
    };
  }
  // "What date…", "what's the exact date…", "which year…": the noun the question word asks for.
  const askedNoun = ['what', 'whats', 'which'].includes(at(0) ?? '') ? list.slice(1, 5).find((w) => w.token.pos === 'NOUN')?.text : undefined;
  // "What time does the school day start?": a time of day.
  if (askedNoun === 'time' && at(1) === 'time') return { wants: ['time'], counted: [] };
  if (
    at(0) === 'when' ||
    at(0) === 'whens' ||
    (at(0) === 'by' && at(1) === 'when') ||
    ['date', 'day', 'year', 'month', 'time'].includes(askedNoun ?? '') ||
    (at(0) === 'how' && at(1) === 'long')
  ) {
    return { wants: ['date', 'time', 'duration'], counted: [] };
  }
  // "What's the cost per person…", "what is the total budget for…": the noun asked for is a sum of money.
  if (MONEY_WORDS.has(askedNoun ?? '')) return { wants: ['money'], counted: [], kindWords: moneyWords(list) };
  // "…the value of the contract in pounds?": a sum of money.
  if (list.some((w) => CURRENCY.has(w.text))) return { wants: ['money'], counted: [], kindWords: moneyWords(list) };
  return { counted: [] };
}

/**
 * The kind of fact a question asks for by a noun rather than a question word, and where that noun is:
 * - "do they give any numbers on disadvantaged kids?", "what figures does the 2023 paper give…?": figures are numbers,
 *   however the question is put — but not in a question asking how something is done ("how were special school place
 *   numbers worked out?");
 * - "is there a deadline for governors once a warning notice lands?", "what's the time period…": a stretch or point of
 *   time (a noun WordNet files under time) asked for near the start, after its article and heading its phrase, is a
 *   date or duration — not "the summer one" (a modifier) or "in the autumn term" (after a preposition).
 */
function kindNoun(list: Word[], tokens: readonly Token[], asksHow: boolean): { wants: FactKind[]; at: number } | undefined {
  const figures = asksHow ? -1 : list.findIndex((w) => w.token.pos === 'NOUN' && FIGURE_NOUNS.has(w.text));
  if (figures >= 0) return { wants: ['number', 'percent', 'money'], at: figures };
  const time = list
    .slice(0, 4)
    .findIndex(
      (w, k) =>
        w.token.pos === 'NOUN' &&
        tokens[w.tokenIndex - 1]?.pos === 'DET' &&
        !['ADP', 'NUM'].includes(list[k - 2]?.token.pos ?? '') &&
        ['ADP', 'PUNCT', 'VERB', 'AUX', 'SCONJ', undefined].includes(tokens[w.tokenIndex + 1]?.pos) &&
        namesTime(w.text),
    );
  return time >= 0 ? { wants: ['date', 'time', 'duration'], at: time } : undefined;
}

/** Where a question asking for a sum says "money". */
const moneyWords = (list: Word[]): number[] => list.flatMap((w, k) => (w.text === 'money' ? [k] : []));

/** The noun phrase from `start`: its nouns, names and adjectives up to the first other word ("extra special school places"). */
function nounPhrase(list: Word[], start: number, alsoTakes: (w: Word, phrase: Word[]) => boolean = () => false): Word[] {
  const phrase: Word[] = [];
  for (const w of list.slice(start)) {
    if (!['NOUN', 'PROPN', 'ADJ'].includes(w.token.pos) && !alsoTakes(w, phrase)) break;
    phrase.push(w);
  }
  return phrase;
}

/** "How do I…", "where can we…", "can I…": the subject is the asker. */
function asksOwnTask(list: Word[]): boolean {
  const firstPerson = (w: Word | undefined): boolean => w !== undefined && (w.text === 'i' || w.text === 'we');
  return list.slice(0, 4).some((w, i) => firstPerson(w) && i > 0 && (list[i - 1]?.token.pos === 'AUX' || list[i - 1]?.token.pos === 'VERB'));
}

/** Nouns for a post someone holds: "who is the <post>?" asks for a person, not a description of the post. */
const POSTS = new Set([
  'lead',
  'leader',
  'director',
  'reviewer',
  'chair',
  'chairman',
  'chairperson',
  'contact',
  'officer',
  'head',
  'headteacher',
  'manager',
  'coordinator',
  'commissioner',
  'member',
  'adviser',
  'advisor',
  'consultant',
  'secretary',
  'inspector',
  'psychologist',
]);

/**
 * "Who is the <post>…?", "who's the <post>…?", "what's the name of the <post>…?": the post, as typed, when
 * the question asks who holds it. The post is the noun phrase after "the" up to its first preposition or
 * verb, and its last noun must name a post ("the Hertfordshire STEPS County Lead", "the independent
 * reviewer"). "Who is the programme aimed at?" asks something else: it ends on a preposition.
 */
function askedHolder(list: Word[]): string | undefined {
  const at = (i: number): string | undefined => list[i]?.text;
  let start = -1;
  if (at(0) === 'who') {
    // "who's the…", "who is the…", "who exactly is the…"
    let i = 1;
    while (list[i]?.token.pos === 'ADV') i++;
    if (['is', 'was', 's'].includes(at(i) ?? '')) i++;
    if (at(i) === 'the') start = i + 1;
  } else {
    const name = list.findIndex((w, i) => w.text === 'name' && at(i + 1) === 'of' && at(i + 2) === 'the');
    if (name >= 0 && name <= 3 && ['what', 'whats', 'who'].includes(at(0) ?? '')) start = name + 3;
  }
  if (start < 0 || list[list.length - 1]?.token.pos === 'ADP') return undefined;
  // A post's own word may be tagged as a verb ("the STEPS County Lead").
  const phrase = nounPhrase(list, start, (w, sofar) => sofar.length > 0 && POSTS.has(w.text));
  const head = phrase[phrase.length - 1];
  if (!head || !POSTS.has(head.text)) return undefined;
  return phrase.map((w) => w.token.text).join(' ');
}

/** "Which 11 secondary schools…", "what are the nine DSPL groups": a number, then what it counts. */
function askedMembers(list: Word[], tokens: readonly Token[]): string | undefined {
  if (!['which', 'what', 'whats'].includes(list[0]?.text ?? '')) return undefined;
  // (A count, not a year, nor a sum: "what is the £310k budget for?")
  const at = list.findIndex(
    (w, i) =>
      i <= 3 && w.token.pos === 'NUM' && !/^(19|20)\d\d$/.test(w.text) && /^\d+$/.test(w.text) && !CURRENCY.has(tokens[w.tokenIndex - 1]?.text ?? ''),
  );
  if (at < 0) return undefined;
  const phrase = [list[at] as Word, ...nounPhrase(list, at + 1)];
  return phrase.length > 1 ? phrase.map((w) => w.token.text).join(' ') : undefined;
}

/**
 * The noun a "which"/"what" question names the kind of its answer by: the last noun of the phrase after the question
 * word, before its verb ("which SEND strategy does…" → strategy; "what role do DSPL groups have" → role).
 */
function kindAsked(list: Word[], acronym: (w: string) => boolean): string[] {
  if (!['which', 'what', 'whats'].includes(list[0]?.text ?? '')) return [];
  let k = 1;
  while (['NOUN', 'PROPN', 'ADJ'].includes(list[k]?.token.pos ?? '') || acronym(list[k]?.text ?? '')) k++;
  const head = list[k - 1];
  return k > 1 && head?.token.pos === 'NOUN' && ['AUX', 'VERB'].includes(list[k]?.token.pos ?? '') ? [stem(head.text)] : [];
}

/** "Which officer leads on ENF?", "what people sit on it?": a question for a kind of person asks who. */
const asksWhoBy = (q: Word[]): boolean => ['which', 'what'].includes(q[0]?.text ?? '') && q[1]?.token.pos === 'NOUN' && namesPersons(q[1].text);

/** "What are…", "which … (plural noun)", "what sort of things…": the answer is a list. */
function asksForSeveral(list: Word[]): boolean {
  // "Can u list the conditions…", "please list…": a request to list, however it opens.
  if (list.slice(0, 4).some((w, k) => w.text === 'list' && (k === 0 || w.token.pos === 'VERB' || list[k + 1]?.token.pos === 'DET'))) return true;
  const first = list[0]?.text;
  if (first !== 'what' && first !== 'which' && first !== 'whats' && first !== 'list') return false;
  if (
    first === 'list' ||
    list[1]?.text === 'are' ||
    list[1]?.text === 'were' ||
    list[list.length - 1]?.text === 'are' ||
    list[list.length - 1]?.text === 'were'
  )
    return true;
  // "What kind of…", "what sort of…", "what types of…"
  if (['kind', 'kinds', 'sort', 'sorts', 'type', 'types'].includes(list[1]?.text ?? '') && list[2]?.text === 'of') return true;
  // (A plural noun, unless "is" says it names one thing: "what even is steps?")
  return list
    .slice(1, 5)
    .some((w, k) => w.token.pos === 'NOUN' && w.token.lemma !== w.token.text.toLowerCase() && /s$/i.test(w.token.text) && list[k]?.text !== 'is');
}

/**
 * "What even is steps?": a verb with the -s of the present right after "is" cannot be one; the tagger has read the
 * subject ("Steps") as a verb.
 */
function nounAfterBe(tokens: Token[]): void {
  tokens.forEach((t, i) => {
    const be = tokens[i - 1];
    if (
      t.pos === 'VERB' &&
      /s$/i.test(t.text) &&
      t.text.toLowerCase() !== t.lemma.toLowerCase() &&
      be?.pos === 'AUX' &&
      be.lemma.toLowerCase() === 'be'
    )
      tokens[i] = { ...t, pos: 'NOUN' };
  });
}

/**
 * "How does the current strategy measure HfL's performance?", "how does HfL spot a school…?": with "do" and no verb
 * after it, the tagger has read the verb as one more noun of the subject. It is the last noun of that run, after
 * the first, that English uses as a verb, in its bare form.
 */
function hiddenVerb(tokens: Token[]): void {
  const doAt = tokens.findIndex((t) => t.pos === 'AUX' && ['do', 'does', 'did'].includes(t.text.toLowerCase()));
  if (doAt < 0) return;
  let k = doAt + 1;
  while (['DET', 'NUM', 'ADJ'].includes(tokens[k]?.pos ?? '')) k++;
  const run: number[] = [];
  // ("HCC and HfL spot…": a subject of two nouns; "the summer one look at": one with "one" standing for a noun.)
  for (; ['NOUN', 'PROPN'].includes(tokens[k]?.pos ?? '') || (['CCONJ', 'NUM'].includes(tokens[k]?.pos ?? '') && run.length); k++)
    if (tokens[k]?.pos !== 'CCONJ' && tokens[k]?.pos !== 'NUM') run.push(k);
  // A bare verb after the run is the question's own ("does the plan include…"); a finite one ("does the strategy check
  // HfL is performing") belongs to a clause the hidden verb governs.
  const after = tokens[k];
  if (after && ['VERB', 'AUX'].includes(after.pos) && after.text.toLowerCase() === after.lemma.toLowerCase()) return;
  for (const i of run.slice(1).reverse()) {
    const t = tokens[i];
    // (After "do" a verb is bare: "offer", never "schools".)
    if (t?.pos === 'NOUN' && t.text.toLowerCase() === t.lemma.toLowerCase() && canBeVerb(t.lemma)) {
      tokens[i] = { ...t, pos: 'VERB' };
      return;
    }
  }
}

/**
 * "…when hfl rates a school amber or red?": after a word opening a clause, a noun ending in -s between the clause's
 * subject and a determiner is its verb, which the tagger read as a plural.
 */
function verbAfterSubject(tokens: Token[]): void {
  for (let i = 1; i + 2 < tokens.length; i++) {
    const [before, subject, verb, next] = [tokens[i - 1], tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!before || !subject || !verb || !next || !CLAUSE_OPENERS.has(before.text.toLowerCase())) continue;
    if (['NOUN', 'PROPN'].includes(subject.pos) && verb.pos === 'NOUN' && /s$/i.test(verb.text) && next.pos === 'DET' && canBeVerb(verb.lemma))
      tokens[i + 1] = { ...verb, pos: 'VERB' };
  }
}

/**
 * "How does a school get taken off the schools causing concern register?": a word closing the phrase a preposition
 * opens, right after a noun, in a clause that has its verb already, is the phrase's noun, which the tagger read as a verb.
 */
function nounClosingPhrase(tokens: Token[]): void {
  for (let i = 1; i < tokens.length; i++) {
    const word = tokens[i];
    const after = tokens[i + 1];
    if (!word || word.pos !== 'VERB' || tokens[i - 1]?.pos !== 'NOUN' || (after && after.pos !== 'PUNCT')) continue;
    if (word.text.toLowerCase() !== word.lemma.toLowerCase() || !canBeNoun(word.lemma)) continue;
    let j = i - 1;
    while (
      j >= 0 &&
      ['NOUN', 'PROPN', 'ADJ', 'NUM', 'VERB'].includes(tokens[j]?.pos ?? '') &&
      (tokens[j]?.pos !== 'VERB' || /ing$/i.test(tokens[j]?.text ?? ''))
    )
      j--;
    if (tokens[j]?.pos === 'DET') j--;
    if (tokens[j]?.pos !== 'ADP') continue;
    const clause = tokens.slice(0, j);
    const start = clause.map((t) => CLAUSE_BREAKS.has(t.text)).lastIndexOf(true);
    if (clause.slice(start + 1).some((t) => t.pos === 'VERB')) tokens[i] = { ...word, pos: 'NOUN' };
  }
}

/** Words that open a clause saying when or on what condition ("when", "if", "once"). */
const CLAUSE_OPENERS = new Set(['when', 'if', 'once', 'after', 'before', 'until', 'unless']);

/**
 * Words (or the verbs of words) that with "to" and a verb say what is to happen, as "will" does: "going to do", "meant to
 * do", "supposed to do", "trying to do", "aims to do".
 */
const INTENDING = new Set(['go', 'gonna', 'mean', 'suppose', 'plan', 'intend', 'due', 'set', 'try', 'aim', 'hope', 'want', 'seek']);

/** Dashes, which may end a statement before a question as a full stop does. */
const DASHES = new Set(['-', '–', '—']);

/**
 * "The 2021 strategy and the 2023 paper both point to a SEND strategy.": a statement with no verb at all has one the
 * tagger read as a noun — a noun after its subject, followed by a preposition, that English uses as a verb in that form.
 */
function verbOfVerbless(tokens: Token[]): void {
  let start = 0;
  // (A dash before a question ends a statement too: "…both point to a SEND strategy - which one does each refer to?")
  const dashed = (t: Token, end: number): boolean => DASHES.has(t.text) && asksAt(tokens, end + 1);
  tokens.forEach((t, end) => {
    if (!['.', '?', '!'].includes(t.text) && !dashed(t, end) && end < tokens.length - 1) return;
    const sentence = tokens.slice(start, end + 1);
    const from = start;
    start = end + 1;
    // (A statement: a question typed without its verb — "wat r the isos conditions for…" — is left as it is.)
    if ((t.text !== '.' && !dashed(t, end)) || sentence.some((x) => x.pos === 'VERB' || x.pos === 'AUX' || WH.has(x.text.toLowerCase()))) return;
    const at = sentence.findIndex(
      (x, i) =>
        i > 0 &&
        x.pos === 'NOUN' &&
        ['NOUN', 'PROPN', 'DET', 'PRON'].includes(sentence[i - 1]?.pos ?? '') &&
        sentence[i + 1]?.pos === 'ADP' &&
        [x.lemma.toLowerCase(), `${x.lemma.toLowerCase()}s`].includes(x.text.toLowerCase()) &&
        canBeVerb(x.lemma),
    );
    const verb = tokens[from + at];
    if (at > 0 && verb) tokens[from + at] = { ...verb, pos: 'VERB' };
  });
}

/** Whether the part that starts at `start` (after any punctuation) is a question: a question word or an auxiliary opens it. */
function asksAt(tokens: readonly Token[], start: number): boolean {
  let k = start;
  while (tokens[k]?.pos === 'PUNCT') k++;
  return WH.has(tokens[k]?.text.toLowerCase() ?? '') || tokens[k]?.pos === 'AUX';
}

/** Whether the part that starts at `start` is a condition ("if…", "once…", "when a school…"), not a question ("when is…"). */
function conditionAt(tokens: readonly Token[], start: number): boolean {
  let k = start;
  while (tokens[k]?.pos === 'PUNCT') k++;
  const word = tokens[k]?.text.toLowerCase() ?? '';
  return word !== 'should' && CONDITIONS.has(word) && !['AUX', 'VERB'].includes(tokens[k + 1]?.pos ?? '');
}

/** Whether the question from `start` to its "?" names anything of its own ("what happens next?" does not). */
function namesAnything(tokens: readonly Token[], start: number): boolean {
  for (let k = start; k < tokens.length && tokens[k]?.text !== '?'; k++) if (['NOUN', 'PROPN'].includes(tokens[k]?.pos ?? '')) return true;
  return false;
}

/**
 * Whether a prepositional phrase from `start` leads to a question word, with no verb between ("under today's strategy
 * who…"); not to one the preposition belongs to ("across how many local authorities", "by when").
 */
function framesQuestion(tokens: readonly Token[], start: number): boolean {
  for (let k = start + 1; k < tokens.length && k <= start + 8; k++) {
    const t = tokens[k] as Token;
    if (WH.has(t.text.toLowerCase())) return k > start + 1;
    if (!['ADP', 'DET', 'NOUN', 'PROPN', 'NUM', 'ADJ', 'PART'].includes(t.pos) && t.text !== ',') return false;
  }
  return false;
}

/** Whether a question asks its question of each of several things named before it: "…in each?", "and in both?". */
export function asksOfEach(text: string): boolean {
  const tokens = tagText(text);
  return tokens.some((t, i) => ['each', 'both'].includes(t.text.toLowerCase()) && !['NOUN', 'PROPN', 'ADJ'].includes(tokens[i + 1]?.pos ?? ''));
}

/**
 * The words in which the asker says who they are ("I'm a head teacher and wondered…", "im a parent, who is…", "As a
 * SENCo, what…"): about the asker, not about what is asked. From a description's first word to the end of its clause.
 */
function askerDescribed(tokens: readonly Token[]): Set<number> {
  const out = new Set<number>();
  const lower = (k: number): string => tokens[k]?.text.toLowerCase().replace('’', "'") ?? '';
  let from = -1;
  if (["i'm", 'im'].includes(lower(0))) from = 1;
  else if (lower(0) === 'i' && ['am', "'m"].includes(lower(1))) from = 2;
  else if (lower(0) === 'as' && ['a', 'an'].includes(lower(1))) from = 1;
  // ("I'm looking for…" says what is asked: a description is a noun phrase, "a new governor", "new to the SEND Exec".)
  if (from < 0 || !['DET', 'ADJ', 'NOUN', 'PROPN'].includes(tokens[from]?.pos ?? '')) return out;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.pos === 'CCONJ' || (t.pos === 'PUNCT' && t.text !== "'") || WH.has(t.text.toLowerCase()) || t.pos === 'VERB' || t.pos === 'AUX') break;
    out.add(k);
  }
  return out;
}

/** Splits "who runs it and how often does it meet?" into its questions. */
export function splitParts(text: string): string[] {
  const tokens = tagText(text);
  const cuts: number[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const lower = t.text.toLowerCase();
    // (A dash too, after a question: "how does the RAYG rating work - when do schools get rated…"; not after what it asks
    // about: "SE+ mentions the five key outcomes - what are they?".)
    const dash = ['-', '–', '—'].includes(lower) && asksAt(tokens, cuts.length ? (cuts[cuts.length - 1] as number) + 1 : 0);
    // ("who leads spld n how much…", "slcn lead + when does it start": "and" as typed in chat — not the "+" of "SE+".)
    const chatAnd = lower === 'n' || (lower === '+' && /\s/.test(text[t.start - 1] ?? ''));
    const joins = (t.pos === 'CCONJ' || ['vs', 'versus', ',', ';'].includes(lower) || chatAnd || dash) && next;
    // A question word opens a new question; so does an auxiliary before its subject after "and" ("…by late 2015, and is
    // STEPS still the council's approach?") — after a comma alone it asks about what was just said ("…, is that right?").
    // (So does one after a phrase that sets it in time or place: "…, and under today's strategy who chairs…?")
    const opens = (k: number): boolean =>
      WH.has(tokens[k]?.text.toLowerCase() ?? '') ||
      (tokens[k - 1]?.pos === 'CCONJ' && tokens[k]?.pos === 'AUX' && SUBJECTS.has(tokens[k + 1]?.pos ?? '')) ||
      (tokens[k]?.pos === 'ADP' && framesQuestion(tokens, k));
    // (An "and" opening the message is no cut: "and how much does the primary side cost?" leans on the last answer; nor
    // a comma after a condition: "if HCC sends a letter of concern, what happens next?" asks one thing.)
    const opensWith = cuts.length ? (cuts[cuts.length - 1] as number) + 1 : 0;
    const condition = lower === ',' && conditionAt(tokens, opensWith) && !namesAnything(tokens, i + 1);
    // (Nor a comma after a prepositional phrase, which asks nothing of its own: "In School Effectiveness Plus, what is…"
    // asks one thing of that paper, "Back in 2004, who was…" one thing of that year.)
    const fronting = tokens.slice(opensWith, i).filter((x) => x.pos !== 'PUNCT');
    const fronted =
      lower === ',' &&
      fronting.slice(0, 2).some((x) => x.pos === 'ADP') &&
      !fronting.some((x) => ['VERB', 'AUX'].includes(x.pos) || WH.has(x.text.toLowerCase()));
    // ("how n when does HfL decide…?": two question words joined ask two things of one question.)
    const bareWh = i === opensWith + 1 && WH.has(tokens[opensWith]?.text.toLowerCase() ?? '');
    if (joins && i > 0 && !condition && !fronted && !bareWh && (opens(i + 1) || (next.pos === 'CCONJ' && opens(i + 2))))
      cuts.push(next.pos === 'CCONJ' ? i + 1 : i);
    if (lower === '?' && next) cuts.push(i);
  });
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    const t = tokens[cut] as Token;
    parts.push(text.slice(from, t.start));
    from = t.end;
  }
  parts.push(text.slice(from));
  const clean = parts.map((p) => p.replace(/^[\s,;\-–—]+|[\s,;\-–—]+$/g, '')).filter((p) => words(p).length >= 2);
  return clean.length ? clean : [text];
}

/**
 * "The £310k budget": the tagger splits a figure from the letter that scales it ("310" "k"), which the papers' words keep
 * as one ("310k"); so is it read here.
 */
function joinAmounts(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last?.pos === 'NUM' && last.end === t.start && /^(k|m|bn)$/i.test(t.text))
      out[out.length - 1] = { ...last, text: `${last.text}${t.text}`, end: t.end, lemma: `${last.lemma}${t.text}` };
    else out.push(t);
  }
  return out;
}

/** Reads one question (or part), with the conversation's previous subject for elliptical ones. */
export function analyse(kb: KnowledgeBase, typed: string, conversation: AnswerContext = {}, laterPart = false): Asked {
  const dates = readDates(typed);
  const { text, mended } = repairSlips(kb, spellOutFused(dates.text));
  // "Does she lead any other ones?" after "who leads…?": the person the last answer named is its subject.
  const pointsAtPerson = Boolean(conversation.person) && words(text).some((w) => PERSONAL_PRONOUNS.has(w));
  const context = pointsAtPerson ? { ...conversation, subject: conversation.person } : conversation;
  // A word right after a determiner is a noun, whatever the tagger made of it ("the plus in SE+" is not a conjunction).
  const read = readQuestion(text);
  // So is a bare verb form that opens a clause and is joined to what follows by "and" ("autism workstream - lead and next milestone?").
  // (And initials typed in capitals that the glossary spells out are a name, whatever English word they spell: "which
  // SEND strategy…" does not send anything.)
  // (Past an opening quote: "…mean by the 'plus'?")
  const preceding = (all: readonly Token[], i: number): Token | undefined => (/^["'‘“]$/.test(all[i - 1]?.text ?? '') ? all[i - 2] : all[i - 1]);
  const tokens = joinAmounts(read.tokens).map((t, i, all): Token =>
    (['CCONJ', 'SCONJ', 'ADP'].includes(t.pos) && preceding(all, i)?.pos === 'DET') ||
    (t.pos === 'VERB' && t.text.toLowerCase() === t.lemma.toLowerCase() && all[i - 1]?.pos === 'PUNCT' && all[i + 1]?.pos === 'CCONJ')
      ? { ...t, pos: 'NOUN' }
      : t.pos === 'VERB' && t.text.length > 1 && t.text === t.text.toUpperCase() && kb.acronyms.has(t.text.toLowerCase())
        ? { ...t, pos: 'PROPN' }
        : t,
  );
  hiddenVerb(tokens);
  verbAfterSubject(tokens);
  nounClosingPhrase(tokens);
  verbOfVerbless(tokens);
  nounAfterBe(tokens);
  // "wich lenses r in…": a slip for a question word is that word, so the question is read as one.
  // ("wat are the lenses…", "wots the plus in SE+…": a question opens with its question word; later in it, only a word
  // English does not have two slips from one is: "in SE+ wots the plus about".)
  // ("Where does hfls money come from?": initials with an s typed on, for a plural or a possessive, are those initials.)
  const initials = (t: string): string | undefined =>
    t.length > 3 && t.endsWith('s') && kb.acronyms.has(t.slice(0, -1)) ? t.slice(0, -1) : undefined;
  // (After a preposition that opens it, too: "in wat situations…", "by wen…".)
  const list = wordsOf(tokens).map((w, k, all) =>
    known(kb, w.text) || WH.has(w.text)
      ? w
      : {
          ...w,
          text:
            initials(w.text) ??
            slipOf(w.text, WH) ??
            (k === 0 || (k === 1 && all[0]?.token.pos === 'ADP')
              ? openingSlip(w.text)
              : !w.capitalised && !isEnglishWord(w.text)
                ? slipOf(w.text, WH, 4, 2)
                : undefined) ??
            w.text,
        },
  );
  // Words of a glossary name the question spells out ("School Effectiveness Advisers") name that, not a document.
  const texts = list.map((w) => w.text);
  const glossaryAt = new Set<number>();
  const spelledGlossary = kb.glossaryPhrases.filter(({ words: phrase }) => {
    let found = false;
    for (let i = 0; i + phrase.length <= texts.length; i++)
      if (phrase.every((p, k) => texts[i + k] === p)) {
        found = true;
        for (let k = 0; k < phrase.length; k++) glossaryAt.add(i + k);
      }
    return found;
  });
  const mentions = documentsNamed(kb.documentKeys, texts, new Map(kb.documents.map((d) => [d.id, d.title])), glossaryAt);
  // "the quality send offer workstream wanted a core offer - hows that different from the local offer in the 2023 paper?":
  // a clause whose word only one other document writes ("workstream") asks of that document. (A noun: not "…the 2004
  // one - who issued that?", which only the 2021 strategy happens to write.)
  // (The clause of each word: how many clause breaks come before it, counted when a question names a document.)
  let clauses: number[] | undefined;
  const clauseOf = (k: number): number => {
    if (!clauses) {
      clauses = [];
      // (And, where two documents are named, a conjunction between two clauses that each have their verb: "SE+ was built
      // around the five Children Bill outcomes and the 2023 paper has five key priorities". Not one joining two subjects of
      // one verb, "…do the 2004 SE+ strategy and the 2023 … paper link their aims to?": a main verb must come before it.)
      const verbAt = (i: number): boolean => ['VERB', 'AUX'].includes(tokens[i]?.pos ?? '');
      const clauseVerbBefore = (i: number): boolean => {
        for (let j = i - 1; j >= 0 && !CLAUSE_BREAKS.has(tokens[j]?.text ?? ''); j--) if (tokens[j]?.pos === 'VERB') return true;
        return false;
      };
      const clauseVerbAfter = (i: number): boolean => {
        for (let j = i; j < tokens.length && !CLAUSE_BREAKS.has(tokens[j]?.text ?? '') && tokens[j]?.pos !== 'CCONJ'; j++) if (verbAt(j)) return true;
        return false;
      };
      const joinsClauses = (i: number): boolean =>
        mentions.ids.length >= 2 && tokens[i - 1]?.pos === 'CCONJ' && clauseVerbBefore(i - 1) && clauseVerbAfter(i);
      for (let i = 0; i < tokens.length; i++)
        clauses.push((clauses[i - 1] ?? 0) + (CLAUSE_BREAKS.has(tokens[i - 1]?.text ?? '') || joinsClauses(i) ? 1 : 0));
    }
    return clauses[list[k]?.tokenIndex ?? 0] ?? 0;
  };
  if (mentions.ids.length === 1) {
    const namedClauses = new Set((mentions.at.get(mentions.ids[0] ?? '') ?? []).map(clauseOf));
    for (const [k, w] of list.entries()) {
      if (mentions.used.has(k) || namedClauses.has(clauseOf(k)) || w.token.pos === 'VERB') continue;
      const only = kb.onlyDocumentWriting(w.text);
      if (only && !mentions.ids.includes(only)) {
        mentions.ids.push(only);
        mentions.at.set(only, [k]);
        break;
      }
    }
  }
  // "the 2004 paper", "each and every child thing": the noun right after a naming is part of it.
  for (const k of [...mentions.used]) {
    // "the old 2004 strategy", "the current school improvement strategy": an adjective that picks the document.
    if (list[k - 1]?.token.pos === 'ADJ' && !mentions.used.has(k - 1)) mentions.used.add(k - 1);
    // "back in 2004", "earlier in the 2016 paper": an adverb before the naming's preposition says when, as the naming does.
    // (With its article between: "back in the SE+ days".)
    const before = list[k - 1]?.token.pos === 'DET' && !mentions.used.has(k - 1) ? k - 2 : k - 1;
    if (list[before]?.token.pos === 'ADP' && list[before - 1]?.token.pos === 'ADV') mentions.used.add(before - 1);
    const next = list[k + 1];
    const last = k + 2 >= list.length || ['PUNCT', 'ADP', 'CCONJ'].includes(list[k + 2]?.token.pos ?? '');
    if (!next || mentions.used.has(k + 1)) continue;
    // ("the School Effectiveness Plus paper", "the each and every child doc": a word for a document is the naming's.)
    if (
      next.token.pos === 'NOUN' &&
      (/^\d\d(\d\d)?$/.test(list[k]?.text ?? '') ||
        (mentions.used.has(k - 1) && (last || NAMING_NOUNS.has(next.text))) ||
        // ("back in the School Effectiveness Plus days": a stretch of time named by the document is the naming's.)
        namesTime(next.text))
    )
      mentions.used.add(k + 1);
  }
  // "Is the autism workstream on track?", "is SE+ still in force?": in a yes/no question, a noun closing the
  // prepositional phrase that ends it says how the subject stands, not what the subject is.
  const yesNo = tokens.some((t, i) => t.pos === 'AUX' && (i === 0 || tokens[i - 1]?.pos === 'PUNCT'));
  const predicate = new Set(
    list
      .filter(
        (w) =>
          yesNo &&
          w.token.pos === 'NOUN' &&
          tokens[w.tokenIndex - 1]?.pos === 'ADP' &&
          tokens.slice(w.tokenIndex + 1).every((t) => t.pos === 'PUNCT'),
      )
      .map((w) => w.tokenIndex),
  );
  // Title words that named a document are its name, not the subject — unless nothing else is asked, and
  // the question does not point back at the last one's subject ("how does the Each and Every Child paper describe it?").
  const rest = list.filter(
    (w, k) => !mentions.used.has(k) && !STOP_WORDS.has(w.text) && !FUNCTION_POS.has(w.token.pos) && (known(kb, w.text) || w.text.length > 3),
  );
  if (!rest.length && !(context.subject && (laterPart || list.some((w) => POINTERS.has(w.text))))) mentions.used.clear();
  const names = checkNames(kb, list, mentions.used);
  // The question proper starts at its question word, after any "remind me", "quick q", "can you tell me".
  // ("Tell me about the When the Adults Change course": a question word after a determiner is part of a name.)
  const early = list.slice(0, 5).findIndex((w, i) => WH.has(w.text) && !list.slice(0, i).some((x) => x.token.pos === 'DET'));
  // "SE+ mentions the five key outcomes - what are they?": or at the start of a later clause.
  const whAt = early >= 0 ? early : list.findIndex((w) => WH.has(w.text) && tokens[w.tokenIndex - 1]?.pos === 'PUNCT' && !w.quoted);
  const lead = Math.max(0, whAt);
  const q = list.slice(lead);
  // "How and when does HfL decide…?": the second question word says what kind of fact is wanted too. ("&" is no word
  // of the list.)
  const paired = WH.has(q[0]?.text ?? '') && ['and', 'n'].includes(q[1]?.text ?? '') && WH.has(q[2]?.text ?? '');
  if (paired) mentions.used.add(lead + 1).add(lead + 2);
  const byQuestionWord = whAt >= 0 ? wanted(paired ? q.slice(2) : q) : { counted: [] as string[] };
  const { counted, kindWords = [] } = byQuestionWord;
  const byNoun = byQuestionWord.wants ? undefined : kindNoun(list, tokens, q[0]?.text === 'how');
  if (byNoun) mentions.used.add(byNoun.at);
  const wants = byQuestionWord.wants ?? byNoun?.wants;
  const holderOf = whAt >= 0 ? askedHolder(q) : undefined;
  const membersOf = whAt >= 0 ? askedMembers(q, tokens) : undefined;
  const answerTypes = new Set<string>();
  // "How long…", "how far…": the word after an opening "how" is part of the question word; so are the words that
  // name the kind of fact asked ("what percentage…", "how much money…").
  if (q[0]?.text === 'how' && (q[1]?.token.pos === 'ADJ' || q[1]?.token.pos === 'ADV')) mentions.used.add(lead + 1);
  // "What even is STEPS?", "who exactly chairs it?": an adverb between the question word and its verb only says how
  // it is asked.
  const aside = q[0]?.text !== 'how' && q[1]?.token.pos === 'ADV' && ['AUX', 'VERB'].includes(q[2]?.token.pos ?? '');
  if (aside) mentions.used.add(lead + 1);
  for (const k of kindWords) mentions.used.add(lead + k);
  // Left when the document's name is set aside: only what is asked of it (verbs, "old", "still") and the kind of
  // fact asked for ("what year…").
  const ofDocument =
    mentions.ids.length === 1 &&
    mentions.used.size > 0 &&
    rest.every((w) => ['VERB', 'ADJ', 'ADV'].includes(w.token.pos) || predicate.has(w.tokenIndex) || (wants !== undefined && w === q[1]));
  const terms = new Map<string, Term>();
  // Which words of the question each term group came from (for the document a clause names).
  const groupAt = new Map<string, number[]>();
  let at = -1;
  const add = (word: string, origin: TermOrigin, group: string, factor = 1, phrase?: string[], keep = false): void => {
    const st = stem(word);
    if (!st || (STOP_WORDS.has(word) && !keep)) return;
    if (at >= 0) groupAt.set(group, [...(groupAt.get(group) ?? []), at]);
    const base = origin === 'question' ? 1 : origin === 'corrected' ? CORRECTED_FACTOR : origin === 'context' ? CONTEXT_FACTOR : EXPANSION_FACTOR;
    const weight = idf(kb, st) * base * factor;
    const existing = terms.get(st);
    if (!existing || existing.weight < weight)
      terms.set(st, { word, stem: st, weight, origin, group: existing?.group ?? group, ...(phrase ? { phrase } : {}) });
  };
  /** Initials the glossary spells out bring the words they stand for, in the group of the word that named them. */
  const expand = (word: string, group: string): void => {
    const entry = kb.acronyms.get(word);
    if (entry) for (const e of words(entry.expansion)) add(e, 'expansion', group);
  };
  let unknownWeight = 0;
  const unknownWords: string[] = [];
  // Words of a name the question gave only as initials: not acronyms the question asked about.
  const spelledOut = new Set<string>();
  const subject: string[] = [];
  // The words of the dates the question names: not part of the subject a follow-up borrows.
  const dateWords = new Set(
    read.facts
      .filter(([, , kind]) => kind === 'date')
      .flatMap(([start, end]) => tokens.filter((t) => t.start >= start && t.end <= end).map((t) => t.text)),
  );
  const relation: string[] = [];
  const maxIdf = idf(kb, '\u0000');
  // Whether the phrase from word `from` goes on, with no clause break, to where a naming of a document starts.
  const reachesDocument = (from: number): boolean => {
    for (let j = from; j < list.length; j++) {
      const between = tokens.slice((list[j - 1] as Word).tokenIndex + 1, (list[j] as Word).tokenIndex);
      if (between.some((t) => t.pos === 'PUNCT' || t.pos === 'CCONJ') || list[j]?.token.pos === 'CCONJ') return false;
      if (mentions.used.has(j) && !mentions.used.has(j - 1)) return true;
    }
    return false;
  };
  // The words of a noun phrase after a preposition of time ("since pre covid", "b4 the pandemic").
  const framedInTime = new Set<number>();
  tokens.forEach((t, i) => {
    if (!TIME_PREPOSITIONS.has(t.text.toLowerCase())) return;
    for (let j = i + 1; ['DET', 'ADJ', 'NOUN', 'PROPN'].includes(tokens[j]?.pos ?? ''); j++) framedInTime.add(j);
  });
  const asker = askerDescribed(tokens);
  // "What does HCC do when it's worried about an academy rather than a maintained school?": what a contrast sets aside,
  // up to the end of its clause, is not what is asked.
  const setAside = new Set<number>();
  tokens.forEach((t, i) => {
    if (!CONTRASTS.has(`${t.text.toLowerCase()} ${tokens[i + 1]?.text.toLowerCase() ?? ''}`)) return;
    for (let j = i; j < tokens.length && !(j > i + 1 && ['PUNCT', 'CCONJ', 'SCONJ'].includes(tokens[j]?.pos ?? '')); j++) setAside.add(j);
  });
  list.forEach((w, k) => {
    at = k;
    if (
      mentions.used.has(k) ||
      asker.has(w.tokenIndex) ||
      setAside.has(w.tokenIndex) ||
      ((STOP_WORDS.has(w.text) || FUNCTION_POS.has(w.token.pos)) && !w.quoted)
    )
      return;
    const next = tokens[w.tokenIndex + 1];
    // ("How has the vision changed between the 2004 and 2021 strategies?", "…compare with the 2021 one?", "how did the
    // vision in the 2004 paper differ from the vision set out in the 2021 strategy?": a verb — or an adjective, "how's the
    // vision… different from the 2004 one?" — whose preposition's phrase goes on, unbroken, to name one of the documents
    // relates them. It is not what either says: it is left out.)
    if (['VERB', 'ADJ'].includes(w.token.pos) && mentions.ids.length >= 2 && list[k + 1]?.token.pos === 'ADP' && reachesDocument(k + 2)) return;
    // ("…does the Each and Every Child paper say anything similar?": an adjective after an indefinite pronoun says how its
    // answer stands to what else was asked, not what it is about.)
    if (w.token.pos === 'ADJ' && INDEFINITES.has(tokens[w.tokenIndex - 1]?.text.toLowerCase() ?? '')) return;
    // ("Anything about the virtual school in the docs?": a word for the documents says where to look.)
    const frames =
      predicate.has(w.tokenIndex) ||
      CORPUS_NOUNS.has(w.text) ||
      classNoun(kb, tokens, w) ||
      // (Not a noun said of the subject: "we're amber on RAYG".)
      // (Nor "the latest on the special schools workstream": an adjective standing as a noun after its determiner.)
      ((w.token.pos === 'NOUN' || (w.token.pos === 'ADJ' && tokens[w.tokenIndex - 1]?.pos === 'DET')) &&
        next !== undefined &&
        ABOUT.has(next.text.toLowerCase()) &&
        k < list.length - 2 &&
        tokens[w.tokenIndex - 1]?.pos !== 'AUX');
    // "set up", "come out", "gone up": a verb with a particle is phrasing; what it means is rarely its words.
    const particle = w.token.pos === 'VERB' && ['ADP', 'PART', 'ADV'].includes(next?.pos ?? '') && PARTICLES.has(next?.text.toLowerCase() ?? '');
    // …and so is the particle itself ("reporting back").
    const ofPhrasalVerb = tokens[w.tokenIndex - 1]?.pos === 'VERB' && ['ADP', 'PART', 'ADV'].includes(w.token.pos) && PARTICLES.has(w.text);
    // "What role does…", "which workstreams…": the noun after the question word is the kind of answer, which
    // the answer may state in other words ("is responsible for", "leads").
    const answerType =
      // "What's its status…?", "who are their members?": what is asked of the subject a possessive points back at.
      (w.token.pos === 'NOUN' && POSSESSIVES.has(list[k - 1]?.text ?? '') && Boolean(context.subject)) ||
      (k === lead + 1 &&
        (q[0]?.text === 'what' || q[0]?.text === 'which' || q[0]?.text === 'whats') &&
        w.token.pos === 'NOUN' &&
        (['AUX', 'VERB'].includes(tokens[w.tokenIndex + 1]?.pos ?? '') || tokens[w.tokenIndex + 1]?.text.toLowerCase() === 'for'));
    // "How does RAYG rating work?": "work" closing a "how" question asks how it operates, whatever it is (so does one
    // followed only by the document it asks of: "how was the SSEB meant to operate under School Effectiveness Plus?").
    const closingHow =
      q[0]?.text === 'how' &&
      ['work', 'operate', 'function'].includes(w.token.lemma.toLowerCase()) &&
      list.slice(k + 1).every((x, j) => FUNCTION_POS.has(x.token.pos) || STOP_WORDS.has(x.text) || mentions.used.has(k + 1 + j));
    const everyday = w.token.pos === 'VERB' || w.token.pos === 'ADJ' ? 1 - (1 - VERB_FACTOR) * commonness(w.token.lemma.toLowerCase()) : 1;
    if (answerType) answerTypes.add(w.text);
    // "How does the RAYG rating process work?": in a question about a process, the word "process" is the frame.
    const processWord = processNoun(w, tokens);
    // "What has it got done so far?", "how did they see it?": the commonest English verbs only carry the question.
    const light =
      (w.token.pos === 'VERB' && zipfOf(w.token.lemma.toLowerCase()) >= LIGHT_VERB_ZIPF) ||
      // ("What does the plus even mean?", "do they still meet?": so do the commonest adverbs before a verb or adjective.)
      (w.token.pos === 'ADV' && ['VERB', 'AUX', 'ADJ'].includes(next?.pos ?? '') && zipfOf(w.text) >= LIGHT_ADVERB_ZIPF);
    // "…gone up since covid?", "…before the pandemic": an event that only says when is how the question is framed in
    // time; the papers may name it otherwise ("compared to pre-pandemic levels").
    // (A stretch of time itself is what the question asks about, as a date is: "during the year".)
    const when = w.token.pos === 'NOUN' && framedInTime.has(w.tokenIndex) && !namesTime(w.text);
    // "What happens when a school gets rated amber or red by HfL?": who does what the question asks about is given, not
    // asked (unless the question asks who).
    const agent =
      q[0]?.text !== 'who' &&
      ((tokens[w.tokenIndex - 1]?.text.toLowerCase() === 'by' &&
        tokens.slice(Math.max(0, w.tokenIndex - 5), w.tokenIndex - 1).some((t) => participle(t))) ||
        // ("…when hfl rates a school amber or red?": so is the one doing it in a clause that says when.)
        (['NOUN', 'PROPN'].includes(w.token.pos) &&
          CLAUSE_OPENERS.has(tokens[w.tokenIndex - 1]?.text.toLowerCase() ?? '') &&
          tokens[w.tokenIndex + 1]?.pos === 'VERB'));
    // ("Which officer leads on ENF?": the kind of person asked for is who, however the answer names them.)
    const personAsked = answerType && k === lead + 1 && namesPersons(w.text);
    const factor =
      light || frames || particle || ofPhrasalVerb || closingHow || processWord || personAsked
        ? FRAME_FACTOR
        : answerType || when || agent
          ? ANSWER_TYPE_FACTOR
          : everyday;
    const name = names.used.get(k);
    // ("Who sat on the SSEB?": a verb in a past or other inflected form is that verb, not the initials it spells — SAT.)
    const inflectedVerb = participle(w.token) && !w.capitalised;
    // ("kids in AP": initials typed in capitals of a shorter name inside a heading, when they are no acronym the papers define.)
    const initials = kb.acronyms.has(w.text) ? undefined : typedInitials(kb, w);
    if (name && name.length > 1) {
      // A name is one subject: its words must appear together, and it weighs as its rarest word.
      const stems = nameStems(list, name);
      add(w.text, 'question', nameGroup(stems), factor, stems);
      subject.push(w.token.text);
      return;
    } else if (name || known(kb, w.text)) {
      add(w.text, mended.has(w.text) ? 'corrected' : 'question', stem(w.text), factor, undefined, w.quoted);
      const added = terms.get(stem(w.text));
      if (added && w.token.pos === 'VERB' && added.word === w.text) {
        added.relation = true;
        // "Who decides…?" is answered where the papers say who determines it: the verb's synonyms stand in for it,
        // weighing no more than it does — and none much commoner in the papers, which would find it everywhere. A
        // participle before a noun ("maintained schools") describes the noun, and an acronym ("SEND") is a name.
        const describes = ['NOUN', 'PROPN'].includes(tokens[w.tokenIndex + 1]?.pos ?? '') || kb.acronyms.has(w.text);
        // (Not one the papers mostly write as another part of speech: "direct", for "send", is "directly" there. And
        // also where they name who does it: "what do special schools contribute?" — "an important contributor".)
        // (A verb with its particle is that phrasal verb: "set up" is "establish", not "place" or "pose".)
        const phrasal = particle ? `${w.token.lemma.toLowerCase()}_${next?.text.toLowerCase() ?? ''}` : w.token.lemma;
        const others = describes ? [] : [...verbSynonyms(phrasal).filter((synonym) => mostlyVerb(kb, synonym)), ...agentNouns(phrasal)];
        for (const synonym of others) {
          const st = stem(synonym);
          if (terms.has(st) || st === added.stem || !known(kb, synonym) || idf(kb, st) < SYNONYM_COMMONNESS * idf(kb, added.stem)) continue;
          add(synonym, 'question', added.group, factor);
          const t = terms.get(st);
          if (t) terms.set(st, { ...t, weight: Math.min(t.weight, added.weight), relation: true });
        }
      }
      if (added && (w.token.pos === 'ADJ' || w.token.pos === 'ADV') && added.word === w.text) added.modifier = true;
      // ("local offer", "learning communities": a word before a noun qualifies it — the two are one thing, said together.)
      if (
        added &&
        added.word === w.text &&
        !name &&
        next?.pos === 'NOUN' &&
        (['ADJ', 'NOUN'].includes(w.token.pos) || (w.token.pos === 'VERB' && /ing$/.test(w.text)))
      )
        added.qualifies = stem(next.text.toLowerCase());
      // "What's the headline vision…?": a noun before the noun it qualifies may be only how the question puts it.
      // (Not a word of a name: "Sir John Lawes School".)
      const qualifies = next?.pos === 'NOUN' && known(kb, next.text.toLowerCase()) && !kb.nameWords.has(w.text);
      if (added && w.token.pos === 'NOUN' && qualifies && added.word === w.text && !name) added.compound = true;
      // "the SEND exec": a clipping the papers write now and then stands for the word they mostly write ("Executive").
      // (Not an everyday word of its own: "main" is not "maintained".)
      const full = added && added.word === w.text && !name && zipfOf(w.text) < CLIPPING_ZIPF ? completion(kb, w.text) : null;
      if (added && full && (kb.vocabulary.get(full.word) ?? 0) >= CLIPPED_RATIO * (kb.vocabulary.get(w.text) ?? 0)) {
        add(full.word, 'question', added.group, factor);
        const t = terms.get(stem(full.word));
        if (t && t.group === added.group) terms.set(t.stem, { ...t, weight: Math.min(t.weight, added.weight) });
      }
      // What the question is about, for a follow-up to borrow: its nouns and names, not what it asked of them
      // (a verb, or the word a "who" question opens with — "who chairs…", whatever its tag).
      if (w.token.pos === 'VERB' || (k === lead + 1 && q[0]?.text === 'who')) relation.push(w.token.text);
      // "any update on the autism workstream?": the frame is not part of the subject a follow-up borrows.
      else if (!frames) subject.push(w.token.text);
    } else if (initials) {
      // …are its words, each asked ("Alternative Provision").
      for (const e of words(initials.expansion)) add(e, 'question', stem(e), factor);
      subject.push(initials.expansion);
      return;
    } else if (kb.acronyms.has(w.text) && !inflectedVerb) {
      // "the QSO": initials the documents never write, of a name they do — asked as that name.
      const expansion = kb.acronyms.get(w.text)?.expansion ?? '';
      const stems = words(expansion)
        .filter((e) => !STOP_WORDS.has(e))
        .map(stem);
      for (const e of words(expansion)) {
        add(e, 'question', nameGroup(stems), factor, stems);
        spelledOut.add(e);
      }
      subject.push(expansion);
      return;
    } else {
      // "The Steps rollout", "the setup": a noun made of a verb the papers use and its particle is that phrasal verb
      // ("rolled out"), which is phrasing, as "set up" is.
      const particle = [...PARTICLES].find((p) => w.text.endsWith(p) && w.text.length - p.length >= 3);
      const root = particle ? w.text.slice(0, -particle.length) : '';
      // (The root is a word the papers write, and a verb: "provison" is not "provis" + "on".)
      if (root && kb.vocabulary.has(root) && canBeVerb(root)) {
        add(root, 'corrected', stem(root), FRAME_FACTOR);
        return;
      }
      // An everyday English word the papers do not use is not a slip for one they do ("feed" is not "feedback"),
      // though it may be a form of one ("kinds" of "kind").
      const closest = closestWord(kb, w.text);
      // ("sorts", "replies": a rarer form of an everyday word is that word's, as the word is.)
      const everyday = Math.max(commonness(w.text), w.token.lemma.toLowerCase() !== w.text ? commonness(w.token.lemma.toLowerCase()) : 0) > 0;
      const correction = closest && everyday && closest.word !== w.token.lemma.toLowerCase() ? null : closest;
      // "wich", "becuase": a slip for a word that carries no topic is no topic either.
      if (!correction && slipOf(w.text, STOP_WORDS)) return;
      // A word the papers never write may stand for one they do: a noun made from it ("what's the membership of the
      // SSEB?": member), or else a clipping of it ("what r govs meant to do", "fam first").
      const clipped = w.text.length > 3 && w.text.endsWith('s') ? w.text.slice(0, -1) : w.text;
      const derived = !correction && w.token.pos === 'NOUN' ? derivedWords(w.token.lemma).filter((d) => known(kb, d)) : [];
      // (Not a slip for a word that carries no topic: "hav" is "have", not "having".)
      const full =
        !correction && !derived.length && !w.capitalised && clipped.length >= 3 && zipfOf(clipped) < CLIPPING_ZIPF && !slipOf(w.text, STOP_WORDS, 3)
          ? completion(kb, clipped)
          : null;
      const standsFor = full ? [full.word] : derived;
      if (standsFor.length) {
        for (const d of standsFor) add(d, 'corrected', stem(standsFor[0] ?? d), factor);
        subject.push(standsFor[0] ?? w.text);
        return;
      }
      if (!correction || correction.name) {
        // A noun the documents never use is a subject they do not cover; an unknown verb or adjective is only
        // phrasing, and so is a short unknown word ("wat", "atm", "doc"), too ambiguous to count either way.
        // "…policies feed into SE+": between a noun and a preposition, an unknown word is the verb joining them.
        // "who's in charge of…", "in terms of…": between two prepositions, the second "of" or "to", an unknown noun is part
        // of a compound preposition (not "on holiday in term time").
        // "hfl flags a school amber": between a noun and an article, an unknown word English has as a verb is that verb.
        const [before, after] = [tokens[w.tokenIndex - 1], tokens[w.tokenIndex + 1]];
        const joins =
          (after?.pos === 'ADP' &&
            (['NOUN', 'PROPN', 'PRON'].includes(before?.pos ?? '') || (before?.pos === 'ADP' && ['of', 'to'].includes(after.text.toLowerCase())))) ||
          (after?.pos === 'DET' && ['NOUN', 'PROPN'].includes(before?.pos ?? '') && canBeVerb(w.token.lemma));
        if (['NOUN', 'PROPN', 'NUM', 'X'].includes(w.token.pos) && !frames && !joins && w.text.length > 3) {
          unknownWeight += maxIdf * (1 - 0.75 * Math.max(commonness(w.text), commonness(w.token.lemma.toLowerCase())));
          unknownWords.push(w.text);
        }
        return;
      }
      add(correction.word, 'corrected', stem(correction.word), factor);
      if (w.token.pos === 'VERB') relation.push(correction.word);
      else subject.push(correction.word);
    }
    const key = spelled(kb, w.text);
    if (!inflectedVerb) expand(key, stem(key));
  });
  at = -1;
  // "How did the 2004 paper approach prevention, compared with what the 2023 paper says about Families First?": a
  // word in a clause that names one of the documents, and no other, is asked of that document. ("…in the 2004 setup
  // compared to now": a document the question implies, unnamed, may be asked of in any clause.)
  if (mentions.ids.length >= 2 && mentions.ids.every((id) => mentions.at.get(id)?.length)) {
    const clausesOf = new Map(mentions.ids.map((id) => [id, new Set((mentions.at.get(id) ?? []).map(clauseOf))]));
    for (const [group, where] of groupAt) {
      const inClauses = new Set(where.map(clauseOf));
      const owners = mentions.ids.filter((id) => [...inClauses].every((c) => clausesOf.get(id)?.has(c)));
      const only = owners.length === 1 ? owners[0] : undefined;
      if (only) for (const [st, t] of terms) if (t.group === group) terms.set(st, { ...t, document: only });
    }
    // "Who delivered support under SE+ in 2004, compared with who does it under the 2021 strategy?": a clause that asks
    // nothing of its own of the document it names asks the same as the other clause.
    const asksNothing = (id: string): boolean => ![...terms.values()].some((t) => !t.document || t.document === id);
    if (mentions.ids.some(asksNothing)) for (const [st, t] of terms) if (t.document) terms.set(st, { ...t, document: undefined });
  }
  // "What happens if HfL or HCC have concerns about an academy?": nouns joined by "or" are alternatives, one
  // subject that either of them answers, not two the answer must both name.
  const groupOfWord = new Map<number, string>();
  for (const [group, where] of groupAt) for (const k of where) if (!groupOfWord.has(k)) groupOfWord.set(k, group);
  list.forEach((w, k) => {
    const [left, right] = [groupOfWord.get(k - 1), groupOfWord.get(k + 1)];
    if (w.text !== 'or' || !left || !right || left === right) return;
    if (![list[k - 1], list[k + 1]].every((x) => ['NOUN', 'PROPN'].includes(x?.token.pos ?? ''))) return;
    for (const [st, t] of terms)
      if (t.group === right) terms.set(st, { ...t, group: left, either: true, ...(t.origin === 'expansion' ? { alias: right } : {}) });
  });
  // A question that spells out a glossary term ("School Effectiveness Adviser") also finds its acronym.
  for (const g of spelledGlossary) add(g.acronym, 'expansion', stem(g.words[0] ?? g.acronym));
  const own = new Set([...terms.values()].filter((t) => t.origin !== 'expansion').map((t) => t.group));
  const ownWords = new Set([...terms.values()].filter((t) => t.origin !== 'expansion').map((t) => t.word));
  // "What about the autism one?", "and special schools?": a new subject, asked what the last question asked.
  const swaps = Boolean(context.relation) && /^\s*(and|(what|how) about)\b/i.test(text) && !tokens.some((t) => t.pos === 'VERB') && own.size > 0;
  if (swaps && context.relation) {
    for (const w of words(context.relation)) if (!STOP_WORDS.has(w) && known(kb, w)) add(w, 'question', stem(w), VERB_FACTOR);
    relation.push(context.relation);
  }
  // ("How many DSPL groups are there?": "there" beside "are" says something exists, and points nowhere.)
  const existential = (w: Word): boolean =>
    w.text === 'there' && [tokens[w.tokenIndex - 1], tokens[w.tokenIndex + 1]].some((t) => t?.pos === 'AUX' && t.lemma.toLowerCase() === 'be');
  // ("What is the vulnerable children part based on?" after the four elements of a model: a noun that names a thing by how
  // it stands to another — "part" — without saying to what, points back as "it" does.)
  const partOf = (w: Word): boolean =>
    w.token.pos === 'NOUN' && !['of', 'in'].includes(tokens[w.tokenIndex + 1]?.text.toLowerCase() ?? '') && namesRelation(w.text);
  const pointsBack = !swaps && (list.some((w) => (POINTERS.has(w.text) && !existential(w)) || partOf(w)) || /^\s*(and|but|also|so)\b/i.test(text));
  // ("…and how many ppl can go?": a question that names nothing, only what it asks with, is about the last subject.)
  // (A later part of a message that names only a document asks the same of it: "…, and how does the 2021 strategy?")
  // ("…what does HCC do before sending one and what does the school then have to produce?": so is a later part of the
  // message with a word or two of its own and no name — "westminster" in "…, and how many does westminster support?" is a
  // new subject.)
  const shortPart =
    laterPart && mentions.ids.length === 0 && own.size <= SHORT_PART && names.used.size === 0 && ![...ownWords].some((w) => kb.nameWords.has(w));
  const elliptical = Boolean(context.subject) && (pointsBack || (subject.length === 0 && (mentions.ids.length === 0 || laterPart)) || shortPart);
  // A follow-up borrows the previous subject: fully when it points back ("and who chairs it?"), lightly when
  // it is short and names no document ("has the reviewer met anyone yet?"), only to choose between passages.
  // (A later part of the same message is about what the message is about, however much it names of its own.)
  const lightly = !elliptical && Boolean(context.subject) && (own.size <= 3 || laterPart) && !mentions.ids.length;
  if ((elliptical || lightly) && context.subject) {
    const ownWeight = [...terms.values()].filter((t) => t.origin !== 'expansion').reduce((a, t) => a + t.weight, 0);
    const previous = wordsOf(tagText(context.subject));
    const previousNames = checkNames(kb, previous, new Set()).used;
    // ("…the spring SDG meeting…, and what does the summer one look at?": a word of the same kind as one the follow-up
    // names is what it sets aside, not what it borrows.)
    const ownNouns = list.filter((w) => w.token.pos === 'NOUN' && terms.get(stem(w.text))?.origin === 'question').map((w) => w.text);
    const borrowed = previous.filter(
      (w) => !STOP_WORDS.has(w.text) && !terms.has(stem(w.text)) && known(kb, w.text) && !ownNouns.some((o) => sameKind(o, w.text)),
    );
    const borrowedWeight = borrowed.reduce((a, w) => a + idf(kb, stem(w.text)), 0);
    // "Which workstreams is she on?": when the follow-up adds little of its own, what it borrows is its subject.
    // "What's its status in the 2023 paper?": what a possessive points back at is what the question is about.
    // ("And the 2004 one - what was its underpinning philosophy?": a possessive after a document the question names is that
    // document's.)
    // (With no document named, every possessive points back.)
    const firstMention = Math.min(Infinity, ...mentions.used);
    const possessive = list.some((w, k) => POSSESSIVES.has(w.text) && k < firstMention);
    // "Who would chair it?": what an object pronoun points back at is what is asked about, as a possessive's is.
    const object = list.some((w) => OBJECT_PRONOUNS.has(w.text) && w.token.pos === 'PRON');
    // ("Does she lead any other ones?": so is the person a personal pronoun points back at.)
    const carry = elliptical && (ownWeight < 0.5 * borrowedWeight || possessive || object || pointsAtPerson);
    // "Who's leading that one?" after "How much is the council putting into speech therapy under the speech, language and
    // communication needs workstream?": a follow-up that only asks what is done points back at the thing the last
    // question named — the workstream — not at what it asked of it ("council", "therapy"), which only chooses between passages.
    const ownTerms = [...terms.values()].filter((t) => t.origin !== 'expansion');
    const named =
      carry && ownTerms.length > 0 && ownTerms.every((t) => t.relation) ? headingNameIn(kb, context.lastQuestion ?? '', borrowed) : undefined;
    for (const w of borrowed) {
      if (named && !named.has(stem(w.text))) {
        add(w.text, 'context', `context:${stem(w.text)}`, 1);
        const t = terms.get(stem(w.text));
        if (t) terms.set(stem(w.text), { ...t, borrowed: true });
        continue;
      }
      const name = previousNames.get(previous.indexOf(w));
      if (carry && name && name.length > 1) {
        const stems = nameStems(previous, name);
        add(w.text, 'question', nameGroup(stems), 1, stems);
      } else {
        const group = carry ? stem(w.text) : `context:${stem(w.text)}`;
        add(w.text, carry ? 'question' : 'context', group, elliptical ? 1 : 0.5);
        // (Initials borrowed are spelled out as the question's own are: "who would chair it?" after "…the SSEB…" finds "the
        // Standards and School Effectiveness Board".)
        expand(w.text, group);
      }
      const t = terms.get(stem(w.text));
      // (What described the last subject still only describes it: "extra" in "extra special school places".)
      if (t) terms.set(stem(w.text), { ...t, borrowed: true, ...(w.token.pos === 'ADJ' || w.token.pos === 'ADV' ? { modifier: true } : {}) });
    }
  }
  // "When can HCC send a letter of concern?" asks in what circumstances: said so where the papers say it, if they do
  // (a modifier no passage uses is let go).
  // ("In what situations can HCC…?", "under what conditions…": the same, asked with the kind of answer it wants.)
  const circumstance =
    (q[0]?.text === 'when' && MODALS.has(q[1]?.text ?? '')) ||
    (['what', 'which'].includes(q[0]?.text ?? '') && CIRCUMSTANCE_NOUNS.has(q[1]?.token.lemma.toLowerCase() ?? ''));
  const circumstances = stem('circumstances');
  if (circumstance && !terms.has(circumstances)) {
    add('circumstances', 'question', circumstances, ANSWER_TYPE_FACTOR);
    const t = terms.get(circumstances);
    if (t) terms.set(circumstances, { ...t, modifier: true });
  }
  // A question about a person the documents name is answered wherever they are named; its other words
  // ("what role does … hold?") only choose between those places.
  // (A name a follow-up borrowed is what it asks about; its own words are what it asks: "how many schools does it cover?")
  // (A name before the noun it describes — "the Paul Dix online course", "Helen Booth's workstream" — is not what is asked about.)
  const describing = new Set(
    [...names.used.values()]
      .filter((name) => {
        let k = Math.max(...name) + 1;
        while (list[k] && (list[k]?.token.pos === 'ADJ' || list[k]?.token.pos === 'PART')) k++;
        return list[k]?.token.pos === 'NOUN';
      })
      .map((name) => nameGroup(nameStems(list, name))),
  );
  const nameGroups = [...terms.values()].filter(
    (t) => t.group.startsWith('name:') && t.origin === 'question' && !t.borrowed && !describing.has(t.group),
  );
  if (nameGroups.length) {
    for (const [st, t] of terms)
      // (Another name stays a subject: "the Westminster and St Albans dioceses".)
      if (!t.group.startsWith('name:') && t.origin !== 'context' && !kb.nameWords.has(t.word))
        terms.set(st, { ...t, origin: 'context', group: t.origin === 'expansion' ? t.group : `context:${t.group}` });
  }
  const groupWeight = new Map<string, number>();
  for (const t of terms.values())
    if (t.origin !== 'expansion' && t.origin !== 'context') groupWeight.set(t.group, Math.max(groupWeight.get(t.group) ?? 0, t.weight));
  const totalWeight = [...groupWeight.values()].reduce((a, w) => a + w, 0);
  // The acronyms the question itself types (not ones it spells out).
  const ownAcronyms = [...terms.values()].filter(
    (t) => t.origin !== 'expansion' && ownWords.has(t.word) && !spelledOut.has(t.word) && kb.acronyms.has(t.word),
  );
  const acronymTerm = ownAcronyms.find((t) => (groupWeight.get(t.group) ?? 0) >= 0.5 * totalWeight);
  const acronym = acronymTerm ? kb.acronyms.get(acronymTerm.word) : undefined;
  // ("What do RAYG and KTS stand for?": acronyms the question is about together, none of them by itself.)
  // (Typed in capitals, or no English word: not "who sat on the SSEB?".)
  const capitals = new Set((typed.match(/\b[A-Z][A-Z+&]+\b/g) ?? []).map((w) => w.toLowerCase()));
  const acronymTerms = ownAcronyms.filter((t) => capitals.has(t.word) || !isEnglishWord(t.word));
  const together = new Set(acronymTerms.map((t) => t.group));
  const acronyms =
    together.size >= 2 && [...together].reduce((a, g) => a + (groupWeight.get(g) ?? 0), 0) >= 0.5 * totalWeight
      ? [...new Map(acronymTerms.map((t) => [t.group, kb.acronyms.get(t.word)])).values()].filter((e): e is GlossaryEntry => e !== undefined)
      : undefined;
  return {
    text: typed,
    ...(acronym ? { acronym } : {}),
    ...(acronyms ? { acronyms } : {}),
    // ("When can HCC issue a warning notice?" asks for the circumstances, which the papers list.)
    wantsList: asksForSeveral(q) || circumstance,
    ...(whAt >= 0 && WH.has(q[0]?.text ?? '') ? { wh: asksWhoBy(q) ? 'who' : q[0]?.text === 'whats' ? 'what' : q[0]?.text } : {}),
    attribute: [...terms.values()].some((t) => t.origin === 'question' && answerTypes.has(t.word)),
    answerType: kindAsked(list, (w) => kb.acronyms.has(w)),
    ownTask: asksOwnTask(list),
    ...(holderOf ? { holderOf } : {}),
    ...(membersOf ? { membersOf } : {}),
    definition:
      list.some((w) => ['mean', 'meant', 'meaning', 'define', 'definition'].includes(w.text)) ||
      (q[0]?.text === 'what' && ['is', 'are'].includes(q[aside ? 2 : 1]?.text ?? '') && own.size <= 2),
    process:
      (q[0]?.text === 'how' && (!wants || paired) && q[1]?.token.pos !== 'ADJ' && q[1]?.token.pos !== 'ADV') ||
      list.some((w) => ['happen', 'happens', 'happened'].includes(w.text) || processNoun(w, tokens)) ||
      // "What does HCC have to do if Ofsted puts a school in special measures?": what follows from a circumstance.
      // ("…when Ofsted puts one of our schools in special measures?": the tagger's adverb, opening a clause with its verb.
      // Not "…once its eligible for intervention", a state with no verb: what powers it has.)
      list.some(
        (w, k) =>
          k > lead &&
          CONDITIONS.has(w.text) &&
          (w.token.pos === 'SCONJ' ||
            (w.token.pos === 'ADV' && conditionAt(tokens, w.tokenIndex) && tokens.slice(w.tokenIndex + 1).some((t) => t.pos === 'VERB'))),
      ),
    terms: [...terms.values()],
    unknownWeight,
    unknownWords,
    ...(names.unknown ? { unknownName: names.unknown } : {}),
    documents: mentions.ids,
    titled: mentions.ids.filter((id) =>
      (mentions.at.get(id) ?? []).some((i) => !kb.documentKeys.years.has(texts[i] ?? '') || NAMING_NOUNS.has(texts[i + 1] ?? '')),
    ),
    ...(wants ? { wants } : {}),
    // "How many ppl came…": a counted word the papers never use cannot be looked for; the count still can.
    counted: counted.filter((c) => (kb.df.get(c) ?? 0) > 0),
    said: new Set(words(text)),
    // (Not how the date is qualified: "late" in "by late 2015" is not a word the answer must have; nor a date that only
    // stands for one from the day asked: "under today's strategy".)
    dated: read.facts
      .filter(([, , kind]) => kind === 'date')
      .flatMap(([start, end]) =>
        tokens.filter((t) => t.start >= start && t.end <= end && t.pos !== 'ADJ' && t.pos !== 'ADV').flatMap((t) => words(t.text)),
      )
      .filter(
        (w) =>
          !STOP_WORDS.has(w) && !dates.present.has(w) && !list.some((x, k) => mentions.used.has(k) && x.text === w) && /^(\d{4}|[a-z]+)$/.test(w),
      )
      .map(stem),
    elliptical,
    ofDocument,
    // ("What's the autism workstream going to do?", "what was the QSO workstream supposed to do?": "going to", "meant to",
    // "supposed to" before a verb say what is to happen too.)
    future: tokens.some(
      (t, i) =>
        (t.pos === 'AUX' && FUTURE.has(t.text.toLowerCase())) ||
        ((INTENDING.has(t.text.toLowerCase()) || INTENDING.has(t.lemma.toLowerCase())) &&
          tokens[i + 1]?.text.toLowerCase() === 'to' &&
          ['VERB', 'AUX'].includes(tokens[i + 2]?.pos ?? '')),
    ),
    circumstance,
    obligation: /\b(ha(ve|s|d) to|must|needs? to|required to|obliged to)\b/i.test(text),
    // ("Do they have to consult…?" is an obligation, not the perfect.)
    perfect:
      // ("What role do DSPL groups have…?" has no participle: "have" is its verb.)
      tokens.some(
        (t, i) =>
          t.pos === 'AUX' &&
          PERFECT.has(t.text.toLowerCase()) &&
          tokens[i + 1]?.text.toLowerCase() !== 'to' &&
          (t.text.toLowerCase() === 'been' || tokens.slice(i + 1, i + 8).some((x) => participle(x) || x.text.toLowerCase() === 'been')),
      ) ||
      // "What's happened since…", "whats changed": an 's before a participle is "has".
      tokens.some((t, i) => (t.text.toLowerCase() === "'s" || HAS_FUSED.has(t.text.toLowerCase())) && participle(tokens[i + 1])) ||
      /\bso far\b/i.test(text) ||
      // ("What's the ENF workstream up to?": "up to" with nothing after it is what it is doing — not "up to 80 participants".)
      tokens.some(
        (t, i) =>
          t.text.toLowerCase() === 'up' &&
          tokens[i + 1]?.text.toLowerCase() === 'to' &&
          !['NUM', 'NOUN', 'PROPN', 'DET', 'VERB', 'PRON', 'ADJ'].includes(tokens[i + 2]?.pos ?? ''),
      ),
    asksAgain: swaps,
    // (Not a date it was asked at: "…how many by Oct 2015, and is it still the approach in the 2023 paper?" asks the
    // second part of STEPS, not of October 2015.)
    subject: [...subject.filter((w) => !dateWords.has(w)), ...(elliptical && context.subject ? [context.subject] : [])].join(' ').slice(0, 300),
    relation: relation.join(' ').slice(0, 120),
  };
}

/** The word of `among` (of `target` letters or more) that a word of `shortest` letters or more is `edits` edits from ("wich" for "which"), if any. */
function slipOf(word: string, among: Iterable<string>, shortest = 4, edits = 1, target = 4): string | undefined {
  if (word.length < shortest) return undefined;
  for (const w of among) if (w.length >= target && Math.abs(w.length - word.length) <= edits && editDistance(word, w) <= edits) return w;
  return undefined;
}

/**
 * A question opens with its question word: there a three-letter slip ("wat") is one too, and so is a word English does
 * not have two slips from one ("wots" for "whats") or one from a three-letter question word ("hw" for "how").
 */
function openingSlip(word: string): string | undefined {
  const slip = slipOf(word, WH, 3);
  if (slip) return slip;
  // ("wot does RAYG stand for": typed as it sounds, as the one question word that sounds so. Not a word that carries no
  // topic of its own: "at the JAPR, who…".)
  const alike = STOP_WORDS.has(word) ? undefined : WH_BY_SOUND.get(doubleMetaphone(word)[0]);
  if (alike?.length === 1) return alike[0];
  if (isEnglishWord(word)) return undefined;
  // (And, English not having it, one letter from a short one: "hw many…" is "how many…".)
  return slipOf(word, WH, 4, 2) ?? slipOf(word, WH, 2, 1, 3);
}

/**
 * The question with its slips mended before it is read ("gettin rewritten" → "getting rewritten"): a lower-case word
 * neither the papers nor English have, and that is a slip for a word of the papers other than a name, is that word — so
 * the tagger reads it as the word it is, a light verb as a light verb and a document's name as that name.
 */
function repairSlips(kb: KnowledgeBase, typed: string): { text: string; mended: Set<string> } {
  const mended = new Set<string>();
  const all = words(typed);
  const text = typed.replace(/\b[a-z]{4,}\b/g, (w, at: number) => {
    if (typed[at - 1] === "'" || known(kb, w) || isEnglishWord(w)) return w;
    // (Nor a word beside a name's: "ann rickards" is someone the papers may not name, not a slip.)
    const k = words(typed.slice(0, at)).length;
    if ([all[k - 1], all[k + 1]].some((x) => x !== undefined && kb.nameWords.has(x))) return w;
    const c = closestWord(kb, w);
    if (!c || c.name) return w;
    // (A word mended is still only a guess at what was meant: it weighs as a correction.)
    mended.add(c.word);
    return c.word;
  });
  return { text, mended };
}

/** A word as the documents spell it: itself when known, its correction otherwise. */
function spelled(kb: KnowledgeBase, w: string): string {
  if (known(kb, w)) return w;
  const c = closestWord(kb, w);
  return c && !c.name ? c.word : w;
}
