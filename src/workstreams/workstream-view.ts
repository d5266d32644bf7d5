/**
 * What a workstream looks like right now: the registry's record (from the 2016 paper) overlaid with the
 * latest status update. Pure functions over plain data; the store and Teams know nothing of this.
 */
import type { Workstream } from './registry-schema';
import type { Milestone, StatusEntry, WorkstreamStatus } from './status-model';

export interface WorkstreamView {
  workstream: Workstream;
  status: WorkstreamStatus;
  /** The latest update, if anyone has reported since the paper. */
  latest?: StatusEntry;
  /** The latest update's summary, else the paper's "Summary of Current Position" bullets. */
  position: string[];
  nextMilestone?: Milestone & { fromRegistry: boolean };
  /** Next milestone due before today and the workstream not complete. */
  overdue: boolean;
}

/**
 * Combines the registry record with its latest history entry.
 * Next milestone: the latest entry's, else the registry's earliest dated milestone. The 2016 paper records
 * no completions, so its milestones stay open until a lead's first update replaces them — which is why
 * every workstream without an update shows as overdue: nobody has reported since the paper. An update
 * without a next milestone clears it (the lead has said what happens next in the summary).
 */
export function viewOf(workstream: Workstream, latest: StatusEntry | undefined, today: string): WorkstreamView {
  const status: WorkstreamStatus = latest?.status ?? 'not-started';
  let nextMilestone: WorkstreamView['nextMilestone'];
  if (latest?.nextMilestone) {
    nextMilestone = { ...latest.nextMilestone, fromRegistry: false };
  } else if (!latest) {
    const earliest = [...workstream.milestones].sort((a, b) => a.due.localeCompare(b.due))[0];
    if (earliest) nextMilestone = { title: earliest.title, due: earliest.due, dueText: earliest.dueText, fromRegistry: true };
  }
  const overdue = status !== 'complete' && !!nextMilestone?.due && nextMilestone.due < today;
  return {
    workstream,
    status,
    latest,
    position: latest ? [latest.summary] : workstream.position,
    nextMilestone,
    overdue,
  };
}

/** Whole days from `due` to `today` (both YYYY-MM-DD); positive when late. */
export function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}
