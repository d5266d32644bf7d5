/**
 * Where the SEND workstreams stand, for the Progress tab: status counts now and at a chosen date (by
 * default the last meeting paper), each workstream's timeline (the 2016 paper, its milestones, every
 * update), what is overdue or due soon, what changed since the date, and — for those allowed — open
 * concerns by kind and rating. Plain data from the store and the registry; no Teams, no HTTP.
 */
import type { ConcernSummary, DatedItem, ChangeItem, ProgressSnapshot, StatusCount, TimelineEvent, WorkstreamProgress } from './progress-types';
import { kindLabels, ratingLabels, type ConcernKind, type RaygRating } from '../concerns/concern-types';
import { unresolvedConcernCounts } from '../store/concern-stats-repo';
import { listPapers } from '../store/papers-repo';
import type { Queryable } from '../store/store-types';
import { allStatusEntries } from '../store/workstream-status-repo';
import type { WorkstreamRegistry } from '../workstreams/registry';
import { fromStored } from '../workstreams/status-history';
import { isoDate, statusLabels, statusSymbols, workstreamStatuses, type StatusEntry, type WorkstreamStatus } from '../workstreams/status-model';
import { daysLate, viewOf } from '../workstreams/workstream-view';

export interface SnapshotOptions {
  /** YYYY-MM-DD; default the last paper's date, else four weeks ago. */
  since?: string;
  includeConcerns: boolean;
  /** "Due soon" means due within this many days (default 28). */
  dueSoonDays?: number;
}

export interface SnapshotSource {
  db: Queryable;
  registry: WorkstreamRegistry;
  now: Date;
  timeZone: string;
}

/** "John Short, Keeping Children in Local Provision Manager" (the cards' wording, without importing the cards and their Teams library). */
const leadText = (lead: { name: string; role?: string }): string => (lead.role ? `${lead.name}, ${lead.role}` : lead.name);

const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function countStatuses(statuses: readonly WorkstreamStatus[]): StatusCount[] {
  return workstreamStatuses.map((status) => ({
    status,
    label: statusLabels[status],
    symbol: statusSymbols[status],
    count: statuses.filter((s) => s === status).length,
  }));
}

