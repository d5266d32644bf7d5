/** 👍/👎 on answers, with the question and the start of the answer so a report can say what was judged. */
import { onlyRow, optional, toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export type Reaction = 'like' | 'dislike';

export interface FeedbackEntry {
  id: number;
  conversationId: string;
  /** The bot's reply the feedback is about. */
  activityId?: string;
  userId?: string;
  reaction: Reaction;
  text?: string;
  question?: string;
  answerExcerpt?: string;
  createdAt: Date;
}

export type NewFeedback = Omit<FeedbackEntry, 'id' | 'createdAt'>;

interface FeedbackRow {
  id: number | string;
  conversation_id: string;
  activity_id: string | null;
  user_id: string | null;
  reaction: Reaction;
  text: string | null;
  question: string | null;
  answer_excerpt: string | null;
  created_at: Date;
}

const COLUMNS = 'id, conversation_id, activity_id, user_id, reaction, text, question, answer_excerpt, created_at';

const toEntry = (row: FeedbackRow): FeedbackEntry => ({
  id: toNumber(row.id),
  conversationId: row.conversation_id,
  activityId: optional(row.activity_id),
  userId: optional(row.user_id),
  reaction: row.reaction,
  text: optional(row.text),
  question: optional(row.question),
  answerExcerpt: optional(row.answer_excerpt),
  createdAt: toDate(row.created_at),
});

export async function recordFeedback(db: Queryable, feedback: NewFeedback): Promise<FeedbackEntry> {
  const rows = await db.query<FeedbackRow>(
    `INSERT INTO feedback (conversation_id, activity_id, user_id, reaction, text, question, answer_excerpt)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [
      feedback.conversationId,
      feedback.activityId ?? null,
      feedback.userId ?? null,
      feedback.reaction,
      feedback.text ?? null,
      feedback.question ?? null,
      feedback.answerExcerpt ?? null,
    ],
  );
  return toEntry(onlyRow(rows));
}

/** Newest first; `since` bounds it in time, `limit` defaults to 200. */
export async function listFeedback(db: Queryable, options: { since?: Date; limit?: number } = {}): Promise<FeedbackEntry[]> {
  const rows = await db.query<FeedbackRow>(
    `SELECT ${COLUMNS} FROM feedback WHERE ($1::timestamptz IS NULL OR created_at >= $1)
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [options.since?.toISOString() ?? null, options.limit ?? 200],
  );
  return rows.map(toEntry);
}

export interface FeedbackSummary {
  likes: number;
  dislikes: number;
  /** How many of those came with a comment. */
  withText: number;
}

export async function summariseFeedback(db: Queryable, since?: Date): Promise<FeedbackSummary> {
  const rows = await db.query<{ likes: unknown; dislikes: unknown; with_text: unknown }>(
    `SELECT count(*) FILTER (WHERE reaction = 'like') AS likes,
            count(*) FILTER (WHERE reaction = 'dislike') AS dislikes,
            count(*) FILTER (WHERE coalesce(text, '') <> '') AS with_text
     FROM feedback WHERE ($1::timestamptz IS NULL OR created_at >= $1)`,
    [since?.toISOString() ?? null],
  );
  const row = onlyRow(rows);
  return { likes: toNumber(row.likes), dislikes: toNumber(row.dislikes), withText: toNumber(row.with_text) };
}
