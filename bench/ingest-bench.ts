/**
 * Ingestion benchmark: cold build and cache load of the real corpus, then the same for a
 * generated ~50 MB corpus (the real documents' sentences shuffled and perturbed into many files,
 * fixed seed, written to a temp dir and deleted after), with heap/RSS and answer latency on it.
 * Called by bench/run.ts; alone: `npx tsx bench/ingest-bench.ts` (BENCH_INGEST_MB to resize).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { answerQuestion } from '../src/answering/answer-question';
import { buildKnowledge, loadKnowledge, type KnowledgeBase } from '../src/ingestion/knowledge-base';
import { seededRandom } from '../test/support/seeded-random';

const FILE_BYTES = 100_000;
const QUESTIONS = 300;

const pct = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)] ?? NaN).toFixed(2));
};
const mb = (bytes: number): number => Number((bytes / 1024 / 1024).toFixed(1));
const ms = (t0: number): number => Number((performance.now() - t0).toFixed(0));

const PLACES = ['Stevenage', 'Watford', 'Hitchin', 'Harpenden', 'Royston', 'Bishops Stortford', 'Hemel Hempstead', 'Ware', 'Tring', 'Borehamwood'];
const TOPICS = [
  'Reading',
  'Attendance',
  'Governance',
  'Inclusion',
  'Transition',
  'Mathematics',
  'Wellbeing',
  'Safeguarding',
  'Careers',
  'Early Years',
];

/** A sentence with its numbers changed and, now and then, a place or two words swapped. */
function perturb(sentence: string, random: () => number): string {
  let s = sentence.replace(/\b\d+\b/g, () => String(1 + Math.floor(random() * 200)));
  if (random() < 0.3) s = s.replace(/\bHertfordshire\b/, PLACES[Math.floor(random() * PLACES.length)] ?? 'Hertfordshire');
  if (random() < 0.2) {
    const w = s.split(' ');
    const i = Math.floor(random() * (w.length - 1));
    [w[i], w[i + 1]] = [w[i + 1] ?? '', w[i] ?? ''];
    s = w.join(' ');
  }
  return s;
}

/** Writes ~`totalBytes` of plain-text documents built from the corpus sentences; returns the file count. */
async function writeSyntheticCorpus(dir: string, sentences: string[], totalBytes: number, seed: number): Promise<number> {
  const random = seededRandom(seed);
  const pick = (): string => sentences[Math.floor(random() * sentences.length)] ?? '';
  let written = 0;
  let n = 0;
  while (written < totalBytes) {
    const place = PLACES[n % PLACES.length];
    const lines = [`${TOPICS[n % TOPICS.length]} Partnership Report ${place} ${2000 + (n % 25)}`, ''];
    let size = 0;
    let section = 0;
    while (size < FILE_BYTES) {
      lines.push(`${TOPICS[Math.floor(random() * TOPICS.length)]} and ${place} priorities part ${++section}`, '');
      for (let p = 0; p < 4; p++) {
        const paragraph = Array.from({ length: 2 + Math.floor(random() * 4) }, () => perturb(pick(), random)).join(' ');
        lines.push(paragraph, '');
        size += paragraph.length;
      }
    }
    const text = lines.join('\n');
    await writeFile(path.join(dir, `synthetic-${String(n).padStart(4, '0')}.txt`), text);
    written += Buffer.byteLength(text);
    n++;
  }
  return n;
}

/** Questions made from corpus sentences: a few of their content words, asked as "what about…". */
function syntheticQuestions(kb: KnowledgeBase, count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  while (out.length < count) {
    const section = Math.floor(random() * kb.sections.length);
    const sentences = kb.unitsOf(section);
    if (!sentences.length) continue;
    const words = (sentences[Math.floor(random() * sentences.length)]?.text ?? '').split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w));
    if (words.length < 3) continue;
    const start = Math.floor(random() * (words.length - 2));
    out.push(
      random() < 0.5 ? `What does the report say about ${words.slice(start, start + 3).join(' ')}?` : `How many ${words[start]} ${words[start + 1]}?`,
    );
  }
  return out;
}

/** Runs the benchmark; keys are printed by bench/run.ts as a table. */
export async function benchIngest(options: { megabytes?: number; seed?: number } = {}): Promise<Record<string, number>> {
  const megabytes = options.megabytes ?? Number(process.env.BENCH_INGEST_MB ?? 50);
  const seed = options.seed ?? 20240601;
  const result: Record<string, number> = {};
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ingest-bench-'));
  try {
    // Real corpus.
    const realCache = path.join(scratch, 'real-index.json');
    let t0 = performance.now();
    const real = await loadKnowledge('data/docs', { cacheFile: realCache });
    result['real: cold build + cache write ms'] = ms(t0);
    t0 = performance.now();
    await loadKnowledge('data/docs', { cacheFile: realCache });
    result['real: load from cache ms'] = ms(t0);
    result['real: sections'] = real.sections.length;

    // Synthetic corpus from the real sentences.
    const sentences = real.sections.flatMap((_, i) => real.unitsOf(i).map((s) => s.text)).filter((s) => s.length > 40);
    const docs = path.join(scratch, 'docs');
    await (await import('node:fs/promises')).mkdir(docs);
    t0 = performance.now();
    const files = await writeSyntheticCorpus(docs, sentences, megabytes * 1024 * 1024, seed);
    result['synthetic: files'] = files;
    result['synthetic: generate ms'] = ms(t0);
    const rssBefore = process.memoryUsage().rss;
    const cacheFile = path.join(scratch, 'synthetic-index.json');
    t0 = performance.now();
    const kb = await loadKnowledge(docs, { cacheFile, overridesFile: path.join(scratch, 'none.json') });
    result['synthetic: cold build + cache write ms'] = ms(t0);
    result['synthetic: sections'] = kb.sections.length;
    result['synthetic: documents after dedupe'] = kb.documents.length;
    global.gc?.();
    result['synthetic: heap used MB'] = mb(process.memoryUsage().heapUsed);
    result['synthetic: RSS MB'] = mb(process.memoryUsage().rss);
    result['synthetic: RSS growth MB'] = mb(process.memoryUsage().rss - rssBefore);
    result['synthetic: cache file MB'] = mb((await (await import('node:fs/promises')).stat(cacheFile)).size);
    t0 = performance.now();
    const cached = await loadKnowledge(docs, { cacheFile, overridesFile: path.join(scratch, 'none.json') });
    result['synthetic: load from cache ms'] = ms(t0);
    t0 = performance.now();
    await buildKnowledge(docs, { overridesFile: path.join(scratch, 'none.json') });
    result['synthetic: build without cache ms'] = ms(t0);

    const questions = syntheticQuestions(cached, QUESTIONS, seed + 1);
    const samples: number[] = [];
    let answered = 0;
    for (const q of questions) {
      const start = performance.now();
      if (answerQuestion(cached, q, {}).kind === 'answer') answered++;
      samples.push(performance.now() - start);
    }
    result['synthetic: questions'] = questions.length;
    result['synthetic: answered'] = answered;
    result['synthetic: answer p50 ms'] = pct(samples, 50);
    result['synthetic: answer p95 ms'] = pct(samples, 95);
    result['synthetic: RSS after queries MB'] = mb(process.memoryUsage().rss);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return result;
}

if (require.main === module) {
  benchIngest()
    .then((r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(40)} ${v}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
