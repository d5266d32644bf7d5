/**
 * The calendar day an instant falls on in a time zone, as YYYY-MM-DD: what "today", "overdue" and "due"
 * are judged by. One formatter per time zone, kept at module level (a memo of a pure function, decision
 * 0007): building an `Intl.DateTimeFormat` costs ~0.1 ms, and every message asks for today's date.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function isoDate(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
