/**
 * Turns a list cell into its bullets. Later pages mark bullets with "•"; earlier ones lost their
 * markers in extraction, so items simply run on ("…and colleges To develop, pilot…"). Where markers
 * are missing we split where a new item evidently starts:
 *  - no full stop, but the next word is one that opens items (learned from the marked bullets and the
 *    first item of each list, plus determiners, pronouns, numerals and action verbs), or a capitalised
 *    word that the paper otherwise writes in lower case ("…value for money Agreed arrangements…");
 *  - a full stop, unless the next sentence refers back ("This…", "Again…", "For example…", "…also…"),
 *    in which case it belongs to the same item.
 */
import { cellBlocks } from './parse-table.js';

/** What the splitter knows about how items start, learned from the whole table. */
export interface BulletLexicon {
  /** Capitalised words that open an item. */
  starters: Set<string>;
  /** "Children and": two-word openings, trusted even right after an acronym ("…with SEND Children and…"). */
  starterBigrams: Set<string>;
  /** Words the paper writes in lower case somewhere. */
  lowercaseWords: Set<string>;
}

/** Words that open list items in plans like this one, whatever the paper. */
const BASE_STARTERS = new Set(
  (
    'A An The This These Those There It Its He She They We Our Each Every All Some Many Much More Most Few Both ' +
    'One Two Three Four Five Six Seven Eight Nine Ten First Second Third To ' +
    'Review Develop Deliver Ensure Continue Complete Identify Determine Respond Establish Implement Publish Agree ' +
    'Provide Improve Promote Consult Evaluate Monitor Create Produce Build Strengthen Commission Undertake Explore ' +
    'Consider Increase Reduce Embed Maintain Share Analyse Agree Prepare Scope Map Design Pilot Introduce Extend'
  ).split(' '),
);

/** After an acronym ("SEND", "DSPL") a capitalised noun usually continues a name, so only these split. */
const FUNCTION_STARTERS = new Set(
  'A An The This These Those There It He She They We Each Every All Some One Two Three Four Five To'.split(' '),
);

/** Words after which an item cannot end. */
const CONNECTORS = new Set(
  (
    'and or of for the to with in at by from a an on into through including across as than that which whose ' +
    'between within such its their our his her all each every some any more most no not is are was were be been ' +
    'has have had will would can could should may might must early late mid about over under per via'
  ).split(' '),
);

/** A sentence opening with one of these carries on the previous item. */
const CONTINUATIONS = new Set(
  'this these that those it its he she his her they their them again also currently however as such therefore thus so here'.split(' '),
);
const CONTINUATION_PHRASES = ['for example', 'for instance', 'in addition', 'as a result', 'in particular'];

const MONTHS = new Set(
  'january february march april may june july august september october november december'.split(' '),
);
const ABBREVIATIONS = /^(dr|mr|mrs|ms|st|e\.g|i\.e|etc|no|vs|cf)\.$/i;

