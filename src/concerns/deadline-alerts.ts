/**
 * Deadline alerts, run on DEADLINE_CRON by every instance but done once per day across them (the
 * store's job runs): a warning notice's compliance period ending within 3 days or passed, a school
 * past its 18 months on the register, a workstream milestone overdue. Each deadline alerts once: the
 * outbox's dedupe key is per concern (or milestone) and deadline, so a later run adds nothing.
 */
import { Cron } from 'croner';
import type { Logger } from '../logger';
import type { Announce } from '../notifications/notice';
import { listUnresolved } from '../store/concerns-repo';
import { tryStartRun } from '../store/job-runs-repo';
import type { Store } from '../store/store-types';
import { latestStatuses } from '../store/workstream-status-repo';
import { concernsTopic, type ConcernAlert, type ConcernService } from './concern-service';
import type { Concern, Deadline } from './concern-types';
import { daysBetween } from './due-dates';

/** How close a compliance period's end must be before it is flagged. */
export const complianceWarningDays = 3;

export interface MilestoneSource {
  slug: string;
  name: string;
  milestones: { title: string; due: string }[];
}

export interface DeadlineDeps {
  store: Store;
  service: ConcernService;
  announce: Announce<ConcernAlert>;
  workstreams: () => MilestoneSource[];
  logger: Logger;
}

export interface DueAlert {
  dedupeKey: string;
  alert: ConcernAlert;
}

/** The concern deadlines that need an alert today. */
export function dueConcernDeadlines(concerns: Concern[], today: string): { concern: Concern; deadline: Deadline; days: number }[] {
  const out: { concern: Concern; deadline: Deadline; days: number }[] = [];
  for (const concern of concerns) {
    for (const deadline of concern.deadlines) {
      const days = daysBetween(today, deadline.date);
      const flagged =
        (deadline.key === 'compliance-period-end' && days <= complianceWarningDays) ||
        (deadline.key === 'expected-exit' && days < 0) ||
        (deadline.key === 'statement-of-action-due' && days <= complianceWarningDays);
      if (flagged) out.push({ concern, deadline, days });
    }
  }
  return out;
}

/** Overdue workstream milestones: due before today and not superseded by a later "complete" status. */
export async function overdueMilestones(store: Store, workstreams: MilestoneSource[], today: string) {
  const complete = new Set((await latestStatuses(store)).filter((r) => r.status === 'complete').map((r) => r.slug));
  return workstreams.flatMap((w) =>
    complete.has(w.slug)
      ? []
      : w.milestones.filter((m) => m.due < today).map((m) => ({ workstream: w, milestone: m, days: daysBetween(today, m.due) })),
  );
}

/** Everything due today, as alerts with their dedupe keys. */
export async function collectDeadlineAlerts(deps: DeadlineDeps, today: string): Promise<DueAlert[]> {
  const alerts: DueAlert[] = [];
  for (const { concern, deadline } of dueConcernDeadlines(await listUnresolved(deps.store, 500), today)) {
    const days = daysBetween(today, deadline.date);
    alerts.push({
      dedupeKey: `concern:${concern.id}:deadline:${deadline.key}:${deadline.date}`,
      alert: { kind: 'deadline', concern, context: await deps.service.context(concern), deadline, days },
    });
  }
  for (const { workstream, milestone, days } of await overdueMilestones(deps.store, deps.workstreams(), today)) {
    alerts.push({
      dedupeKey: `workstream:${workstream.slug}:milestone:${milestone.due}:${milestone.title.slice(0, 80)}`,
      alert: { kind: 'milestone-overdue', workstream: { slug: workstream.slug, name: workstream.name }, milestone, days },
    });
  }
  return alerts;
}

/** Queues today's deadline alerts; returns how many were collected (already-queued ones are no-ops in the outbox). */
export async function runDeadlineAlerts(deps: DeadlineDeps, today: string): Promise<number> {
  const alerts = await collectDeadlineAlerts(deps, today);
  await deps.store.transaction(async (tx) => {
    for (const a of alerts) await deps.announce(tx, { topic: concernsTopic, dedupeKey: a.dedupeKey, about: a.alert });
  });
  return alerts.length;
}

/**
 * Starts the cron job. Each tick claims the day's run in the store first, so with several instances
 * only one collects; the dedupe keys make a second run harmless anyway.
 */
export function scheduleDeadlineAlerts(deps: DeadlineDeps, cron: string, timezone: string, instanceId: string): Cron {
  return new Cron(cron, { timezone, protect: true }, async () => {
    const today = deps.service.today();
    try {
      if (!(await tryStartRun(deps.store, 'concern-deadlines', today, instanceId))) return;
      const n = await runDeadlineAlerts(deps, today);
      deps.logger.info({ alerts: n, day: today }, 'deadline alerts queued');
    } catch (err) {
      deps.logger.error({ err }, 'deadline alerts failed');
    }
  });
}
