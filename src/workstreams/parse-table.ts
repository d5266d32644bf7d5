/**
 * Reads the progress paper's tab-separated table into rows, gluing page continuations back on.
 *
 * The extraction repeats the paper's heading at each page break and starts a row that runs over the
 * page with an empty first cell, so a row is "a named line plus any unnamed lines that follow it".
 */

/** One workstream row as extracted: its name and every piece of each column, in page order. */
export interface RawRow {
  name: string;
  /** `pieces[c]` holds column c+1's cell text from the main line and each continuation line. */
  pieces: string[][];
}

export interface RawTable {
  /** The first non-empty line: the paper's heading. */
  title: string;
  /** The header row's cells ("Workstream", "Lead & Representatives", ...). */
  columns: string[];
  rows: RawRow[];
}

/** Splits the paper into heading, header row and workstream rows (continuations merged). */
export function parseTable(text: string): RawTable {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const title = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const tableLines = lines.filter((l) => l.includes('\t'));
  const [header, ...body] = tableLines;
  if (header === undefined) throw new Error('no tab-separated table found');
  const columns = header.split('\t').map((c) => c.trim());
  const width = columns.length;
  const rows: RawRow[] = [];
  for (const line of body) {
    const cells = line.split('\t');
    while (cells.length < width) cells.push('');
    const name = cells[0]!.trim();
    const rest = cells.slice(1, width).map((c) => c.trim());
    if (name !== '') {
      rows.push({ name, pieces: rest.map((c) => [c]) });
      continue;
    }
    const previous = rows[rows.length - 1];
    if (previous === undefined) throw new Error(`continuation line before any workstream: ${line.slice(0, 60)}`);
    rest.forEach((c, i) => previous.pieces[i]!.push(c));
  }
  return { title, columns, rows };
}

/** Lower-case hyphenated slug: "Speech, Language and Communication Needs" → "speech-language-and-communication-needs". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A cell cut into blocks at its HTML structure; bullets inside a block are marked "•". */
export interface CellBlock {
  kind: 'list' | 'paragraph' | 'text';
  text: string;
}

const TAG = /<\s*(\/?)\s*(ul|ol|li|p|br)\b[^>]*>/gi;

/** Cuts cell HTML into blocks: `<ul>` starts a list, `<p>` a paragraph, `<li>` marks a bullet. */
export function cellBlocks(cell: string): CellBlock[] {
  const blocks: CellBlock[] = [];
  let current: CellBlock = { kind: 'text', text: '' };
  const flush = (next: CellBlock['kind']): void => {
    if (current.text.trim() !== '') blocks.push({ kind: current.kind, text: current.text.trim() });
    current = { kind: next, text: '' };
  };
  let at = 0;
  for (const match of cell.matchAll(TAG)) {
    current.text += decodeEntities(cell.slice(at, match.index));
    at = match.index + match[0].length;
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (tag === 'li') {
      if (!closing) current.text += ' • ';
    } else if (tag === 'br') {
      current.text += ' ';
    } else if (closing) {
      flush('text');
    } else {
      flush(tag === 'p' ? 'paragraph' : 'list');
    }
  }
  current.text += decodeEntities(cell.slice(at));
  flush('text');
  return blocks.map((b) => ({ ...b, text: b.text.replace(/\s+/g, ' ') }));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
