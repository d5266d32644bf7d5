/**
 * Reads acronym → expansion pairs from a glossary, including one extracted as a single long line
 * ("CEO – Chief Executive Officer CLA - Children Looked After CPD – …").
 */

import type { GlossaryEntry } from './knowledge-types';

/** An acronym-like token: two or more capitals among letters ("HfL", "DfE", "EBacc", "SEAs"). */
const ACRONYM = /^[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*\.?$/;

/**
 * Parses glossary text. Each " – " / " - " separator ends a term; the term is the last
 * acronym-like token before it plus up to two following words ("RAYG rating", "SSH Exec."), and the
 * expansion runs up to where the next term starts.
 */
export function parseGlossary(text: string): Array<{ acronym: string; expansion: string }> {
  const flat = text.replace(/\s+/g, ' ').trim();
  const separators = [...flat.matchAll(/\s[–—-]\s/g)];
  const terms: Array<{ start: number; end: number; term: string }> = [];
  for (const sep of separators) {
    const at = sep.index ?? 0;
    const before = flat.slice(0, at).split(' ');
    let k = before.length - 1;
    while (k >= 0 && before.length - 1 - k <= 2 && !ACRONYM.test(before[k] ?? '')) k--;
    if (k < 0 || before.length - 1 - k > 2) continue;
    const term = before.slice(k).join(' ');
    const start = at - term.length;
    terms.push({ start, end: at + sep[0].length, term });
  }
  const out: Array<{ acronym: string; expansion: string }> = [];
  terms.forEach((t, i) => {
    const next = terms[i + 1]?.start ?? flat.length;
    const expansion = flat
      .slice(t.end, next)
      .trim()
      .replace(/[.;,]$/, '');
    if (expansion && expansion.length <= 120) out.push({ acronym: t.term, expansion });
  });
  return out;
}

/** The singular acronym for a plural one in the glossary ("SEAs" → "SEA", "HIPs" → "HIP"). */
export function singularAcronym(acronym: string): string {
  return /[A-Z]s$/.test(acronym) ? acronym.slice(0, -1) : acronym;
}

const JOINERS = new Set(['of', 'for', 'and', 'the', 'in', 'on', '&', 'to']);

/**
 * Acronyms defined in running text, "Herts for Learning (HfL)" or "School Effectiveness Board – SSEB":
 * accepted only when the initials of the words before the brackets or dash spell the acronym.
 */
export function inlineAcronyms(text: string): Array<{ acronym: string; expansion: string }> {
  const out: Array<{ acronym: string; expansion: string }> = [];
  for (const m of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)|\s[–—-]\s([A-Z]{2,7})\b/g)) {
    const acronym = m[1] ?? m[2] ?? '';
    const letters = singularAcronym(acronym).replace(/[a-z]/g, '').toLowerCase();
    if (letters.length < 2) continue;
    const before = text
      .slice(Math.max(0, (m.index ?? 0) - 160), m.index)
      .trim()
      .split(/\s+/);
    let li = letters.length - 1;
    let wi = before.length - 1;
    while (wi >= 0 && li >= 0) {
      const w = (before[wi] ?? '').replace(/[^A-Za-z-]/g, '');
      if (!w) break;
      if (w.charAt(0).toLowerCase() === letters[li]) li--;
      else if (!JOINERS.has(w.toLowerCase())) break;
      if (li >= 0) wi--;
    }
    if (li < 0 && wi >= 0)
      out.push({
        acronym,
        expansion: before
          .slice(wi)
          .join(' ')
          .replace(/^[^A-Za-z]+/, ''),
      });
  }
  return out;
}

/** A heading without the bracketed aliases at its end ("Specific Learning Difficulties (SpLD)" → its name). */
export const nameOfHeading = (heading: string): string => heading.replace(/\s*\(.*\)\s*$/, '').trim();

/**
 * What people abbreviate a title-case name to: "Quality SEND Offer" → QSO, "Educational Psychology
 * Services" → EPS. Every heading whose words (apart from joiners) all start with a capital gives its
 * initials, three letters or more; a heading's own bracketed aliases are left out of it.
 */
export function headingInitialisms(headings: Iterable<{ heading: string; section: number }>): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const { heading, section } of headings) {
    const name = nameOfHeading(heading);
    const ws = name.split(/[\s,]+/).filter((w) => w && !JOINERS.has(w.toLowerCase()));
    if (ws.length >= 3 && ws.every((w) => /^[A-Z]/.test(w))) out.push({ acronym: ws.map((w) => w.charAt(0)).join(''), expansion: name, section });
  }
  return out;
}

/**
 * Initials of the names running text writes in capitals, two words or more without a joiner between ("United Nations"
 * → UN), and of each run of two inside a longer one: a question may type them in capitals ("which UN goal…").
 * (Not a sentence's first word, which is capitalised anyway.)
 */
export function textRunInitialisms(texts: Iterable<{ text: string; section: number }>): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const { text, section } of texts)
    for (const sentence of text.split(/(?<=[.!?:;])\s+/)) {
      const ws = sentence
        .split(/[\s,()"“”‘’']+/)
        .filter(Boolean)
        .slice(1);
      let run: string[] = [];
      const close = (): void => {
        for (let i = 0; i + 1 < run.length; i++)
          out.push({ acronym: `${run[i]?.charAt(0)}${run[i + 1]?.charAt(0)}`, expansion: `${run[i]} ${run[i + 1]}`, section });
        run = [];
      };
      for (const w of ws) {
        if (/^[A-Z][a-z]+$/.test(w)) run.push(w);
        else close();
      }
      close();
    }
  return out;
}

/**
 * Initials of the shorter names inside headings, a run of two or more capitalised words between joiners: "Alternative
 * Provision" (AP) in "Behaviour and Alternative Provision", "Special Measures" (SM). Two letters often spell an English
 * word too ("ap"), so these stand for the name only where a question types them in capitals.
 */
export function headingRunInitialisms(headings: Iterable<{ heading: string; section: number }>): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  for (const { heading, section } of headings) {
    let run: string[] = [];
    const close = (): void => {
      if (run.length >= 2) out.push({ acronym: run.map((w) => w.charAt(0)).join(''), expansion: run.join(' '), section });
      run = [];
    };
    for (const w of nameOfHeading(heading).split(/[\s,]+/)) {
      if (/^[A-Z][a-z]/.test(w) && !JOINERS.has(w.toLowerCase())) run.push(w);
      else close();
    }
    close();
  }
  return out;
}