export async function progressSnapshot(source: SnapshotSource, options: SnapshotOptions): Promise<ProgressSnapshot> {
  const { db, registry } = source;
  const today = isoDate(source.now, source.timeZone);
  const [entries, papers, concernCounts] = await Promise.all([
    allStatusEntries(db).then((rows) => rows.map(fromStored)),
    listPapers(db, 20),
    options.includeConcerns ? unresolvedConcernCounts(db) : Promise.resolve(undefined),
  ]);
  const lastPaper = papers[0];
  const sinceBasis: ProgressSnapshot['sinceBasis'] = options.since ? 'chosen' : lastPaper ? 'last-paper' : 'four-weeks';
  const since = options.since ?? lastPaper?.paperDate ?? plusDays(today, -28);

  const bySlug = new Map<string, StatusEntry[]>();
  for (const e of entries) bySlug.set(e.slug, [...(bySlug.get(e.slug) ?? []), e]);
  // Entry times are instants; "since 3 March" is the start of that day where the bot is.
  const before = (e: StatusEntry) => isoDate(new Date(e.createdAt), source.timeZone) < since;

  const paperDate = `${registry.source.date}-01`;
  const workstreams: WorkstreamProgress[] = [];
  const overdue: DatedItem[] = [];
  const dueSoon: DatedItem[] = [];
  const changes: ChangeItem[] = [];
  const statusesThen: WorkstreamStatus[] = [];
  for (const ws of registry.workstreams) {
    const history = bySlug.get(ws.slug) ?? [];
    const view = viewOf(ws, history[history.length - 1], today);
    const then = history.filter(before);
    const thenStatus = then[then.length - 1]?.status ?? 'not-started';
    statusesThen.push(thenStatus);
    const recent = history.filter((e) => !before(e));
    if (recent.length > 0) {
      changes.push({
        slug: ws.slug,
        name: ws.name,
        from: thenStatus,
        to: view.status,
        fromLabel: statusLabels[thenStatus],
        toLabel: statusLabels[view.status],
        updates: recent.map((e) => ({ at: e.createdAt, author: e.author.name, statusLabel: statusLabels[e.status], summary: e.summary })),
      });
    }

    const m = view.nextMilestone;
    if (m?.due && view.status !== 'complete') {
      const item = { slug: ws.slug, name: ws.name, title: m.title, due: m.due, days: daysLate(m.due, today), estimated: m.fromRegistry };
      if (view.overdue) overdue.push(item);
      else if (-item.days <= (options.dueSoonDays ?? 28)) dueSoon.push(item);
    }

    const lastEntry = history.at(-1);
    const lastUpdateDay = lastEntry ? isoDate(new Date(lastEntry.createdAt), source.timeZone) : undefined;
    const timeline: TimelineEvent[] = [
      {
        date: paperDate,
        kind: 'paper' as const,
        title: 'Reported in the SEND workstreams progress paper',
        detail: ws.position[0] && ws.position.length > 1 ? `${ws.position[0]} (and ${ws.position.length - 1} more points)` : ws.position[0],
      },
      ...ws.milestones.map((ms): TimelineEvent => ({
        date: ms.due,
        kind: 'milestone',
        title: ms.title,
        detail: `"${ms.dueText}" (date estimated from the 2016 paper)`,
        state: ms.due >= today ? 'due' : lastUpdateDay && lastUpdateDay >= ms.due ? 'passed' : 'overdue',
      })),
      ...history.map((e): TimelineEvent => ({
        date: isoDate(new Date(e.createdAt), source.timeZone),
        kind: 'update',
        title: `${statusLabels[e.status]} — ${e.author.name}`,
        detail: e.summary,
        status: e.status,
        statusLabel: statusLabels[e.status],
      })),
      ...history
        .filter((e) => e.nextMilestone?.due && e === history[history.length - 1])
        .map((e): TimelineEvent => ({
          date: e.nextMilestone?.due ?? '',
          kind: 'milestone',
          title: e.nextMilestone?.title ?? '',
          detail: `Set by ${e.author.name}`,
          state: view.overdue ? 'overdue' : 'due',
        })),
    ].sort((a, b) => a.date.localeCompare(b.date));

    workstreams.push({
      slug: ws.slug,
      name: ws.name,
      lead: leadText(ws.lead),
      status: view.status,
      statusLabel: statusLabels[view.status],
      statusSymbol: statusSymbols[view.status],
      overdue: view.overdue,
      ...(m ? { nextMilestone: { title: m.title, ...(m.due ? { due: m.due } : {}), estimated: m.fromRegistry } } : {}),
      position: view.position,
      ...(view.latest ? { lastUpdate: { at: view.latest.createdAt, author: view.latest.author.name } } : {}),
      timeline,
    });
  }

  return {
    today,
    since,
    sinceBasis,
    counts: countStatuses(workstreams.map((w) => w.status)),
    countsThen: countStatuses(statusesThen),
    overdueCount: overdue.length,
    workstreams,
    overdue: overdue.sort((a, b) => a.due.localeCompare(b.due)),
    dueSoon: dueSoon.sort((a, b) => a.due.localeCompare(b.due)),
    changes,
    papers: papers.map((p) => ({ id: p.id, title: p.title, date: p.paperDate })),
    ...(concernCounts ? { concerns: summariseConcerns(concernCounts) } : {}),
  };
}

function summariseConcerns(rows: { kind: string; rating?: string; count: number }[]): ConcernSummary {
  const byKind = new Map<string, number>();
  const byRating = new Map<string, number>();
  for (const r of rows) {
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.count);
    if (r.rating) byRating.set(r.rating, (byRating.get(r.rating) ?? 0) + r.count);
  }
  return {
    total: rows.reduce((n, r) => n + r.count, 0),
    byKind: [...byKind].map(([kind, count]) => ({ kind, label: kindLabels[kind as ConcernKind] ?? kind, count })).sort((a, b) => b.count - a.count),
    byRating: (['red', 'amber', 'yellow', 'light-green', 'dark-green'] as const)
      .filter((r) => byRating.has(r))
      .map((rating) => ({ rating, label: ratingLabels[rating as RaygRating], count: byRating.get(rating) ?? 0 })),
  };
}
