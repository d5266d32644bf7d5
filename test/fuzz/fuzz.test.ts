/**
 * The fuzz suite, bounded: a few hundred random and mutated activities, invokes, raw bodies and API bodies
 * against the built bot in its own process, with ordinary turns running alongside. The process never
 * exits, every answer is 2xx or 4xx (4xx in the JSON error shape), and every ordinary turn is answered.
 * `npm run bench -- fuzz` runs thousands. FUZZ_SEED and FUZZ_CASES change the run.
 */
import assert from 'node:assert/strict';
import { runFuzz } from './fuzz-run';

describe('fuzz: random and mutated requests against the real server', () => {
  it('no crash, no 5xx, every 4xx in the JSON error shape, every ordinary turn answered', async function () {
    this.timeout(180_000);
    const result = await runFuzz({ cases: Number(process.env.FUZZ_CASES ?? 400), seed: Number(process.env.FUZZ_SEED ?? 20261130) });
    const summary = { ...result, failures: result.failures.slice(0, 5) };
    assert.equal(result.crashes, 0, JSON.stringify(summary, null, 2));
    assert.deepEqual(result.failures, [], JSON.stringify(summary, null, 2));
    assert.equal(result.serverErrors + result.badErrorShape, 0);
    assert.ok(result.innocentTurns > 0, 'ordinary turns ran alongside');
    assert.equal(result.innocentFailed, 0, JSON.stringify(summary, null, 2));
    assert.equal(result.errorsLogged, 0, `nothing failed inside the bot that the caller did not see: ${result.errorSamples.join('\n')}`);
    if (result.answeringErrors > 0)
      console.warn(
        `      fuzz: ${result.answeringErrors} turn(s) failed inside src/answering (reported to its owners): ${result.errorSamples[0]?.slice(0, 300)}`,
      );
  });
});
