/**
 * Fits the weights of a candidate unit's features (`src/answering/unit-weights.ts`) to the development
 * question sets, end to end: a coordinate search that moves one weight at a time, up or down, and keeps a
 * move only when more development questions are answered right (the same check as `ask.ts`). It starts
 * from the current weights and halves its step when no move helps. A move must also keep the answering
 * tests (`test/answering/answers.test.ts`) passing: they pin behaviour the sets do not weigh. Held-out sets
 * are never read: they measure the result.
 *
 *   npx tsx eval/tools/fit-weights.ts [--write] [--step 0.2] [--rounds 3] [files…]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { UNIT_WEIGHTS, type Features } from '../../src/answering/unit-weights';
import { askAll, loadKnowledge } from './offline';
import { readQuestionFile } from './question-file';

const DEV = [
  '../shared/eval/public-questions.json',
  'eval/dev/own-questions.json',
  'eval/dev/casual-dev.json',
  'eval/dev/more-dev.json',
  'eval/dev/hard-dev.json',
  'eval/dev/weak-dev.json',
  'eval/dev/ws-dev.json',
  'eval/dev/fu-dev.json',
  'eval/dev/casual-dev-2.json',
  'eval/dev/md-dev-2.json',
  'eval/dev/md-dev-3.json',
  'eval/dev/refusal-dev.json',
  'eval/dev/casual-dev-3.json',
  'eval/dev/casual-dev-4.json',
  'eval/dev/casual-dev-5.json',
  'eval/dev/casual-dev-6.json',
  'eval/dev/casual-dev-7.json',
  'eval/dev/casual-dev-8.json',
  'eval/dev/casual-dev-9.json',
  'eval/dev/casual-dev-10.json',
  'eval/dev/casual-dev-11.json',
  'eval/dev/ws-dev-2.json',
  'eval/dev/casual-dev-12.json',
  'eval/dev/casual-dev-13.json',
  'eval/dev/casual-dev-14.json',
  'eval/dev/ws-dev-3.json',
  'eval/dev/md-dev-4.json',
  'eval/dev/casual-dev-15.json',
  'eval/dev/casual-dev-16.json',
  'eval/dev/casual-dev-17.json',
  'eval/dev/casual-dev-18.json',
  'eval/dev/ws-dev-4.json',
];
const WEIGHTS_FILE = 'src/answering/unit-weights.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files = args.filter((a) => a.endsWith('.json'));
  if (files.some((f) => f.includes('held-out'))) throw new Error('held-out sets are for measuring, never for fitting');
  const kb = await loadKnowledge();
  const sets = (files.length ? files : DEV).map((f) => readQuestionFile(f).questions);
  const passed = (): number => sets.reduce((n, questions) => n + askAll(kb, questions).filter((a) => !a.why.length).length, 0);
  // The composer reads this object: the search moves its weights in place.
  const weights = UNIT_WEIGHTS as Record<keyof Features, number>;
  const prior = { ...weights };
  const keys = Object.keys(weights) as Array<keyof Features>;
  const total = sets.reduce((a, s) => a + s.length, 0);
  let best = passed();
  console.log(`start: ${best}/${total}`);
  let step = arg('step', 0.2);
  for (let round = 0; round < arg('rounds', 3); round++) {
    let moved = false;
    for (const k of keys) {
      for (const sign of [1, -1]) {
        const was = weights[k];
        weights[k] = Number((was + sign * step).toFixed(3));
        const score = passed();
        if (score > best && testsPass(weights)) {
          console.log(`  ${k} ${was} → ${weights[k]}: ${best} → ${score}`);
          best = score;
          moved = true;
          break;
        }
        weights[k] = was;
      }
    }
    if (!moved) step /= 2;
    console.log(`round ${round + 1}: ${best}/${total} (step now ${step})`);
  }
  for (const k of keys) if (weights[k] !== prior[k]) console.log(`  ${k.padEnd(16)} ${prior[k].toFixed(3)} → ${weights[k].toFixed(3)}`);
  writeWeights(args.includes('--write') ? weights : prior);
  if (args.includes('--write')) console.log(`wrote ${WEIGHTS_FILE}`);
}

const original = fs.readFileSync(WEIGHTS_FILE, 'utf8');

function writeWeights(weights: Record<string, number>): void {
  const body = Object.entries(weights)
    .map(([k, v]) => `  ${k}: ${Number(v.toFixed(3))},`)
    .join('\n');
  const block = `// fitted-weights:start\nexport const UNIT_WEIGHTS: Readonly<Record<keyof Features, number>> = {\n${body}\n};\n// fitted-weights:end`;
  fs.writeFileSync(WEIGHTS_FILE, original.replace(/\/\/ fitted-weights:start[\s\S]*\/\/ fitted-weights:end/, block));
}

/** Whether the answering tests pass with these weights (written to the weights file, which they read). */
function testsPass(weights: Record<string, number>): boolean {
  writeWeights(weights);
  const run = spawnSync(
    'npx',
    ['mocha', '--no-config', '--require', 'tsx/cjs', '--require', 'test/setup.ts', '--exit', '--reporter', 'dot', 'test/answering/answers.test.ts'],
    { encoding: 'utf8' },
  );
  return run.status === 0;
}

void main();
