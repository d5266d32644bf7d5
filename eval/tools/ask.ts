/**
 * Scores the answerer on a question file the way `/work/shared/eval/qa-eval.mjs` does, without the
 * bot around it: all/some/none regexes on the answer body, `source` on body + citation titles,
 * body ≤ maxChars, declines checked with the file's refuse pattern. Threads share context.
 *
 *   npx tsx eval/tools/ask.ts [--questions FILE] [--verbose]
 *
 */
import { performance } from 'node:perf_hooks';
import { buildKnowledge } from '../../src/ingestion/knowledge-base';
import { answerQuestion } from '../../src/answering/answer-question';
import type { AnswerContext } from '../../src/answering/answer-types';
import { loadRegistry } from '../../src/workstreams/registry';
import { registrySource } from '../../src/workstreams/registry-sections';
import { byCategory, failures, readQuestionFile } from './question-file';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const file = arg('questions') ?? '/work/shared/eval/public-questions.json';
  const verbose = process.argv.includes('--verbose');
  const { questions } = readQuestionFile(file);
  const t0 = performance.now();
  const registry = loadRegistry('data/workstreams.json');
  const kb = await buildKnowledge('data/docs', { structured: [registrySource(registry)] });
  kb.warm();
  console.log(`loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const threads = new Map<string, AnswerContext>();
  const results: Array<{ category: string; ok: boolean }> = [];
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
    const why = failures(q, seen, seenAll);
    const ok = why.length === 0;
    if (ok) passed++;
    results.push({ category: q.category ?? '-', ok });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${q.id}${ok ? '' : ` [${why.join('; ')}]`}`);
    if (verbose || !ok)
      console.log(
        `   Q: ${q.ask}\n   A: ${seen.replace(/\n/g, ' ⏎ ').slice(0, 700)}\n   cites: ${answer.citations.map((c) => `${c.title} › ${c.section}`).join(' | ')}`,
      );
  }
  times.sort((a, b) => a - b);
  console.log(`by category: ${byCategory(results)}`);
  console.log(
    `ask-eval: ${passed}/${questions.length} passed; answer time p50 ${(times[Math.floor(times.length / 2)] ?? NaN).toFixed(2)} ms, max ${(times.at(-1) ?? NaN).toFixed(2)} ms`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
