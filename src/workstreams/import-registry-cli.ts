/**
 * `npm run import-workstreams`: re-reads the SEND progress paper and rewrites data/workstreams.json.
 * Run from the project root; `--check` exits non-zero if the committed JSON is out of date instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { importRegistry, serialiseRegistry } from './import-registry.js';

const SOURCE = 'data/docs/send-strategy-workstreams-progress.txt';
const TARGET = 'data/workstreams.json';

function main(): void {
  const registry = importRegistry(readFileSync(SOURCE, 'utf8'), { file: SOURCE });
  const json = serialiseRegistry(registry);
  if (process.argv.includes('--check')) {
    const current = readFileSync(TARGET, 'utf8');
    if (current !== json) {
      process.stderr.write(`${TARGET} is out of date: run npm run import-workstreams\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(TARGET, json);
  const people = registry.workstreams.reduce((n, w) => n + w.representatives.length + 1, 0);
  const milestones = registry.workstreams.reduce((n, w) => n + w.milestones.length, 0);
  process.stdout.write(`${TARGET}: ${registry.workstreams.length} workstreams, ${people} seats, ${milestones} milestones (paper dated ${registry.source.date})\n`);
}

main();
