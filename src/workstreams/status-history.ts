/**
 * Reads the status history and lays it over the registry: the current view of one workstream or all of
 * them, and what changed since a date. Thin over the store's repository, in domain terms.
 */
import { latestStatuses, statusChangesSince, type StatusEntry as StoredEntry } from '../store/workstream-status-repo';
import type { Queryable } from '../store/store-types';
import type { Workstream } from './registry-schema';
import type { StatusEntry } from './status-model';
import type { ChangeGroup } from './workstream-notice';
import { viewOf, type WorkstreamView } from './workstream-view';

export function fromStored(row: StoredEntry): StatusEntry {
  return {
    id: String(row.id),
    slug: row.slug,
    status: row.status,
    summary: row.summary,
    nextMilestone: row.nextMilestoneTitle ? { title: row.nextMilestoneTitle, due: row.nextMilestoneDue } : undefined,
    author: { id: row.authorId, name: row.authorName },
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every workstream as it stands, in registry order. */
export async function currentViews(db: Queryable, workstreams: readonly Workstream[], today: string): Promise<WorkstreamView[]> {
  const latest = new Map((await latestStatuses(db)).map((row) => [row.slug, fromStored(row)]));
  return workstreams.map((ws) => viewOf(ws, latest.get(ws.slug), today));
}

export async function currentView(db: Queryable, workstream: Workstream, today: string): Promise<WorkstreamView> {
  const [row] = await latestStatuses(db, [workstream.slug]);
  return viewOf(workstream, row ? fromStored(row) : undefined, today);
}

/** Entries made since `since`, grouped by workstream (registry order), oldest first within each. */
export async function changesSince(db: Queryable, workstreams: readonly Workstream[], since: Date): Promise<ChangeGroup[]> {
  const rows = (await statusChangesSince(db, since)).map(fromStored);
  return workstreams.map((ws) => ({ workstream: ws, entries: rows.filter((r) => r.slug === ws.slug) })).filter((g) => g.entries.length > 0);
}
