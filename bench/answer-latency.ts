/**
 * The cost of composing one offline answer, uncached and in-process: every question of the question sets,
 * asked five times over (the knowledge base's per-section analysis warm, as it is after start), p50/p95/max.
 * The target (issue 9): p95 ≤ 50 ms on the project's 2-core machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { answerQuestion } from '../src/answering/answer-question';
import { buildKnowledge } from '../src/ingestion/knowledge-base';
import { warmLanguageModel } from '../src/language/nlp';
import { loadRegistry } from '../src/workstreams/registry';
import { registrySource } from '../src/workstreams/registry-sections';

const percentile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export async function benchAnswerLatency(root = path.resolve(__dirname, '../..')): Promise<Record<string, number>> {
  const kb = await buildKnowledge(path.join(root, 'data/docs'), {
    overridesFile: path.join(root, 'data/documents.json'),
    structured: [registrySource(loadRegistry(path.join(root, 'data/workstreams.json')))],
  });
  kb.warm();
  warmLanguageModel();
  const dir = path.join(root, 'eval');
  const asks = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { questions: { ask: string }[] }).questions.map((q) => q.ask));
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const ask of asks) {
      const t0 = performance.now();
      answerQuestion(kb, ask, {});
      times.push(performance.now() - t0);
    }
  }
  return {
    questions: asks.length,
    answers: times.length,
    p50Ms: +percentile(times, 50).toFixed(2),
    p95Ms: +percentile(times, 95).toFixed(2),
    maxMs: +Math.max(...times).toFixed(2),
  };
}
