/**
 * The fuzz suite at length: thousands of random and mutated activities, invokes, raw and API bodies
 * against the built bot in its own process, with ordinary turns alongside (test/fuzz/). `npm test` runs
 * a few hundred; this runs `BENCH_FUZZ_CASES` (default 10 000) with a fresh seed each time, printed so a
 * failure can be replayed with FUZZ_SEED in the test.
 */
import { runFuzz } from '../test/fuzz/fuzz-run';

export async function benchFuzz(options: { cases: number; seed: number }): Promise<Record<string, number>> {
  const result = await runFuzz({ cases: options.cases, seed: options.seed });
  for (const failure of result.failures.slice(0, 10)) console.error('fuzz failure:', JSON.stringify(failure));
  for (const line of result.errorSamples) console.error('fuzz: logged by the bot:', line);
  const figures = {
    seed: result.seed,
    'cases tried': result.cases,
    crashes: result.crashes,
    '5xx': result.serverErrors,
    '4xx without the error shape': result.badErrorShape,
    'innocent turns': result.innocentTurns,
    'innocent turns failed': result.innocentFailed,
    'internal errors logged': result.errorsLogged,
    'answering errors logged': result.answeringErrors,
    ...Object.fromEntries(Object.entries(result.byStatus).map(([status, n]) => [`HTTP ${status}`, n])),
  };
  if (result.crashes + result.serverErrors + result.badErrorShape + result.innocentFailed + result.errorsLogged > 0) {
    console.table(figures);
    throw new Error('the fuzz found failures (see above)');
  }
  return figures;
}