const bare = (token: string): string => token.replace(/^[("'‘“]+|[).,;:!?"'’”]+$/g, '');
const isCapitalised = (token: string): boolean => /^[A-Z]/.test(token);
const isAcronym = (token: string): boolean => (token.match(/[A-Z]/g) ?? []).length >= 2 && token.length <= 7;

/** Learns item openings and lower-case vocabulary from every list cell of the table. */
export function learnLexicon(listCells: string[]): BulletLexicon {
  const starters = new Set(BASE_STARTERS);
  const starterBigrams = new Set<string>();
  const lowercaseWords = new Set<string>();
  const learnOpening = (text: string): void => {
    const [first, second] = text.trim().split(/\s+/);
    if (first === undefined || !isCapitalised(first)) return;
    starters.add(bare(first));
    if (second !== undefined) starterBigrams.add(`${bare(first)} ${bare(second).toLowerCase()}`);
  };
  for (const cell of listCells) {
    for (const block of cellBlocks(cell)) {
      for (const token of block.text.split(/\s+/)) {
        const word = bare(token);
        if (/^[a-z][a-z-]*$/.test(word)) lowercaseWords.add(word);
      }
      if (block.text.includes('•')) block.text.split('•').slice(1).forEach(learnOpening);
      else if (block.kind === 'list') learnOpening(block.text);
    }
  }
  return { starters, starterBigrams, lowercaseWords };
}

/** A list cell's bullets; `continuation` is leading text that finishes the previous page's last bullet. */
export interface ParsedList {
  continuation?: string;
  items: string[];
}

/** Splits one list cell into its bullets. */
export function parseListCell(cell: string, lexicon: BulletLexicon): ParsedList {
  const items: string[] = [];
  for (const block of cellBlocks(cell)) {
    if (block.text.includes('•')) {
      const [before, ...bullets] = block.text.split('•');
      if (before!.trim() !== '') items.push(...splitRunOn(before!, lexicon));
      items.push(...bullets.map((b) => b.trim()).filter((b) => b !== ''));
    } else {
      items.push(...splitRunOn(block.text, lexicon));
    }
  }
  const first = items[0];
  if (first !== undefined && /^[a-z]/.test(first)) return { continuation: items.shift(), items };
  return { items };
}

/** Splits text whose bullet markers were lost. */
export function splitRunOn(text: string, lexicon: BulletLexicon): string[] {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  const items: string[][] = [];
  let current: string[] = [];
  tokens.forEach((token, i) => {
    if (i > 0 && startsNewItem(tokens, i, lexicon)) {
      items.push(current);
      current = [];
    }
    current.push(token);
  });
  if (current.length > 0) items.push(current);
  return items.map((words) => words.join(' '));
}

function startsNewItem(tokens: string[], i: number, lexicon: BulletLexicon): boolean {
  const prev = tokens[i - 1]!;
  const word = tokens[i]!;
  const next = tokens[i + 1];
  if (/[.!?][’'"”)]*$/.test(prev) && !ABBREVIATIONS.test(prev)) {
    return (isCapitalised(word) || /^\d/.test(word)) && !continuesSentence(tokens, i);
  }
  if (/[,;:(/–-]$/.test(prev) || CONNECTORS.has(bare(prev).toLowerCase())) return false;
  const prevWord = bare(prev);
  if (/^\d+$/.test(word)) return startsWithNumber(prevWord, Number(word));
  if (!isCapitalised(word)) return false;
  const w = bare(word);
  if (isAcronym(prevWord)) {
    return FUNCTION_STARTERS.has(w) || (next !== undefined && lexicon.starterBigrams.has(`${w} ${bare(next).toLowerCase()}`));
  }
  if (lexicon.starters.has(w)) return true;
  // "…fit for purpose Determine whether…": a word the paper writes in lower case, capitalised after a
  // lower-case word and before one, is a sentence start. After a capitalised word it is part of a name
  // ("Dedicated Schools Funding for…").
  return /^[a-z]/.test(prev) && lexicon.lowercaseWords.has(w.toLowerCase()) && next !== undefined && /^[a-z]/.test(next);
}

/** "…published in early September 134 headteachers…" starts an item; "October 2015 160 schools" does not. */
function startsWithNumber(prevWord: string, n: number): boolean {
  if (!isCapitalised(prevWord) || isAcronym(prevWord)) return false;
  if (MONTHS.has(prevWord.toLowerCase())) return n > 31 && !(n >= 1900 && n <= 2100);
  return true;
}

function continuesSentence(tokens: string[], i: number): boolean {
  const opening = tokens.slice(i, i + 3).map((t) => bare(t).toLowerCase());
  if (CONTINUATIONS.has(opening[0]!)) return true;
  if (CONTINUATION_PHRASES.includes(opening.slice(0, 2).join(' '))) return true;
  return opening.slice(1).includes('also');
}
