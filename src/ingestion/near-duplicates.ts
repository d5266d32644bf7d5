/**
 * Shingle sets over normalised words: used to find the same paper extracted twice and to drop
 * blocks that OCR repeated or garbled into fragments of a neighbour.
 */
import type { Block } from './knowledge-types';

/** Lower-case alphanumeric words, markup and punctuation ignored. */
export function normalisedWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** The set of k-word shingles of a word list (one shingle of the whole list when it is shorter). */
export function shingles(words: string[], k: number): Set<string> {
  const out = new Set<string>();
  if (words.length <= k) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/** Jaccard similarity |A∩B| / |A∪B|. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Drops a block when most of its word trigrams already appeared earlier in the same document —
 * a repeated pull quote, or an OCR row that re-prints a fragment of the row above. Blocks of one
 * or two words are kept, as are short list items and table rows: those legitimately repeat.
 */
export function dropNearDuplicateBlocks<T extends { blocks: Block[]; table?: boolean }>(sections: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const section of sections) {
    // Table rows repeat labels and outcomes on purpose (one row per workstream).
    if (section.table) {
      out.push(section);
      continue;
    }
    const kept: Block[] = [];
    for (const block of section.blocks) {
      const words = normalisedWords(block.text);
      const grams = shingles(words, 3);
      let covered = 0;
      for (const g of grams) if (seen.has(g)) covered++;
      const duplicate = words.length >= 3 && covered / grams.size >= 0.75 && !(block.list && words.length < 6);
      for (const g of grams) seen.add(g);
      if (!duplicate) kept.push(block);
    }
    if (kept.length) out.push({ ...section, blocks: kept });
  }
  return out;
}
