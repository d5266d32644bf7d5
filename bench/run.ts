/**
 * `npm run bench`: every performance target, measured in one run and printed as a table.
 * Targets live here, not in tests: answering ≥ 0.8× the echo bot's turns/s (answer cache on and off), an
 * uncached offline answer p95 ≤ 50 ms; spawn → /healthz 200 ≤ 3 s on an empty DATA_DIR and ≤ 2 s on a
 * restart, idle RSS ≤ 200 MB; fan-out ≥ 47.5 messages/s with none lost or duplicated; the fuzz: no crash,
 * no 5xx, no ordinary turn failed.
 *
 *   npm run bench                    # everything (the 10 000-message fan-out alone takes ~3.5 min)
 *   npm run bench -- answering store # only those sections
 *   npm run bench -- start           # start-up time and idle memory (BENCH_START_ROUNDS, default 5)
 *   BENCH_FANOUT_N=1000 BENCH_INGEST_MB=5 npm run bench   # quicker, smaller
 *   npm run bench -- fuzz            # 10 000 fuzz cases (BENCH_FUZZ_CASES, FUZZ_SEED to replay)
 */
import { benchAnswerLatency } from './answer-latency';
import { benchFanout } from './fanout-bench';
import { benchFuzz } from './fuzz-bench';
import { benchIngest } from './ingest-bench';
import { benchStart } from './start-bench';
import { benchStore } from './store-bench';
import { benchTurns } from './turns-bench';

type Section = { name: string; run: () => Promise<Record<string, number>> };

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const fanoutN = Number(process.env.BENCH_FANOUT_N ?? 10_000);
  const sections: Section[] = [
    { name: 'start', run: () => benchStart() },
    { name: 'answering', run: () => benchTurns() },
    { name: 'answer-latency', run: () => benchAnswerLatency() },
    { name: 'ingest', run: () => benchIngest({ megabytes: Number(process.env.BENCH_INGEST_MB ?? 50) }) },
    { name: 'store', run: () => benchStore() },
    { name: 'fanout', run: () => benchFanout({ n: fanoutN }) },
    {
      name: 'fuzz',
      run: () => benchFuzz({ cases: Number(process.env.BENCH_FUZZ_CASES ?? 10_000), seed: Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)) }),
    },
  ];
  let failed = false;
  for (const section of sections) {
    if (only.length && !only.includes(section.name)) continue;
    const t0 = performance.now();
    try {
      const result = await section.run();
      console.log(`\n== ${section.name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(32)} ${v}`);
    } catch (err) {
      failed = true;
      console.error(`\n== ${section.name} failed:`, err);
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
