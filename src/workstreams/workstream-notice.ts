/**
 * What the followers of workstreams are told, as data: `workstream-cards.ts` renders it, the outbox
 * delivers it (see src/notifications/notice.ts).
 */
import type { Workstream } from './registry-schema';
import type { Clock, StatusEntry, WorkstreamStatus } from './status-model';
import type { WorkstreamView } from './workstream-view';

export const workstreamTopic = (slug: string): string => `workstream:${slug}`;
export const allWorkstreamsTopic = 'workstreams:all';

/** A workstream's updates in a period, oldest first. */
export interface ChangeGroup {
  workstream: Workstream;
  entries: StatusEntry[];
}

export type WorkstreamNotice =
  /** Someone reported progress on a workstream. */
  | { kind: 'status-update'; workstream: Workstream; entry: StatusEntry; previous: WorkstreamStatus; clock: Clock }
  /** The weekly digest: what changed since `since` (YYYY-MM-DD), what is overdue, what is due next. */
  | { kind: 'digest'; groups: ChangeGroup[]; views: WorkstreamView[]; since: string; clock: Clock };
