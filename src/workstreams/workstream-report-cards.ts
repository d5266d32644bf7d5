/**
 * Reports over all workstreams: what is overdue, what changed since a date, what is due next, and the
 * weekly digest that combines them. Built from views and history; rendered by the report template.
 */
import { literalLine } from '../teams/markdown';
import { formatDate, formatDateTime, statusLabels } from './status-model';
import { leadText, reportCard, shownMilestoneTitle, type CardClock, type CardJson, type ReportItem, type ReportSection } from './workstream-cards';
import type { ChangeGroup } from './workstream-notice';
import { daysLate, type WorkstreamView } from './workstream-view';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** The views whose next milestone has a date, each with that milestone and date. */
const withDueDate = (views: readonly WorkstreamView[]) =>
  views.flatMap((view) => (view.nextMilestone?.due ? [{ view, milestone: view.nextMilestone, due: view.nextMilestone.due }] : []));

export function overdueSection(views: readonly WorkstreamView[], clock: CardClock): ReportSection {
  const items: ReportItem[] = withDueDate(views.filter((v) => v.overdue))
    .sort((a, b) => a.due.localeCompare(b.due))
    .map(({ view, milestone, due }) => {
      const days = daysLate(due, clock.today);
      return {
        view,
        detail: `${shownMilestoneTitle(milestone)} — due ${formatDate(due)}, ${days.toLocaleString('en-GB')} day${days === 1 ? '' : 's'} ago. Lead: ${leadText(view.workstream.lead)}.`,
      };
    });
  return { heading: `Overdue (${items.length})`, empty: 'Nothing is overdue.', items };
}

/** Milestones due from today, soonest first: those within `withinDays`, or at least the next three. */
export function dueNextSection(views: readonly WorkstreamView[], clock: CardClock, withinDays = 28): ReportSection {
  const upcoming = withDueDate(views.filter((v) => v.status !== 'complete'))
    .filter((d) => d.due >= clock.today)
    .sort((a, b) => a.due.localeCompare(b.due));
  const soon = upcoming.filter((d) => -daysLate(d.due, clock.today) <= withinDays);
  const shown = soon.length >= 3 ? soon : upcoming.slice(0, 3);
  return {
    heading: 'Due next',
    empty: 'No upcoming milestones are set. Leads can add one by typing "update" and the workstream\'s name.',
    items: shown.map(({ view, milestone, due }) => ({ view, detail: `${shownMilestoneTitle(milestone)} — due ${formatDate(due)}.` })),
  };
}

export function changesSection(groups: readonly ChangeGroup[], views: readonly WorkstreamView[], heading: string, clock: CardClock): ReportSection {
  const bySlug = new Map(views.map((v) => [v.workstream.slug, v]));
  const items: ReportItem[] = [];
  for (const g of groups) {
    const view = bySlug.get(g.workstream.slug);
    if (!view) continue;
    const [first] = g.entries;
    const latest = g.entries.at(-1);
    if (!first || !latest) continue;
    const statusPath =
      first.status === latest.status && g.entries.length === 1
        ? statusLabels[latest.status]
        : [...new Set(g.entries.map((e) => statusLabels[e.status]))].join(' → ');
    const count = g.entries.length > 1 ? `${g.entries.length} updates; ` : '';
    items.push({
      view,
      detail: `${count}${statusPath}. ${literalLine(latest.author.name)}, ${formatDateTime(latest.createdAt, clock.timeZone)}: "${literalLine(clip(latest.summary, 240))}"`,
    });
  }
  return { heading, empty: 'No workstream has been updated in that time.', items };
}

export function overdueReport(views: readonly WorkstreamView[], clock: CardClock): CardJson {
  const section = overdueSection(views, clock);
  return reportCard({
    title: "What's overdue",
    intro: `Milestones due before ${formatDate(clock.today)} on workstreams that are not complete.`,
    sections: [section],
    footer: section.items.some((i) => i.view.nextMilestone?.fromRegistry)
      ? "Dates marked from the 2016 paper were estimated from its wording; a lead's update replaces them."
      : '',
  });
}

export function changesReport(groups: readonly ChangeGroup[], views: readonly WorkstreamView[], since: string, clock: CardClock): CardJson {
  return reportCard({
    title: `What changed since ${formatDate(since)}`,
    sections: [changesSection(groups, views, `Updated (${groups.length})`, clock)],
  });
}

/** The weekly digest: changes in the period, what is overdue, what is due next. */
export function digestCard(groups: readonly ChangeGroup[], views: readonly WorkstreamView[], since: string, clock: CardClock): CardJson {
  return reportCard({
    title: 'SEND workstreams — weekly digest',
    intro: `Week to ${formatDate(clock.today)}.`,
    sections: [
      changesSection(groups, views, `What changed since ${formatDate(since)}`, clock),
      overdueSection(views, clock),
      dueNextSection(views, clock),
    ],
    footer: 'You get this because this conversation follows all workstreams. Type "unfollow all" to stop.',
  });
}
