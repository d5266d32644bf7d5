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

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Size of a bottom-k sketch: enough to tell 0.7 overlap from 0.4 within a few per cent. */
export const SKETCH_SIZE = 128;

/** A fixed-size summary of a shingle set: the k smallest shingle hashes, sorted, and the set's size. */
export interface Sketch {
  hashes: Uint32Array;
  size: number;
}

/**
 * Bottom-k sketch of a document's k-word shingles, computed in one pass without keeping the set:
 * comparing two sketches costs O(k) however long the documents are.
 */
export function sketch(words: string[], k: number, sketchSize: number = SKETCH_SIZE): Sketch {
  // Shingle hashes are mixed from word hashes, so no shingle string is ever built.
  const wordHashes = words.map(fnv1a);
  const all = new Set<number>();
  const count = words.length <= k ? Math.min(1, words.length) : words.length - k + 1;
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    // j < words.length, so every hash is there (`?? 0` only satisfies the index check).
    for (let j = i; j < Math.min(words.length, i + k); j++) h = Math.imul(h ^ (wordHashes[j] ?? 0), 0x85ebca6b) ^ (h >>> 13);
    all.add(h >>> 0);
  }
  const sorted = Uint32Array.from(all).sort();
  return { hashes: sorted.slice(0, sketchSize), size: all.size };
}

/** Jaccard similarity estimated from two bottom-k sketches (exact when both sets fit in the sketch). */
export function estimateJaccard(a: Sketch, b: Sketch): number {
  if (!a.size && !b.size) return 1;
  const k = Math.min(SKETCH_SIZE, a.hashes.length + b.hashes.length);
  let i = 0;
  let j = 0;
  let taken = 0;
  let shared = 0;
  // Walk the union's k smallest hashes; those present in both sketches estimate |A∩B|/|A∪B|.
  while (taken < k && (i < a.hashes.length || j < b.hashes.length)) {
    const x = a.hashes[i] ?? Infinity;
    const y = b.hashes[j] ?? Infinity;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  return taken ? shared / taken : 0;
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
 * or two words are kept, as are short list items and table rows: those legitimately repeat. A list
 * item goes only with its whole list: one item that restates an earlier sentence ("the safety of
 * pupils is threatened", as a condition of a warning notice) is still one of the list's items.
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
    const duplicate = section.blocks.map((block) => {
      const words = normalisedWords(block.text);
      const grams = shingles(words, 3);
      let covered = 0;
      for (const g of grams) if (seen.has(g)) covered++;
      for (const g of grams) seen.add(g);
      // A short list item may repeat words said before ("a rich, broad, balanced and bespoke curriculum" as the tenth lens).
      return words.length >= 3 && covered / grams.size >= 0.75 && !(block.list && words.length < 12);
    });
    // A run of list items is one list: kept whole unless every item of it repeats.
    for (let i = 0; i < section.blocks.length;) {
      let end = i + 1;
      if (section.blocks[i]?.list) while (section.blocks[end]?.list) end++;
      if (!duplicate.slice(i, end).every(Boolean)) duplicate.fill(false, i, end);
      i = end;
    }
    const kept = section.blocks.filter((_, i) => !duplicate[i]);
    if (kept.length) out.push({ ...section, blocks: kept });
  }
  return out;
}
