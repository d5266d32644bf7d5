/**
 * Finds the dated commitments in a bullet ("will commence in January", "reported by February half
 * term") and resolves them to dates. The paper names months without years and is itself undated,
 * so we first estimate its date from the months it speaks of in the past tense, then place each
 * future month at its occurrence nearest that date. Everything resolved here is marked derived.
 */
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const MONTH = `(${MONTH_NAMES.join('|')})`;
const DATE_PHRASE = new RegExp(
  `\\b(?:(between now and|by|in|during|before|from|until|after|at)\\s+)?(?:(early|mid|late|the end of)\\s+)?${MONTH}(?:\\/${MONTH})?(?:\\s+(\\d{4}))?(?:\\s+(half[- ]term))?`,
  'g',
);

/** Something will happen: future, scheduled or ongoing towards a date. */
const FUTURE = /\b(will|shall)\b|\bbeing \w+ed\b|\b(is|are) \w+ing\b|\b(is|are) (due|expected|planned|scheduled) to\b|\bbetween now and\b/i;
const PAST = /\b(was|were|has been|have been|had|met|took|began|held|\w+ed)\b/i;
const FINITE = /\b(is|are|was|were|will|shall|has|have|had|\w+ed|met|took|began|held)\b/i;
const VERB_LED = /^(is|are|was|were|will|shall|has|have|had|\w+ed|met|took|began|held)\b/i;

/** A month-year, as months since year 0 (so that "nearest" is a subtraction). */
export type MonthIndex = number;
export const monthIndex = (year: number, month0: number): MonthIndex => year * 12 + month0;
const yearOf = (m: MonthIndex): number => Math.floor(m / 12);
const monthOf = (m: MonthIndex): number => m % 12;

/** A date phrase in its clause, before resolution. */
export interface DatedClause {
  /** The phrase as written ("by February half term"). */
  phrase: string;
  preposition?: string;
  modifier?: string;
  /** Month numbers (0-based); two for "January/February". */
  months: number[];
  year?: number;
  halfTerm: boolean;
  /** The clause the phrase belongs to, and the whole sentence. */
  clause: string;
  sentence: string;
  tense: 'future' | 'past' | 'other';
}

/** Every month-named phrase in a bullet, with the clause it sits in and that clause's tense. */
export function findDatedClauses(item: string): DatedClause[] {
  const found: DatedClause[] = [];
  for (const sentence of item.split(/(?<=[.!?])\s+(?=[A-Z0-9])/)) {
    for (const m of sentence.matchAll(DATE_PHRASE)) {
      const [phrase, preposition, modifier, first, second, year, halfTerm] = m;
      // "As at October 2015" dates a status: a past fact, never a commitment
      const status = preposition === 'at' && /\bas\s*$/i.test(sentence.slice(0, m.index));
      const { clause, tenseClause } = clauseAround(sentence, m.index, m.index + phrase.length);
      const months = [first, second].filter((x): x is string => x !== undefined).map((x) => MONTH_NAMES.indexOf(x as (typeof MONTH_NAMES)[number]));
      const future = !status && (FUTURE.test(tenseClause) || preposition === 'between now and');
      found.push({
        phrase: phrase.trim(),
        ...(preposition ? { preposition } : {}),
        ...(modifier ? { modifier } : {}),
        months,
        ...(year ? { year: Number(year) } : {}),
        halfTerm: halfTerm !== undefined,
        clause,
        sentence,
        tense: future ? 'future' : status || PAST.test(tenseClause) ? 'past' : 'other',
      });
    }
  }
  return found;
}

/**
 * The clause around [start, end): coordinated clauses are cut at "and"/"with" when both sides carry
 * a verb ("…agreed the increase and final numbers … is being reported … in January"). A clause that
 * opens with its verb shares the sentence's subject, so its title is the whole sentence while its
 * tense is its own ("A strategy is being developed and will be presented … in January").
 */
