/**
 * Tables extracted as tab-separated rows (the SEND workstreams paper): one section per row, named
 * by its first cell. A row whose first cell is empty continues the row above — that is how a row
 * broken across a page comes out, under a repeated page heading that has already been dropped.
 */
import { cellToBlocks, cleanInline, type StarterTest } from './clean-text';
import type { Block } from './knowledge-types';

/** A header row: three or more short, capitalised, markup-free cells. */
export function isTableHeader(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return (
    filled.length >= 3 &&
    filled.length === cells.length &&
    filled.every((c) => c.length <= 40 && c.split(/\s+/).length <= 6 && /^[A-Z]/.test(c) && !/[<>]|[.,;:]$/.test(c))
  );
}

/** Words that belong to job titles, never to a person's name. */
const ROLE_WORDS = new Set(
  (
    'Head Heads Headteacher Teacher Parent Primary Secondary Special School Schools Deputy Senior Advisory Lead County ' +
    'Manager Officer Commissioner Principal Assistant Learning Post Group Forum Board Service Services Centre Health ' +
    'Business Executive Educational Psychologist Provision Needs Support Member Chair Director'
  ).split(' '),
);

function nameLike(token: string): boolean {
  if (token === '(Sub)') return true;
  if (ROLE_WORDS.has(token) || /\d/.test(token) || /^[A-Z]{2,}$/.test(token)) return false;
  return /^[A-Z][a-zA-Z'’]*[a-z](-[A-Z][a-z'’]+)?$/.test(token) || /^[a-z]+[A-Z][\w'’-]*$/.test(token);
}

/** The person's name at the end of "Role text Firstname Lastname", or 0 tokens when there is none. */
function trailingNameLength(tokens: string[]): number {
  let n = tokens[tokens.length - 1] === '(Sub)' ? 1 : 0;
  const base = n;
  while (n < tokens.length && n - base < 3 && nameLike(tokens[tokens.length - 1 - n] ?? '')) n++;
  if (n - base < 2) return 0;
  // A third name-like word is part of the name only when a job-title word closes the role before it.
  if (n - base === 3 && !ROLE_WORDS.has(tokens[tokens.length - 1 - n] ?? '')) n--;
  return n;
}

/**
 * Splits a "Name, Role Name, Role …" cell into people ("Jennie Newman, County Lead for SEN"). A
 * segment between commas with no name at its end continues the previous role (a role with a comma).
 */
export function splitPeople(cell: string): string[] {
  const [first = '', ...rest] = cell.split(/,\s+/);
  if (rest.length === 0) return [cell];
  const people: string[] = [];
  let tokens = first.split(/\s+/);
  let name = first;
  const lead = tokens.length <= 3 && tokens.every(nameLike) ? tokens.length : trailingNameLength(tokens);
  if (lead > 0 && lead < tokens.length) {
    people.push(tokens.slice(0, tokens.length - lead).join(' '));
    name = tokens.slice(tokens.length - lead).join(' ');
  }
  let role: string[] = [];
  for (const [i, segment] of rest.entries()) {
    const last = i === rest.length - 1;
    tokens = segment.split(/\s+/);
    const n = last ? 0 : trailingNameLength(tokens);
    if (n === 0 || n === tokens.length) {
      role.push(segment);
      if (last) people.push(`${name}, ${role.join(', ')}`);
      continue;
    }
    role.push(tokens.slice(0, tokens.length - n).join(' '));
    people.push(`${name}, ${role.join(', ')}`);
    role = [];
    name = tokens.slice(tokens.length - n).join(' ');
  }
  return people;
}

/** The lead/people column becomes "Lead: …" and "Representatives: …"; other columns are labelled with their header. */
function cellBlocks(header: string, cell: string, isStarter: StarterTest): Block[] {
  const blocks = cellToBlocks(cell, isStarter);
  if (!blocks.length) return [];
  if (/\blead\b|representative|members?\b|contact/i.test(header)) {
    const people = blocks.flatMap((b) => splitPeople(b.text));
    const out: Block[] = [{ text: `Lead: ${people[0]}.`, list: false }];
    if (people.length > 1) out.push({ text: `Representatives: ${people.slice(1).join('; ')}.`, list: false });
    return out;
  }
  const label = cleanInline(header);
  if (blocks.every((b) => b.list)) return [{ text: `${label}:`, list: false }, ...blocks];
  return blocks.map((b, i) => (i === 0 ? { text: `${label}: ${b.text}`, list: b.list } : b));
}

/** A column that says where the row's subject stands ("Summary of Current Position", "Status", "Progress"). */
const SUMMARY_COLUMN = /\b(?:current position|position|status|progress)\b/i;

/**
 * One section per cell of each logical row (continuations merged), path = [first cell, column heading], as
 * the workstream registry cites the paper ("Autism › Summary of Current Position"). The cell of a column
 * that says where the row stands is marked as the row's summary, so "what did it say about autism?" gets it.
 */
export function tableToSections(
  header: string[],
  rows: string[][],
  isStarter: StarterTest,
): Array<{ path: string[]; blocks: Block[]; summary?: true }> {
  const merged: string[][] = [];
  for (const row of rows) {
    const last = merged[merged.length - 1];
    if (!row[0]?.trim() && last) {
      row.forEach((cell, j) => {
        // A paragraph that opens in lower case is the rest of the sentence cut by the page break.
        const rest = cell.replace(/^\s*<p>\s*([a-z][^<]*)<\/p>/, '$1');
        if (rest.trim()) last[j] = last[j] ? `${last[j]} ${rest}` : rest;
      });
    } else {
      merged.push([...row]);
    }
  }
  return merged.flatMap((row) => {
    const [first] = row;
    if (!first?.trim()) return [];
    return header.slice(1).flatMap((h, j) => {
      const blocks = cellBlocks(h, row[j + 1] ?? '', isStarter);
      if (!blocks.length) return [];
      return [{ path: [cleanInline(first), cleanInline(h)], blocks, ...(SUMMARY_COLUMN.test(h) ? { summary: true as const } : {}) }];
    });
  });
}
