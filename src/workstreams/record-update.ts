/**
 * Records a workstream status update — from Teams or the API alike — and, in the same transaction, the
 * audit row and a status-update notice queued for every conversation following the workstream. Either all
 * of it happens or none of it; the delivery worker sends the queued cards afterwards, exactly once.
 */
import type { Announce } from '../notifications/notice';
import { appendAudit } from '../store/audit-repo';
import type { Queryable } from '../store/store-types';
import { appendStatus, latestStatuses } from '../store/workstream-status-repo';
import type { Workstream } from './registry-schema';
import { fromStored } from './status-history';
import { isoDate, type StatusEntry, type WorkstreamStatus } from './status-model';
import type { ValidUpdate } from './update-input';
import { allWorkstreamsTopic, workstreamTopic, type WorkstreamNotice } from './workstream-notice';
import { viewOf, type WorkstreamView } from './workstream-view';

export interface UpdateAuthor {
  id: string;
  name: string;
}

export interface RecordedUpdate {
  entry: StatusEntry;
  previous: WorkstreamStatus;
  view: WorkstreamView;
}

/**
 * Appends `update` to the workstream's history inside `tx`. Permission is the caller's business: Teams
 * checks the person's role, the API checks the key.
 */
export async function recordUpdate(
  tx: Queryable,
  deps: { timeZone: string; now?: Date; announce: Announce<WorkstreamNotice> },
  workstream: Workstream,
  update: ValidUpdate,
  author: UpdateAuthor,
  source: 'teams' | 'api',
): Promise<RecordedUpdate> {
  const [before] = await latestStatuses(tx, [workstream.slug]);
  const previous: WorkstreamStatus = before?.status ?? 'not-started';
  const stored = await appendStatus(tx, {
    slug: workstream.slug,
    status: update.status,
    summary: update.summary,
    nextMilestoneTitle: update.nextMilestone?.title,
    nextMilestoneDue: update.nextMilestone?.due,
    authorId: author.id,
    authorName: author.name,
    source,
  });
  const entry = fromStored(stored);
  await appendAudit(tx, {
    actor: author.id,
    action: 'workstream.update',
    target: workstream.slug,
    details: { entryId: entry.id, status: entry.status, previous, source },
  });
  const clock = { today: isoDate(deps.now ?? new Date(), deps.timeZone), timeZone: deps.timeZone };
  // Both topics at once: a conversation following the workstream and "all" gets one card.
  await deps.announce(tx, {
    topic: [workstreamTopic(workstream.slug), allWorkstreamsTopic],
    dedupeKey: `workstream-update:${entry.id}`,
    about: { kind: 'status-update', workstream, entry, previous, clock },
  });
  return { entry, previous, view: viewOf(workstream, entry, clock.today) };
}
