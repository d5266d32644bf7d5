/**
 * `npm run eval:prompt`: with a model configured, does the prompt hold what the answer needs? For every
 * answerable question of the question sets, the passages the model would be given (the same retriever the
 * model answerer uses, as many passages as it asks for, follow-ups with their thread's context) are checked for the facts the
 * question's `all`/`some` patterns require.
 *
 *   npx tsx eval/tools/prompt-coverage.ts [files…] [--verbose]
 */
import fs from 'node:fs';
import path from 'node:path';
import { answerQuestion } from '../../src/answering/answer-question';
import type { AnswerContext } from '../../src/answering/answer-types';
import { knowledgeRetriever } from '../../src/answering/model/knowledge-retriever';
import { SOURCE_PASSAGES } from '../../src/teams/model/document-sources';
import { loadKnowledge } from './offline';
import { readQuestionFile, statesFacts } from './question-file';

/** The `strategy-documents` budget in prompts/answer/config.json. */
const BUDGET_TOKENS =
  (JSON.parse(fs.readFileSync('prompts/answer/config.json', 'utf8')) as { augmentation: { data_sources: Record<string, number> } }).augmentation
    .data_sources['strategy-documents'] ?? 3600;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const files = args.filter((a) => a.endsWith('.json'));
  const sets = files.length
    ? files
    : [
        'eval/dev/own-questions.json',
        'eval/dev/casual-dev.json',
        'eval/dev/more-dev.json',
        'eval/dev/hard-dev.json',
        'eval/held-out/like-public.json',
        'eval/held-out/casual.json',
        'eval/held-out/fresh.json',
        'eval/held-out/fresh-2.json',
        'eval/held-out/fresh-3.json',
        'eval/held-out/fresh-4.json',
        'eval/held-out/fresh-5.json',
        'eval/held-out/fresh-6.json',
        'eval/held-out/fresh-7.json',
        'eval/held-out/fresh-8.json',
        'eval/held-out/fresh-9.json',
        'eval/held-out/fresh-10.json',
        'eval/held-out/fresh-11.json',
        'eval/held-out/fresh-12.json',
        'eval/held-out/fresh-13.json',
        'eval/held-out/fresh-14.json',
        'eval/held-out/fresh-15.json',
        'eval/held-out/fresh-16.json',
        'eval/held-out/fresh-17.json',
        'eval/held-out/fresh-18.json',
        'eval/held-out/fresh-19.json',
        'eval/held-out/fresh-20.json',
        'eval/held-out/fresh-21.json',
        'eval/held-out/fresh-22.json',
        'eval/held-out/fresh-23.json',
      ];
  const kb = await loadKnowledge();
  const retrieve = knowledgeRetriever(kb);
  for (const file of sets) {
    const { questions, refuse_pattern: refuse } = readQuestionFile(file);
    const threads = new Map<string, AnswerContext>();
    let asked = 0;
    let held = 0;
    const missed: string[] = [];
    for (const q of questions) {
      const context = q.thread ? (threads.get(q.thread) ?? {}) : {};
      // The conversation moves on as it would in Teams: the offline answer leaves the context.
      if (q.thread) threads.set(q.thread, answerQuestion(kb, q.ask, context).context);
      const isRefusal = q.category === 'refusal' || q.category === 'unknown-name' || (refuse && (q.all ?? []).includes(refuse));
      if (isRefusal || (!q.all?.length && !q.some)) continue;
      asked++;
      // As the data source renders them: whole passages while they fit the prompt's budget (about four characters a token).
      let room = BUDGET_TOKENS * 4;
      const kept: string[] = [];
      for (const p of await retrieve(q.ask, SOURCE_PASSAGES, context)) {
        const block = `${p.title}\n${p.section}\n${p.text}`;
        if (block.length > room) {
          if (!kept.length) kept.push(block.slice(0, room));
          break;
        }
        kept.push(block);
        room -= block.length + 60;
      }
      const text = kept.join('\n');
      const ok = statesFacts(q, text);
      if (ok) held++;
      else missed.push(`${q.id}: ${q.ask}`);
    }
    console.log(
      `${path.relative(process.cwd(), file)}: prompt holds the facts for ${held}/${asked} answerable questions (${((100 * held) / Math.max(1, asked)).toFixed(1)} %)`,
    );
    if (verbose) for (const m of missed) console.log(`  missed ${m}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
