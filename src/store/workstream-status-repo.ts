/**
 * Workstream status history. Every update is a new row; nothing is overwritten, so "what changed since
 * last week" and "what did it say in March" are both plain queries.
 */
import { onlyRow, optional, toDate, toNumber } from './sql-values';
import type { Queryable } from './store-types';

export type WorkstreamStatusValue = 'not-started' | 'on-track' | 'at-risk' | 'off-track' | 'complete';

export interface StatusEntry {
  id: number;
  slug: string;
  status: WorkstreamStatusValue;
  summary: string;
  nextMilestoneTitle?: string;
  /** YYYY-MM-DD. */
  nextMilestoneDue?: string;
  authorId: string;
  authorName: string;
  source: 'teams' | 'api';
  createdAt: Date;
}

export type NewStatusEntry = Omit<StatusEntry, 'id' | 'createdAt'>;

interface StatusRow {
  id: number | string;
  slug: string;
  status: WorkstreamStatusValue;
  summary: string;
  next_milestone_title: string | null;
  next_milestone_due: string | null;
  author_id: string;
  author_name: string;
  source: 'teams' | 'api';
  created_at: Date;
}

const COLUMNS = `id, slug, status, summary, next_milestone_title, next_milestone_due::text AS next_milestone_due,
  author_id, author_name, source, created_at`;

const toEntry = (row: StatusRow): StatusEntry => ({
  id: toNumber(row.id),
  slug: row.slug,
  status: row.status,
  summary: row.summary,
  nextMilestoneTitle: optional(row.next_milestone_title),
  nextMilestoneDue: optional(row.next_milestone_due),
  authorId: row.author_id,
  authorName: row.author_name,
  source: row.source,
  createdAt: toDate(row.created_at),
});

export async function appendStatus(db: Queryable, entry: NewStatusEntry): Promise<StatusEntry> {
  const rows = await db.query<StatusRow>(
    `INSERT INTO workstream_status (slug, status, summary, next_milestone_title, next_milestone_due,
       author_id, author_name, source)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      entry.slug,
      entry.status,
      entry.summary,
      entry.nextMilestoneTitle ?? null,
      entry.nextMilestoneDue ?? null,
      entry.authorId,
      entry.authorName,
      entry.source,
    ],
  );
  return toEntry(onlyRow(rows));
}

/** The newest entry for each slug (all slugs, or only `slugs`), by slug. */
export async function latestStatuses(db: Queryable, slugs?: readonly string[]): Promise<StatusEntry[]> {
  const rows = await db.query<StatusRow>(
    `SELECT DISTINCT ON (slug) ${COLUMNS} FROM workstream_status
     WHERE ($1::text[] IS NULL OR slug = ANY($1::text[]))
     ORDER BY slug, created_at DESC, id DESC`,
    [slugs ? [...slugs] : null],
  );
  return rows.map(toEntry);
}

/** One workstream's entries, newest first (default the last 50). */
export async function statusHistory(db: Queryable, slug: string, limit = 50): Promise<StatusEntry[]> {
  const rows = await db.query<StatusRow>(`SELECT ${COLUMNS} FROM workstream_status WHERE slug = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [
    slug,
    limit,
  ]);
  return rows.map(toEntry);
}

/** Every entry made at or after `since`, oldest first (for digests: "what changed this week"). */
export async function statusChangesSince(db: Queryable, since: Date): Promise<StatusEntry[]> {
  const rows = await db.query<StatusRow>(`SELECT ${COLUMNS} FROM workstream_status WHERE created_at >= $1::timestamptz ORDER BY created_at, id`, [
    since.toISOString(),
  ]);
  return rows.map(toEntry);
}

/** Every entry of every workstream, oldest first (the tab's timelines and the paper's history). */
export async function allStatusEntries(db: Queryable, limit = 5_000): Promise<StatusEntry[]> {
  const rows = await db.query<StatusRow>(`SELECT ${COLUMNS} FROM workstream_status ORDER BY created_at, id LIMIT $1`, [limit]);
  return rows.map(toEntry);
}
