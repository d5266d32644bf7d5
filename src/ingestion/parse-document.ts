/**
 * Turns the extracted text of one document into titled sections of clean blocks: detects headings
 * in plain text and markdown, drops repeated page headings, tables of contents and garbled repeats,
 * and hands tables to `table-sections`.
 */
import { cellToBlocks, cleanInline, normaliseCharacters, starterTestFor } from './clean-text';
import { dropNearDuplicateBlocks } from './near-duplicates';
import { isTableHeader, tableToSections } from './table-sections';
import type { Block, ParsedDocument } from './knowledge-types';

export type SourceFormat = 'txt' | 'md' | 'pdf' | 'docx';

type Unit =
  | { kind: 'heading'; text: string; level: number; explicit: boolean }
  | { kind: 'row'; cells: string[] }
  | { kind: 'text'; text: string; bullet: boolean; indent?: number };

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_LINE = new RegExp(`^(?:(?:issue|publication|published)\\s*date:?\\s*)?((?:${MONTHS})\\s+(?:19|20)\\d\\d)\\b`, 'i');
const BULLET = /^\s*(?:[-*•·▪]|\d{1,2}[.)](?!\d))\s+/;
const NUMBERED_PARAGRAPH = /^\s*(?:[-*•]\s+)?(\d{1,3}(?:\.\d{1,2})?\.?)\s+(?=\S)/;
const TOC_ENTRY = /(\.{3,}|…+|\t)\s*\d{1,3}\s*$/;

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** A single short line with no closing punctuation, as headings are in plain-text extractions. */
function looksLikeHeading(text: string): boolean {
  if (text.length > 110 || wordCount(text) > 14) return false;
  if (!/^[A-Z0-9"'‘“(]/.test(text) || /[.,;:]$/.test(text)) return false;
  if (/https?:|www\.|@/.test(text) || !/[a-z]{2}/i.test(text)) return false;
  return true;
}

function headingLevel(text: string): number {
  if (/^Appendix\s+[A-Z0-9]+\b/i.test(text)) return 1;
  if (/^\d{1,2}\.?\s+[A-Z]/.test(text) && !/^\d{1,2}\.\d/.test(text)) return 1;
  return 2;
}

/** Lines that repeat as page headers: short, title-like, appearing more than once. */
function repeatedHeadings(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    // Keyed as written, indentation included: a contents entry (" 2. Introduction") is not the heading it lists.
    const key = line.replace(/\s+$/, '');
    const t = key.trim();
    if (t.length >= 8 && t.length <= 120 && !t.includes('\t') && looksLikeHeading(t)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n > 1).map(([t]) => t));
}

function toUnits(text: string, format: SourceFormat): Unit[] {
  const lines = text.split('\n');
  const repeated = repeatedHeadings(lines);
  const seenRepeated = new Set<string>();
  const units: Unit[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) units.push({ kind: 'text', text: paragraph.join(' '), bullet: false });
    paragraph = [];
  };
  for (const rawLine of lines) {
    const line = rawLine.replace(/\s+$/, '');
    const trimmed = line.trim();
    if (!trimmed) {
      flush();
      continue;
    }
    // "Introduction ..... 2": a table-of-contents entry, wherever it stands, is not the document's text.
    if (contentsEntry(trimmed)) {
      flush();
      continue;
    }
    if (repeated.has(line)) {
      flush();
      if (seenRepeated.has(line)) continue;
      seenRepeated.add(line);
    }
    const md = format === 'md' || format === 'docx' ? /^(#{1,6})\s+(.*)$/.exec(trimmed) : null;
    // PDF text has no blank lines between paragraphs: a heading-like line after a finished sentence
    // (or at the start) stands alone, and so the line after it starts a new paragraph.
    const pdfHeading = format === 'pdf' && looksLikeHeading(trimmed) && (!paragraph.length || /[.!?:;]$/.test(paragraph.at(-1) ?? ''));
    if (md) {
      flush();
      // A link inside a heading is a citation to elsewhere; the heading is the words around it.
      const [, hashes = '', words = ''] = md;
      const heading = cleanInline(words.replace(/\[[^\]]*\]\([^)]*\)/g, '')) || cleanInline(words);
      // (A bold line marked as a heading that ends in a colon — "## **The Operational Steering Group will promote delivery
      // of the priorities by:**" — introduces the list after it: it is a lead-in sentence of the passage, not a heading.)
      if (heading && /:$/.test(heading)) units.push({ kind: 'text', text: heading, bullet: false });
      else if (heading) units.push({ kind: 'heading', text: heading, level: hashes.length, explicit: true });
    } else if (line.includes('\t') && !TOC_ENTRY.test(line)) {
      flush();
      units.push({ kind: 'row', cells: line.split('\t') });
    } else if (pdfHeading) {
      flush();
      units.push({ kind: 'text', text: trimmed, bullet: false });
    } else if (/^\d{1,2}\.?\s+[A-Z]/.test(line) && looksLikeHeading(trimmed)) {
      // "8. Delivery Structure for Hertfordshire": a numbered heading, not a list item.
      flush();
      units.push({ kind: 'text', text: trimmed, bullet: false });
    } else if (BULLET.test(line) || NUMBERED_PARAGRAPH.test(line)) {
      flush();
      units.push({ kind: 'text', text: trimmed, bullet: true, indent: line.length - line.trimStart().length });
    } else {
      paragraph.push(trimmed);
    }
  }
  flush();
  const contents = lines
    .map((l) => l.trim())
    .filter(contentsEntry)
    .map((l) => headingKey(l.replace(TOC_ENTRY, '').replace(/[.…\s]+$/, '')));
  return annexUnder(joinBrokenParagraphs(units), new Set(contents));
}

