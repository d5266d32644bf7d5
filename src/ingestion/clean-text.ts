/**
 * Inline clean-up of what text extraction leaves behind: markdown emphasis and links, HTML tags
 * inside table cells, OCR look-alike letters, and HTML lists whose item tags were lost.
 */
import type { Block } from './knowledge-types';

/** Greek and Cyrillic capitals that OCR puts into English words ("ΕY" for "EY"). */
const LOOKALIKES: Record<string, string> = {
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
};

/** Normalises characters: line endings, non-breaking and zero-width spaces, ligatures, look-alike letters. */
export function normaliseCharacters(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u0391-\u03a9\u0410-\u0445]/g, (c) => LOOKALIKES[c] ?? c);
}

/** Removes inline markdown: links keep their text, emphasis markers and escapes go. */
export function stripInlineMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+|mailto:[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\n]+?)[*_](?=[\s).,;:!?'’]|$)/g, '$1$2')
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Removes inline HTML tags (`<u>`, `<sup>`, `<span>`) and decodes the common entities. */
export function stripInlineHtml(text: string): string {
  return (
    text
      // An underlined link the extraction broke at a "/" or "-" ("<u>https://…co.uk/</u> <u>news/…-great-</u> <u>schools</u>")
      // is one address: its pieces are not words of the sentence.
      .replace(/([/-])<\/u>\s+<u>/gi, '$1')
      .replace(/<\/?(u|b|i|em|strong|sup|sub|span|font|a)(\s[^>]*)?>/gi, '')
      .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
      .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
  );
}

/** Collapses runs of spaces and trims. */
export function squash(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim();
}

/** Cleans one line of running text. */
export function cleanInline(text: string): string {
  // A web address the extraction broke after a "/" goes on in the path after the space ("…/documents/
  // policies-and-procedures/send-strategy-2018-2023.pdf").
  return squash(stripInlineHtml(stripInlineMarkdown(text))).replace(/(\bhttps?:\/\/\S+\/) ([\w.-]+\/\S+)/g, '$1$2');
}

/**
 * How surely a capitalised word starts a new list item, judged from the document's own
 * capitalisation: 2 = it is never capitalised mid-sentence elsewhere but is written in lower case
 * (or is an article), 1 = it is mostly written in lower case, 0 = it behaves like a name. Used to
 * re-split HTML list items whose `<li>` tags were lost ("…the SEND Executive A more detailed plan…").
 */
export type StarterTest = (word: string) => 0 | 1 | 2;

const ARTICLES = new Set(['A', 'An', 'The', 'This', 'These', 'There', 'It', 'Its', 'We', 'They', 'He', 'She']);

/** Builds a starter test from a document's own capitalisation. */
export function starterTestFor(text: string): StarterTest {
  const lower = new Map<string, number>();
  const capitalMid = new Map<string, number>();
  for (const m of text.matchAll(/\b[A-Za-z][a-z]+\b/g)) {
    const w = m[0];
    const at = m.index ?? 0;
    if (w.charAt(0) === w.charAt(0).toLowerCase()) {
      lower.set(w, (lower.get(w) ?? 0) + 1);
      continue;
    }
    const before = text.slice(Math.max(0, at - 3), at);
    const sentenceStart = at === 0 || /(^|[.!?:\n\t>•]\s*)$/.test(before);
    if (!sentenceStart) capitalMid.set(w.toLowerCase(), (capitalMid.get(w.toLowerCase()) ?? 0) + 1);
  }
  return (word: string) => {
    if (ARTICLES.has(word)) return 2;
    const key = word.toLowerCase();
    const lc = lower.get(key) ?? 0;
    const cm = capitalMid.get(key) ?? 0;
    if ((lc >= 1 && cm === 0) || (lc >= 3 && lc >= 3 * cm)) return 2;
    return lc >= 2 && lc >= 2 * cm ? 1 : 0;
  };
}

const MONTH_OR_DAY =
  /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday)$/;
const NEVER_LAST = new Set(['the', 'a', 'an', 'of', 'at', 'in', 'for', 'and', 'or', 'to', 'with', 'by', 'from', 'on', 'as', 'into', 'than']);

/** Whether a new item may start at `next` after `prev`. */
function itemBoundary(prev: string, next: string, isStarter: StarterTest): boolean {
  if (/[.!?]$/.test(prev)) return true;
  if (!/^[A-Z][a-z]*$/.test(next) || NEVER_LAST.has(prev.toLowerCase()) || !/[A-Za-z0-9)%]$/.test(prev)) return false;
  const strength = isStarter(next);
  const prevInName = /^[A-Z]/.test(prev) && !MONTH_OR_DAY.test(prev);
  return prevInName ? strength === 2 : strength >= 1;
}

/** Splits a run of list items with no separators at the points where a new item evidently starts. */
export function splitRunOnItems(text: string, isStarter: StarterTest): string[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const items: string[] = [];
  let current: string[] = [];
  for (const t of tokens) {
    const last = current.at(-1);
    if (current.length >= 3 && last !== undefined && itemBoundary(last, t, isStarter)) {
      items.push(current.join(' '));
      current = [];
    }
    current.push(t);
  }
  if (current.length) items.push(current.join(' '));
  return items;
}

/**
 * Turns one table cell that may hold HTML (`<p>`, `<ul>`, bullets) into blocks: paragraphs from
 * `<p>`, list items from `<li>`/`•`, or re-split run-on items when the list markup was lost.
 */
export function cellToBlocks(cell: string, isStarter: StarterTest): Block[] {
  const blocks: Block[] = [];
  const parts = cell.split(/(<ul[^>]*>|<\/ul>|<\/?p[^>]*>|<br\s*\/?>)/i);
  let inList = false;
  for (const part of parts) {
    if (/^<ul/i.test(part)) {
      inList = true;
      continue;
    }
    if (/^<\/ul/i.test(part)) {
      inList = false;
      continue;
    }
    if (/^<\/?p|^<br/i.test(part)) continue;
    const text = cleanInline(part.replace(/<\/?li[^>]*>/gi, ' • '));
    if (!text) continue;
    const bulleted = text
      .split(/\s*•\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (bulleted.length > 1 || text.startsWith('•')) {
      for (const item of bulleted) blocks.push({ text: item, list: true });
    } else if (inList) {
      for (const item of splitRunOnItems(text, isStarter)) blocks.push({ text: item, list: true });
    } else {
      blocks.push({ text, list: false });
    }
  }
  return blocks;
}
