/**
 * The maintainers' view of 👍/👎 feedback: totals, then every comment and every 👎 with the question
 * it was about, newest first — the list to work through when improving answers.
 */
import { listFeedback, summariseFeedback } from '../store/feedback-repo';
import type { Queryable } from '../store/store-types';

export interface FeedbackReportOptions {
  /** Only feedback given on or after this date. */
  since?: Date;
  /** Most entries listed (default 50). */
  limit?: number;
}

const oneLine = (s: string | undefined, max: number) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export async function feedbackReport(db: Queryable, options: FeedbackReportOptions = {}): Promise<string> {
  const summary = await summariseFeedback(db, options.since);
  const total = summary.likes + summary.dislikes;
  const entries = (await listFeedback(db, { since: options.since, limit: 1000 }))
    .filter((e) => e.reaction === 'dislike' || (e.text ?? '').trim())
    .slice(0, options.limit ?? 50);
  const lines = [
    `Feedback${options.since ? ` since ${options.since.toISOString().slice(0, 10)}` : ''}: ${total} in all — ${summary.likes} 👍, ${summary.dislikes} 👎` +
      (total ? ` (${Math.round((100 * summary.likes) / total)}% positive)` : '') +
      `, ${summary.withText} with a comment.`,
  ];
  if (entries.length) lines.push('', '👎 and comments, newest first:');
  for (const e of entries) {
    lines.push(
      `- ${e.createdAt.toISOString().slice(0, 16).replace('T', ' ')} ${e.reaction === 'like' ? '👍' : '👎'}` +
        ` Q: "${oneLine(e.question, 120) || '(question not recorded)'}"` +
        (e.text ? ` — "${oneLine(e.text, 200)}"` : '') +
        (e.answerExcerpt ? `\n    answer: ${oneLine(e.answerExcerpt, 160)}` : ''),
    );
  }
  return lines.join('\n');
}