/** "Introduction ..... 2": an entry of a table of contents (dots before its page number). */
const contentsEntry = (line: string): boolean => TOC_ENTRY.test(line) && /(\.{3,}|…)/.test(line);

/** A heading as a contents list would give it: lower case, letters and digits only. */
const headingKey = (text: string): string =>
  cleanInline(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The headings after the last one a contents list names, and not named there, are an annex the contents leaves out:
 * they belong under the first of them. An extraction that lost their levels puts some as high as it ("## The Difference"
 * and "## Drawbridge" after "## Learning Offer 2023 - 24", whose other providers are "###"): each moves below it, with
 * the headings under it, so the providers are all the learning offer's.
 */
function annexUnder(units: Unit[], contents: ReadonlySet<string>): Unit[] {
  const headings = units.flatMap((u) => (u.kind === 'heading' ? [u] : []));
  const lastListed = headings.findLastIndex((u) => contents.has(headingKey(u.text)));
  const head = lastListed < 0 ? undefined : headings.slice(lastListed + 1).find((u) => !contents.has(headingKey(u.text)));
  if (!head) return units;
  const moved = new Map<Unit, Unit>();
  // (How far the heading that moved last went down, and its own level: the headings under it go down as far.)
  let shift = 0;
  let from = head.level;
  for (const u of headings.slice(headings.indexOf(head) + 1)) {
    if (u.level <= head.level) {
      shift = head.level + 1 - u.level;
      from = u.level;
    } else if (u.level <= from) shift = 0;
    if (shift) moved.set(u, { ...u, level: u.level + shift });
  }
  return units.map((u) => moved.get(u) ?? u);
}

/**
 * A page break in the middle of a sentence leaves a paragraph ending without punctuation and the
 * next one starting in lower case ("…under 18 or 25 if" / "the child has…"): one paragraph.
 */
function joinBrokenParagraphs(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (const unit of units) {
    const prev = out[out.length - 1];
    // (A link underlined in the markup is lower case too: "…titled 'Enabling School Improvement'" / "<u>https://…</u> sets out…".)
    const opening = unit.kind === 'text' ? unit.text.replace(/^(<[^>]*>)+/, '') : '';
    if (unit.kind === 'text' && !unit.bullet && prev?.kind === 'text' && /^[a-z]/.test(opening) && !/[.!?:;]["')\]]?$/.test(prev.text)) {
      out[out.length - 1] = { ...prev, text: `${prev.text} ${unit.text}` };
    } else {
      out.push(unit);
    }
  }
  return out;
}

/** Parses extracted text into sections; `file` is only carried through for reporting. */
export function parseDocument(file: string, raw: string, format: SourceFormat): ParsedDocument {
  const text = normaliseCharacters(raw);
  const isStarter = starterTestFor(text);
  const units = toUnits(text, format);
  const explicitHeadings = units.some((u) => u.kind === 'heading' && u.explicit);
  const minLevel = Math.min(6, ...units.filter((u) => u.kind === 'heading').map((u) => (u.kind === 'heading' ? u.level : 6)));

  const sections: Array<ParsedDocument['sections'][number] & { table?: boolean }> = [];
  const titleCandidates: string[] = [];
  const dateCandidates: string[] = [];
  const path: Array<{ text: string; level: number }> = [];
  let blocks: Block[] = [];
  let inContents = false;
  let pendingHeading: string | null = null;
  let sawBody = false;
  let plainDepth = 2;
  const numbering: Numbering = { paragraph: 0, list: 0 };
  /** The heading a labelled grid row opened, while its rows go on. */
  let rowLabel: { text: string; level: number } | undefined;

  const closeSection = (): void => {
    if (blocks.length) sections.push({ path: path.map((p) => p.text), blocks });
    blocks = [];
  };
  const openHeading = (headingText: string, level: number): void => {
    closeSection();
    while (path.length && (path.at(-1)?.level ?? 0) >= level) path.pop();
    path.push({ text: headingText, level });
  };

  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (!unit) break;
    if (unit.kind === 'row') {
      if (isTableHeader(unit.cells)) {
        const rows: string[][] = [];
        for (let next = units[i + 1]; next?.kind === 'row'; next = units[i + 1]) {
          rows.push(next.cells);
          i++;
        }
        closeSection();
        for (const s of tableToSections(unit.cells, rows, isStarter)) {
          sections.push({
            path: [...path.map((p) => p.text), ...s.path],
            blocks: s.blocks,
            table: true,
            ...(s.summary ? { summary: s.summary } : {}),
          });
        }
        sawBody = true;
      } else {
        // A row outside a recognised table (an OCR'd grid): each cell is a paragraph, a short first
        // cell ("Light Green") labels the cell after it.
        const cells = unit.cells.map((c) => c.trim()).filter((c) => c && c !== '-');
        const first = cells[0] ?? '';
        const label = cells.length > 1 && wordCount(first) <= 3 && !/[.:]$/.test(first) ? cleanInline(cells.shift() ?? '') : '';
        // Rows under one label ("Light Green", "Amber") are that label's passage, so "what does amber mean?"
        // finds it by its heading; the rows of the next label start another.
        const open = path.at(-1) === rowLabel ? rowLabel : undefined;
        if (label && label.toLowerCase() !== open?.text.toLowerCase()) {
          openHeading(label, open ? open.level : (path.at(-1)?.level ?? 0) + 1);
          rowLabel = path.at(-1);
        }
        cells.forEach((cell, j) => {
          for (const b of cellToBlocks(cell, isStarter)) blocks.push({ text: j === 0 && label ? `${label}: ${b.text}` : b.text, list: false });
        });
      }
      continue;
    }
    const cleaned = cleanInline(unit.text.replace(BULLET, ''));
    if (!cleaned) continue;
    const date = DATE_LINE.exec(cleaned);
    if (date?.[1] && wordCount(cleaned) <= 8) dateCandidates.push(date[1]);
    if (/^(table of )?contents$/i.test(cleaned)) {
      inContents = true;
      pendingHeading = null;
      continue;
    }
    if (inContents) {
      if (unit.kind === 'heading' || wordCount(cleaned) >= 12) {
        inContents = false;
        if (unit.kind !== 'heading' && pendingHeading) openHeading(pendingHeading, headingLevel(pendingHeading));
      } else {
        pendingHeading = TOC_ENTRY.test(unit.text) ? null : cleaned;
        continue;
      }
    }
    // "DfES 2004" under a pull quote names the quote's source: a caption, once the body has begun.
    const caption = sawBody && /\b(19|20)\d\d$/.test(cleaned) && !/^\d/.test(unit.text.trim());
    const plainHeading =
      unit.kind === 'text' &&
      !unit.bullet &&
      !explicitHeadings &&
      looksLikeHeading(cleaned) &&
      !DATE_LINE.test(cleaned) &&
      !signatureLine(cleaned, units[i + 1]) &&
      !caption;
    if (caption && unit.kind === 'text' && looksLikeHeading(cleaned)) continue;
    if (unit.kind === 'heading' || plainHeading) {
      if (!sawBody && titleCandidates.length < 4) titleCandidates.push(cleaned);
      // The level comes from the line as written: "3. Background" is a numbered (top-level) heading.
      let level = unit.kind === 'heading' ? unit.level - minLevel + 1 : headingLevel(unit.text.trim());
      if (unit.kind !== 'heading' && level === 2) {
        // A plain heading straight after another heading is its sub-heading; later ones stay at that depth.
        const parent = path[path.length - 1];
        if (parent && sawBody && !blocks.length && parent.level === 2) plainDepth = 3;
        level = plainDepth;
      } else if (level === 1) {
        plainDepth = 2;
      }
      openHeading(cleaned, level);
      continue;
    }
    if (unit.kind === 'text' && !unit.bullet && !sawBody && titleCandidates.length < 4 && wordCount(cleaned) <= 14) titleCandidates.push(cleaned);
    sawBody = sawBody || wordCount(cleaned) >= 12;
    blocks.push(toBlock(unit.text, cleaned, blocks.at(-1), unit.kind === 'text' ? (unit.indent ?? 0) : 0, numbering));
  }
  closeSection();
  return {
    file,
    titleCandidates,
    dateCandidates,
    sections: dropNearDuplicateBlocks(sections).map(({ path: p, blocks: b, summary }) => ({ path: p, blocks: b, ...(summary ? { summary } : {}) })),
  };
}

/**
 * A long heading-like line with a comma inside, right before another heading ("Terry Douris Cabinet Member
 * for Education, Libraries and Life Long Learning Hertfordshire County Council" above "Table of Contents"),
 * is a signature or caption: the text of the section it ends, not a section of its own.
 */
function signatureLine(text: string, next: Unit | undefined): boolean {
  if (wordCount(text) < 9 || !text.includes(',')) return false;
  if (!next) return true;
  if (next.kind === 'heading') return true;
  return next.kind === 'text' && !next.bullet && looksLikeHeading(next.text.trim());
}

/** How far a document's numbering has got: its last numbered paragraph, and the last item of the numbered list being read (0: none). */
interface Numbering {
  paragraph: number;
  list: number;
}

/**
 * A bullet line is a list item, except a long numbered paragraph ("- 12. We have not addressed…")
 * that follows running text: then the number is a paragraph number and is dropped. A numbered list
 * that a lead-in opens ("The letter of concern will outline: 1. … 2. … 3. …") goes on through its
 * next numbers, however long the items and whatever sub-items come between them, unless the number
 * is the document's next paragraph number.
 */
function toBlock(rawText: string, cleaned: string, previous: Block | undefined, indent: number, numbering: Numbering): Block {
  const numbered = NUMBERED_PARAGRAPH.exec(rawText);
  const bullet = BULLET.test(rawText);
  if (!bullet && !numbered) {
    if (indent === 0) numbering.list = 0;
    return { text: cleaned, list: false };
  }
  const n = numbered ? Number.parseInt(numbered[1] ?? '', 10) : NaN;
  const listGoesOn =
    n !== numbering.paragraph + 1 && ((numbering.list > 0 && n === numbering.list + 1) || (n === 1 && /:$/.test(previous?.text ?? '')));
  // A bulleted paragraph number at the margin ("- 24. This is not the only framework…") is a numbered
  // paragraph even after a list (that list's items are indented under it); "1. …" after a lead-in is an item.
  const paragraphNumber = indent === 0 && /^\s*[-*•]\s+\d{1,3}\./.test(rawText);
  const continuesList = indent > 0 || listGoesOn || (!paragraphNumber && previous !== undefined && (previous.list || /:$/.test(previous.text)));
  if (numbered && !continuesList && wordCount(cleaned) >= 8) {
    numbering.paragraph = n;
    numbering.list = 0;
    return { text: cleanInline(rawText.replace(NUMBERED_PARAGRAPH, '')), list: false };
  }
  // "- 8. The conditions are:": a short paragraph at its paragraph number still counts in the paragraphs' numbering.
  if (numbered && indent === 0 && n === numbering.paragraph + 1) numbering.paragraph = n;
  else if (numbered && indent === 0) numbering.list = n;
  return { text: cleanInline(rawText.replace(NUMBERED_PARAGRAPH, '').replace(BULLET, '')) || cleaned, list: true };
}
