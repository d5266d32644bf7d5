/**
 * Scores the answerer on a question file the way `/work/shared/eval/qa-eval.mjs` does, without the
 * bot around it: all/some/none regexes on the answer body, `source` on body + citation titles,
 * body ≤ maxChars, declines checked with the file's refuse pattern. Threads share context.
 *
 *   npx tsx eval/tools/ask.ts [--questions FILE] [--verbose]
 *
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { buildKnowledge } from '../../src/ingestion/knowledge-base';
import { answerQuestion } from '../../src/answering/answer-question';
import type { AnswerContext } from '../../src/answering/answer-types';
import { loadRegistry } from '../../src/workstreams/registry';
import { registrySource } from '../../src/workstreams/registry-sections';

const questionSchema = z.object({
  id: z.string(),
  ask: z.string(),
  category: z.string().optional(),
  all: z.array(z.string()).optional(),
  some: z.object({ n: z.number(), of: z.array(z.string()) }).optional(),
  none: z.array(z.string()).optional(),
  source: z.string().optional(),
  maxChars: z.number().optional(),
  thread: z.string().optional(),
});
const fileSchema = z.object({ refuse_pattern: z.string().optional(), questions: z.array(questionSchema) });

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const file = arg('questions') ?? '/work/shared/eval/public-questions.json';
  const verbose = process.argv.includes('--verbose');
  const { questions } = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const t0 = performance.now();
  const registry = loadRegistry('data/workstreams.json');
  const kb = await buildKnowledge('data/docs', { structured: [registrySource(registry)] });
  kb.warm();
  console.log(`loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const re = (s: string): RegExp => new RegExp(s, 'i');
  const threads = new Map<string, AnswerContext>();
  const byCategory = new Map<string, [number, number]>();
  let passed = 0;
  const times: number[] = [];
  for (const q of questions) {
    const context = q.thread ? (threads.get(q.thread) ?? {}) : {};
    const start = performance.now();
    const answer = answerQuestion(kb, q.ask, context);
    times.push(performance.now() - start);
    if (q.thread) threads.set(q.thread, answer.context);
    const seen = answer.text;
    const seenAll = `${seen}\n${answer.citations.map((c) => `${c.title} ${c.section}`).join('\n')}`;
    const missing = (q.all ?? []).filter((p) => !re(p).test(seen));
    const someHits = q.some ? q.some.of.filter((p) => re(p).test(seen)).length : 0;
    const someOk = !q.some || someHits >= q.some.n;
    const forbidden = (q.none ?? []).filter((p) => re(p).test(seen));
    const tooLong = seen.length > (q.maxChars ?? 1500);
    const sourceOk = !q.source || re(q.source).test(seenAll);
    const ok = missing.length === 0 && someOk && forbidden.length === 0 && !tooLong && sourceOk;
    if (ok) passed++;
    const cat = byCategory.get(q.category ?? '-') ?? [0, 0];
    cat[1]++;
    if (ok) cat[0]++;
    byCategory.set(q.category ?? '-', cat);
    const why = ok
      ? ''
      : ` [${missing.length ? `missing ${missing.join(' | ')}; ` : ''}${someOk ? '' : `some ${someHits}/${q.some?.n}; `}${forbidden.length ? `forbidden ${forbidden.join(' | ')}; ` : ''}${tooLong ? `${seen.length} chars; ` : ''}${sourceOk ? '' : 'source not named'}]`;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${q.id}${why}`);
    if (verbose || !ok)
      console.log(
        `   Q: ${q.ask}\n   A: ${seen.replace(/\n/g, ' ⏎ ').slice(0, 700)}\n   cites: ${answer.citations.map((c) => `${c.title} › ${c.section}`).join(' | ')}`,
      );
  }
  times.sort((a, b) => a - b);
  console.log(`by category: ${[...byCategory].map(([k, [p, t]]) => `${k} ${p}/${t}`).join(', ')}`);
  console.log(
    `ask-eval: ${passed}/${questions.length} passed; answer time p50 ${(times[Math.floor(times.length / 2)] ?? NaN).toFixed(2)} ms, max ${(times.at(-1) ?? NaN).toFixed(2)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
