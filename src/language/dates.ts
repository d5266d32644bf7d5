/**
 * Dates in what people type, read with chrono (en-GB: day before month): "since 1 March", "last week",
 * "by oct 2015". Nothing here lists month names by hand.
 */
// English only: chrono's package index loads all 16 languages (266 modules, ~240 ms of every start).
import * as chronoEn from 'chrono-node/en';

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/**
 * The date a phrase means, as YYYY-MM-DD, never after `today` (YYYY-MM-DD): "1 March" is the latest
 * 1 March on or before today, "Monday" the latest Monday before today.
 */
export function parseDateOnOrBefore(text: string, today: string): string | undefined {
  const ref = new Date(`${today}T12:00:00Z`);
  const result = chronoEn.GB.parse(text, ref)[0];
  if (!result) return undefined;
  const c = result.start;
  const at = (year: number): string => `${year}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`;
  let iso = at(c.get('year') ?? ref.getUTCFullYear());
  if (iso > today && !c.isCertain('year') && c.isCertain('month')) iso = at((c.get('year') ?? ref.getUTCFullYear()) - 1);
  if (iso >= today && c.isCertain('weekday') && !c.isCertain('day')) {
    const d = new Date(`${iso}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 7);
    iso = d.toISOString().slice(0, 10);
  }
  return iso;
}

/**
 * Reads the dates in a question: `text` with its calendar dates written out in full ("by oct 2015" → "by October
 * 2015") so they meet the documents' words; `present`, the words of a date that only means the time of asking ("today's
 * strategy", "tonight"), which says "as things stand" rather than naming a date to look for.
 */
export function readDates(typed: string): { text: string; present: Set<string> } {
  let text = typed;
  const present = new Set<string>();
  for (const r of chronoEn.GB.parse(typed).reverse()) {
    const tags = [...r.tags()];
    if (tags.some((t) => t.startsWith('casualReference'))) for (const w of r.text.toLowerCase().match(/[a-z]+/g) ?? []) present.add(w);
    if (tags.some((t) => t.startsWith('casualReference') || t.startsWith('result/relative'))) continue;
    if (!/[a-z]/i.test(r.text) || !r.start.isCertain('month')) continue;
    const c = r.start;
    const month = monthName.format(new Date(Date.UTC(2000, (c.get('month') ?? 1) - 1, 1)));
    const written = `${c.isCertain('day') ? `${c.get('day')} ` : ''}${month}${c.isCertain('year') ? ` ${c.get('year')}` : ''}`;
    text = `${text.slice(0, r.index)}${written}${text.slice(r.index + r.text.length)}`;
  }
  // A school year written short ("places for 16-17", "the 23-24 learning offer") is written as the papers write it:
  // "2016-17". (Two years in a row only: "10-15 minutes" is no year.)
  text = text.replace(/\b(\d\d)-(\d\d)\b/g, (span, first: string, second: string) =>
    Number(second) === (Number(first) + 1) % 100 ? `20${first}-${second}` : span,
  );
  return { text, present };
}
