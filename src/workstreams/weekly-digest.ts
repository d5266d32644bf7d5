/**
 * The weekly digest for conversations following all workstreams: what changed in the last seven days,
 * what is overdue, what is due next. Scheduled with croner in the bot's time zone (`DIGEST_CRON`, default
 * Monday 08:00 Europe/London). Every instance's scheduler fires; the job-run table lets only the first run
 * for the ISO week go ahead, and the outbox's dedupe key stops a second copy reaching any conversation.
 */
import { Cron } from 'croner';
import type { Logger } from '../logger';
import type { Announce } from '../notifications/notice';
import { tryStartRun } from '../store/job-runs-repo';
import type { Store } from '../store/store-types';
import type { Workstream } from './registry-schema';
import { changesSince, currentViews } from './status-history';
import { isoDate } from './status-model';
import { allWorkstreamsTopic, type WorkstreamNotice } from './workstream-notice';

export const digestJobName = 'workstreams.weekly-digest';

export interface DigestDeps {
  store: Store;
  workstreams: readonly Workstream[];
  timeZone: string;
  logger: Logger;
  /** Names this instance in the job-run row (diagnostics only). */
  instanceId: string;
  /** Queues the digest for the conversations following all workstreams. */
  announce: Announce<WorkstreamNotice>;
  wakeDelivery?: () => void;
}

/** ISO 8601 week of a calendar date: `2026-W11`. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export type DigestOutcome = { ran: false; period: string } | { ran: true; period: string; queued: number; addressed: number };

/**
 * Runs the digest for the week containing `at` unless some instance already has. The run claim and the
 * queued messages share one transaction: if queuing fails, the claim is rolled back and a retry may run.
 */
export async function runDigest(deps: DigestDeps, at: Date = new Date()): Promise<DigestOutcome> {
  const today = isoDate(at, deps.timeZone);
  const period = isoWeek(today);
  const since = new Date(at.getTime() - 7 * 86_400_000);
  const outcome = await deps.store.transaction(async (tx): Promise<DigestOutcome> => {
    if (!(await tryStartRun(tx, digestJobName, period, deps.instanceId))) return { ran: false, period };
    const views = await currentViews(tx, deps.workstreams, today);
    const groups = await changesSince(tx, deps.workstreams, since);
    const result = await deps.announce(tx, {
      topic: allWorkstreamsTopic,
      dedupeKey: `digest:${period}`,
      about: { kind: 'digest', groups, views, since: isoDate(since, deps.timeZone), clock: { today, timeZone: deps.timeZone } },
    });
    return { ran: true, period, ...result };
  });
  if (outcome.ran) {
    deps.logger.info({ period, queued: outcome.queued }, 'weekly workstream digest queued');
    deps.wakeDelivery?.();
  }
  return outcome;
}

/** Starts the schedule; `stop()` the returned job on shutdown. */
export function scheduleDigest(deps: DigestDeps, cron: string): Cron {
  return new Cron(cron, { timezone: deps.timeZone, protect: true }, async () => {
    try {
      await runDigest(deps);
    } catch (err) {
      deps.logger.error({ err }, 'weekly workstream digest failed');
    }
  });
}