function clauseAround(sentence: string, start: number, end: number): { clause: string; tenseClause: string } {
  let left = 0;
  let verbLed = false;
  for (const m of sentence.slice(0, start).matchAll(/\s(and|with)\s/g)) {
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length, start);
    const joinsClauses = m[1] === 'with' ? /\bbeing\b/.test(after) : FINITE.test(before) && FINITE.test(after);
    if (joinsClauses) {
      left = m.index + m[0].length;
      verbLed = VERB_LED.test(after);
    }
  }
  let right = sentence.length;
  for (const m of sentence.slice(end).matchAll(/\s(and|with)\s/g)) {
    const after = sentence.slice(end + m.index + m[0].length);
    const joinsClauses =
      m[1] === 'with' ? /\bbeing\b/.test(after) : VERB_LED.test(after) || FINITE.test(after.split(/[,.;]/)[0] ?? '');
    if (joinsClauses) {
      right = end + m.index;
      break;
    }
  }
  const tenseClause = sentence.slice(left, right).trim();
  return { clause: verbLed ? sentence.slice(0, right).trim() : tenseClause, tenseClause };
}

/** The occurrence of `month0` nearest to `reference` (ties go forward). */
export function nearestOccurrence(month0: number, reference: MonthIndex): MonthIndex {
  const sameYear = monthIndex(yearOf(reference), month0);
  const candidates = [sameYear - 12, sameYear, sameYear + 12];
  return candidates.reduce((a, b) => (Math.abs(b - reference) < Math.abs(a - reference) ? b : a));
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (year: number, month0: number, day: number): Date => new Date(Date.UTC(year, month0, day));

/**
 * English school half terms: February's is the week of the third Monday, May's the last week of May,
 * October's the last week of October. Returns that Monday.
 */
function halfTermMonday(year: number, month0: number): Date {
  if (month0 === 1) {
    const firstMonday = ((8 - utc(year, 1, 1).getUTCDay()) % 7) + 1;
    return utc(year, 1, firstMonday + 14);
  }
  const last = utc(year, month0 + 1, 0);
  return utc(year, month0, last.getUTCDate() - ((last.getUTCDay() + 6) % 7));
}

/** The due date a phrase implies, as YYYY-MM-DD. */
export function resolveDue(clause: DatedClause, reference: MonthIndex): string {
  const month0 = clause.months[clause.months.length - 1]!;
  const m = clause.year !== undefined ? monthIndex(clause.year, month0) : nearestOccurrence(month0, reference);
  const year = yearOf(m);
  const month = monthOf(m);
  if (clause.halfTerm) {
    const monday = halfTermMonday(year, month);
    // "by half term" means by the last school day before it
    return iso(clause.preposition === 'by' ? new Date(monday.getTime() - 3 * 86_400_000) : monday);
  }
  if (clause.preposition === 'before') return iso(utc(year, month, 0));
  if (clause.preposition === 'from' || clause.preposition === 'after') return iso(utc(year, month, 1));
  if (clause.modifier === 'early') return iso(utc(year, month, 10));
  if (clause.modifier === 'mid') return iso(utc(year, month, 15));
  return iso(utc(year, month + 1, 0));
}

/** Estimates the paper's month: the month after the latest month its text treats as past. */
export function estimatePaperMonth(items: string[]): { month: MonthIndex; basis: string } {
  const clauses = items.flatMap(findDatedClauses);
  const anchors = clauses.filter((c) => c.year !== undefined && c.tense !== 'future');
  const anchorClause = anchors.sort((a, b) => b.year! * 12 + b.months[0]! - (a.year! * 12 + a.months[0]!))[0];
  if (!anchorClause) throw new Error('cannot date the paper: no past month with a year');
  const anchor = monthIndex(anchorClause.year!, anchorClause.months[0]!);
  let latest = anchor;
  let latestPhrase = anchorClause.clause;
  for (const c of clauses) {
    if (c.tense !== 'past' || c.year !== undefined) continue;
    const at = nearestOccurrence(c.months[c.months.length - 1]!, anchor);
    if (at > latest) {
      latest = at;
      latestPhrase = c.clause;
    }
  }
  const month = latest + 1;
  const basis =
    `The paper is undated. Its latest dated status is "${anchorClause.phrase}"; the latest month it speaks of in the past ` +
    `is ${MONTH_NAMES[monthOf(latest)]} ${yearOf(latest)} ("${latestPhrase}"), so it is taken to be from ` +
    `${MONTH_NAMES[monthOf(month)]} ${yearOf(month)}.`;
  return { month, basis };
}

/** "2016-01" for a month index. */
export const formatMonth = (m: MonthIndex): string => `${yearOf(m)}-${String(monthOf(m) + 1).padStart(2, '0')}`;
/** "January 2016" for a month index. */
export const monthLabel = (m: MonthIndex): string => `${MONTH_NAMES[monthOf(m)]} ${yearOf(m)}`;
