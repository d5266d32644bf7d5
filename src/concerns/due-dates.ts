/**
 * Deadlines the strategy attaches to a concern. Wording checked against the 2021-2026 strategy:
 * - warning notice: "initial compliance period, beginning with the day when the warning notice is given
 *   and ending 15 days later" (Appendix A ¶37) → given + 15 calendar days;
 * - Ofsted category: "a statement of action within ten days of the inspection report being published"
 *   (¶23) → published + 10 calendar days (the strategy says days, not working days);
 * - register: "expected to remain on the register no longer than 18 months" (¶27) → added + 18 months.
 * All dates are calendar dates (YYYY-MM-DD), computed in UTC so no timezone shifts a day.
 */
import { isoDate as dayIn } from '../language/local-date';
import type { ConcernDraft, Deadline } from './concern-types';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 2026-02-30 is false). */
export function isCalendarDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parse(value: string): Date {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return new Date(`${value}T00:00:00Z`);
}

const format = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** Adds calendar months; a day past the new month's end lands on its last day (31 Aug + 18 months → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return format(target);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

/** Today's date where the partnership works (Europe/London by default), as YYYY-MM-DD. */
export function localDate(now: Date, timeZone = 'Europe/London'): string {
  return dayIn(now, timeZone);
}

/** Human form for cards: "Fri 4 Dec 2026". */
export function displayDate(date: string): string {
  return parse(date).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

export const warningNoticeComplianceDays = 15;
export const statementOfActionDays = 10;
export const registerExpectedMonths = 18;

/**
 * The deadlines of a concern. `issuedOn` falls back to `raisedOn` (the day it was raised) because a
 * warning notice or register entry reported without a date was, as far as we know, given that day.
 */
export function deriveDeadlines(draft: Pick<ConcernDraft, 'kind' | 'issuedOn' | 'dueOn'>, raisedOn: string): Deadline[] {
  const from = draft.issuedOn ?? raisedOn;
  switch (draft.kind) {
    case 'warning-notice':
      return [
        {
          key: 'compliance-period-end',
          label: 'Compliance period ends',
          date: draft.dueOn ?? addDays(from, warningNoticeComplianceDays),
        },
      ];
    case 'ofsted-category':
      return [
        { key: 'statement-of-action-due', label: 'Statement of action due', date: addDays(from, statementOfActionDays) },
        ...(draft.dueOn ? [{ key: 'due' as const, label: 'Due', date: draft.dueOn }] : []),
      ];
    case 'register':
      return [
        { key: 'expected-exit', label: 'Expected to leave the register by', date: addMonths(from, registerExpectedMonths) },
        ...(draft.dueOn ? [{ key: 'due' as const, label: 'Due', date: draft.dueOn }] : []),
      ];
    default:
      return draft.dueOn ? [{ key: 'due', label: 'Due', date: draft.dueOn }] : [];
  }
}
