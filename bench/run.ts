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
 *
 * Delivery across instances (BENCH_DATABASE_URL names a PostgreSQL database; each run makes and drops a
 * schema in it): `--instances N` runs N real server processes on it, `--fail 0.01` answers 1 % of sends 500,
 * `--kill` SIGKILLs one instance mid-run; `burst` is the 200-update channel burst with a red alert.
 *   npm run bench -- fanout --instances 3
 *   npm run bench -- fanout --instances 3 --fail 0.01 --kill
 *   npm run bench -- burst --instances 2
 */
import { benchAnswerLatency } from './answer-latency';
import { benchBurst } from './burst-bench';
import { benchFanout } from './fanout-bench';
import { benchFuzz } from './fuzz-bench';
import { benchIngest } from './ingest-bench';
import { benchStart } from './start-bench';
import { benchStore } from './store-bench';
import { benchTurns } from './turns-bench';

type Section = { name: string; run: () => Promise<Record<string, number | string>> };

/** Section names, and `--name value` / `--flag` options. */
function parseArgs(argv: readonly string[]): { only: string[]; flags: Map<string, string> } {
  const only: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = argv[i + 1];
    if (!arg.startsWith('--')) {
      only.push(arg);
    } else if (value !== undefined && !value.startsWith('--')) {
      flags.set(arg.slice(2), value);
      i++;
    } else {
      flags.set(arg.slice(2), 'true');
    }
  }
  return { only, flags };
}

async function main(): Promise<void> {
  const { only, flags } = parseArgs(process.argv.slice(2));
  const fanoutN = Number(process.env.BENCH_FANOUT_N ?? 10_000);
  const instances = Number(flags.get('instances') ?? 1);
  const databaseUrl = flags.get('database-url') ?? process.env.BENCH_DATABASE_URL;
  if (!Number.isInteger(instances) || instances < 1) throw new Error('--instances takes a whole number from 1');
  if (instances > 1 && !databaseUrl)
    throw new Error('--instances above 1 needs PostgreSQL: set BENCH_DATABASE_URL (CI_PG_DB=herts_bench bash scripts/ci-postgres.sh prints one)');
  const sections: Section[] = [
    { name: 'start', run: () => benchStart() },
    { name: 'answering', run: () => benchTurns() },
    { name: 'answer-latency', run: () => benchAnswerLatency() },
    { name: 'ingest', run: () => benchIngest({ megabytes: Number(process.env.BENCH_INGEST_MB ?? 50) }) },
    { name: 'store', run: () => benchStore() },
    {
      name: 'fanout',
      run: () => benchFanout({ n: fanoutN, instances, databaseUrl, failRate: Number(flags.get('fail') ?? 0), kill: flags.has('kill') }),
    },
    { name: 'burst', run: () => benchBurst({ instances, databaseUrl, updates: Number(process.env.BENCH_BURST_UPDATES ?? 200) }) },
    {
      name: 'fuzz',
      run: () =>
        benchFuzz({
          cases: Number(process.env.BENCH_FUZZ_CASES ?? 10_000),
          seed: Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31)),
        }),
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
