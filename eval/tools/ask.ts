/**
 * Scores the answerer on a question file the way `/work/shared/eval/qa-eval.mjs` does, without the
 * bot around it: all/some/none regexes on the answer body, `source` on body + citation titles,
 * body ≤ maxChars, declines checked with the file's refuse pattern. Threads share context.
 *
 *   npx tsx eval/tools/ask.ts [--questions FILE] [--verbose]
 *
 */
import { performance } from 'node:perf_hooks';
import { askAll, loadKnowledge } from './offline';
import { byCategory, readQuestionFile } from './question-file';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const file = arg('questions') ?? '/work/shared/eval/public-questions.json';
  const verbose = process.argv.includes('--verbose');
  const { questions } = readQuestionFile(file);
  const t0 = performance.now();
  const kb = await loadKnowledge();
  console.log(`loaded in ${(performance.now() - t0).toFixed(0)} ms`);
  const asked = askAll(kb, questions);
  for (const { question: q, answer, why } of asked) {
    const ok = why.length === 0;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${q.id}${ok ? '' : ` [${why.join('; ')}]`}`);
    if (verbose || !ok)
      console.log(
        `   Q: ${q.ask}\n   A: ${answer.text.replace(/\n/g, ' ⏎ ').slice(0, 700)}\n   cites: ${answer.citations.map((c) => `${c.title} › ${c.section}`).join(' | ')}`,
      );
  }
  const results = asked.map((a) => ({ category: a.question.category ?? '-', ok: a.why.length === 0 }));
  const passed = results.filter((r) => r.ok).length;
  const times = asked.map((a) => a.ms);
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
