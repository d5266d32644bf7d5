/**
 * `npm run bench`: every performance target, measured in one run and printed as a table.
 * Targets live here, not in tests: answering ≥ 0.8× the echo bot's turns/s, cold start ≤ 3 s,
 * fan-out ≥ 47.5 messages/s with none lost or duplicated.
 */
import { benchTurns } from './turns-bench';

type Section = { name: string; run: () => Promise<Record<string, number>> };

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: Section[] = [{ name: 'answering', run: () => benchTurns() }];
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
