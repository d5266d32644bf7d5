/**
 * The question-set format (`eval/**.json`, `../shared/eval/public-questions.json`) and how an answer is
 * checked against a question, the way `../shared/eval/qa-eval.mjs` checks it: `all`, `some` and `none`
 * regexes on the answer body, `source` on the body and the citation titles, the body at most `maxChars`.
 * Shared by `ask.ts`, `report.ts` and `prompt-coverage.ts`.
 */
import fs from 'node:fs';
import { z } from 'zod';

const questionSchema = z
  .object({
    id: z.string(),
    ask: z.string(),
    category: z.string().optional(),
    all: z.array(z.string()).optional(),
    some: z.object({ n: z.number(), of: z.array(z.string()) }).optional(),
    none: z.array(z.string()).optional(),
    source: z.string().optional(),
    maxChars: z.number().optional(),
    thread: z.string().optional(),
    /** Marks a question that must be declined (its `all` holds the refuse pattern); informational. */
    refuse: z.boolean().optional(),
  })
  // A misspelt field ("follows" for `thread`) would otherwise be dropped without a word, and a thread asked without its context.
  .strict();
const fileSchema = z.object({ refuse_pattern: z.string().optional(), questions: z.array(questionSchema) });

export type Question = z.infer<typeof questionSchema>;
export type QuestionFile = z.infer<typeof fileSchema>;

export function readQuestionFile(file: string): QuestionFile {
  return fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const re = (s: string): RegExp => new RegExp(s, 'i');

/** Whether `body` states what `q` asks for (its `all` and `some` patterns), ignoring length, source and `none`. */
export function statesFacts(q: Question, body: string): boolean {
  return (q.all ?? []).every((p) => re(p).test(body)) && (!q.some || q.some.of.filter((p) => re(p).test(body)).length >= q.some.n);
}

/** Checks an answer: `cited` is the body with the citation titles appended. Returns why it fails (empty when it passes). */
export function failures(q: Question, body: string, cited: string): string[] {
  const missing = (q.all ?? []).filter((p) => !re(p).test(body));
  const someHits = q.some ? q.some.of.filter((p) => re(p).test(body)).length : 0;
  const forbidden = (q.none ?? []).filter((p) => re(p).test(body));
  return [
    missing.length ? `missing ${missing.join(' | ')}` : '',
    q.some && someHits < q.some.n ? `some ${someHits}/${q.some.n}` : '',
    forbidden.length ? `forbidden ${forbidden.join(' | ')}` : '',
    body.length > (q.maxChars ?? 1500) ? `${body.length} chars` : '',
    !q.source || re(q.source).test(cited) ? '' : 'source not named',
  ].filter(Boolean);
}

/** Passed/total per category, in first-seen order, as "casual 4/5, two-part 3/5". */
export function byCategory(results: ReadonlyArray<{ category: string; ok: boolean }>): string {
  const counts = new Map<string, [number, number]>();
  for (const r of results) {
    const c = counts.get(r.category) ?? [0, 0];
    c[1]++;
    if (r.ok) c[0]++;
    counts.set(r.category, c);
  }
  return [...counts].map(([k, [p, t]]) => `${k} ${p}/${t}`).join(', ');
}
