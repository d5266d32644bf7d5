/**
 * Builds the data for the workstream card templates in `./cards` and expands them. Code decides what
 * each card says; the templates decide how it looks.
 */
import { expandCard } from '../teams/card-render';
import { literal, literalLine } from '../teams/markdown';
import dashboardTemplate from './cards/dashboard.json';
import reportTemplate from './cards/report.json';
import statusUpdateTemplate from './cards/status-update.json';
import updateFormTemplate from './cards/update-form.json';
import workstreamTemplate from './cards/workstream.json';
import type { Lead, Workstream } from './registry-schema';
import {
  formatDate,
  formatDateTime,
  statusColours,
  statusLabels,
  statusSymbols,
  workstreamStatuses,
  type Clock,
  type StatusEntry,
  type WorkstreamStatus,
} from './status-model';
import { daysLate, type WorkstreamView } from './workstream-view';

export type CardJson = Record<string, unknown>;

/** Rendering settings: the calendar day and the time zone dates are shown in. */
export type CardClock = Clock;

/**
 * A milestone's title as shown: the registry's (from the paper) as it is, one from an update (typed by a
 * lead or sent by another system) escaped so that it renders as typed. Summaries and author names too.
 */
export function shownMilestoneTitle(m: { title: string; fromRegistry?: boolean }): string {
  return m.fromRegistry ? m.title : literalLine(m.title);
}

export function leadText(lead: Lead): string {
  return lead.role ? `${lead.name}, ${lead.role}` : lead.name;
}

function statusParts(status: WorkstreamStatus) {
  return { statusLabel: statusLabels[status], statusColour: statusColours[status], statusSymbol: statusSymbols[status] };
}

/** "Findings reported — due 26 February 2016 (by February half term)". */
export function milestoneText(view: WorkstreamView): string {
  const m = view.nextMilestone;
  if (!m) return 'None set';
  const due = m.due ? ` — due ${formatDate(m.due)}` : '';
  const written = m.fromRegistry && m.dueText ? ` ("${m.dueText}", date estimated from the 2016 paper)` : '';
  return `${shownMilestoneTitle(m)}${due}${written}`;
}

export function lastUpdateText(view: WorkstreamView, clock: CardClock): string {
  if (!view.latest) return 'No update since the 2016 progress paper';
  return `${literalLine(view.latest.author.name)}, ${formatDateTime(view.latest.createdAt, clock.timeZone)}`;
}

/**
 * "…was due 3 March 2026 (12 days ago)" while that means something; long overdue, as a person would write it:
 * "…was due February 2016 — no update since".
 */
function overdueText(view: WorkstreamView, clock: CardClock): string {
  if (!view.overdue || !view.nextMilestone?.due) return '';
  const days = daysLate(view.nextMilestone.due, clock.today);
  const title = shownMilestoneTitle(view.nextMilestone);
  if (days <= 60) return `${title} was due ${formatDate(view.nextMilestone.due)} (${days.toLocaleString('en-GB')} day${days === 1 ? '' : 's'} ago)`;
  const since = view.latest ? ` — last update ${formatDate(view.latest.createdAt.slice(0, 10))}` : ' — no update since';
  return `${title} was due ${formatDate(view.nextMilestone.due).replace(/^\d+ /, '')}${since}`;
}

/** The full card for one workstream, with its refresh block so Teams fetches the latest on view. */
export function workstreamCard(view: WorkstreamView, clock: CardClock): CardJson {
  const ws = view.workstream;
  return expandCard(workstreamTemplate, {
    slug: ws.slug,
    name: ws.name,
    ...statusParts(view.status),
    headerStyle: view.overdue ? 'attention' : 'emphasis',
    overdue: view.overdue,
    overdueText: overdueText(view, clock),
    lead: leadText(ws.lead),
    nextMilestoneText: milestoneText(view),
    lastUpdateText: lastUpdateText(view, clock),
    position: view.latest ? literal(view.latest.summary) : view.position.map((p) => (view.position.length > 1 ? `• ${p}` : p)).join('\n\n'),
    positionNote: view.latest ? '' : 'As reported in the SEND workstreams progress paper (around January 2016).',
    representativesText: representativesText(ws),
    plan: ws.actions,
    outcomes: ws.outcomes,
  });
}

function representativesText(ws: Workstream): string {
  if (ws.representatives.length === 0) return 'None named';
  return ws.representatives
    .map(
      (r) =>
        `${r.name}${r.role ? ` (${r.role}${r.substitute ? ', substitute' : ''})` : r.substitute ? ' (substitute)' : ''}${r.toBeConfirmed ? ' — to be confirmed' : ''}`,
    )
    .join('; ');
}

/** All workstreams on one card; overdue ones get an attention-styled row and a bold red milestone line. */
export function dashboardCard(views: WorkstreamView[], clock: CardClock): CardJson {
  const overdue = views.filter((v) => v.overdue).length;
  const counts = workstreamStatuses
    .map((s) => ({ s, n: views.filter((v) => v.status === s).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${c.n} ${statusLabels[c.s].toLowerCase()}`);
  return expandCard(dashboardTemplate, {
    title: 'SEND workstreams',
    summary: `${views.length} workstreams: ${counts.join(', ')}. ${overdue === 0 ? 'Nothing is overdue.' : `${overdue} overdue.`}`,
    rows: views.map((v) => ({
      slug: v.workstream.slug,
      name: v.workstream.name,
      lead: leadText(v.workstream.lead),
      ...statusParts(v.status),
      containerStyle: v.overdue ? 'attention' : 'default',
      milestoneLine: `${v.overdue ? 'OVERDUE — ' : 'Next: '}${v.nextMilestone ? `${shownMilestoneTitle(v.nextMilestone)}${v.nextMilestone.due ? ` (${formatDate(v.nextMilestone.due)})` : ''}` : 'no milestone set'}`,
      milestoneColour: v.overdue ? 'Attention' : 'Default',
      milestoneWeight: v.overdue ? 'Bolder' : 'Default',
      lastUpdateLine: v.latest ? `Updated by ${lastUpdateText(v, clock)}` : 'No update since the 2016 paper',
    })),
    footer:
      'Select a workstream to open it. Leads type "update" and the name (e.g. "update autism") to report progress, or "follow all" to get changes here.',
  });
}

/** Values a person typed into the update form, echoed back when the form returns with errors. */
export interface UpdateFormValues {
  status?: string;
  summary?: string;
  milestoneTitle?: string;
  milestoneDue?: string;
}

export type UpdateFormErrors = Partial<Record<keyof UpdateFormValues, string>>;

export function updateFormCard(view: WorkstreamView, values: UpdateFormValues = {}, errors: UpdateFormErrors = {}): CardJson {
  const ws = view.workstream;
  return expandCard(updateFormTemplate, {
    slug: ws.slug,
    name: ws.name,
    statusLabel: statusLabels[view.status].toLowerCase(),
    intro: 'Your update is kept in the history and sent to everyone following this workstream.',
    status: values.status ?? view.status,
    summary: values.summary ?? '',
    milestoneTitle: values.milestoneTitle ?? (view.nextMilestone && !view.nextMilestone.fromRegistry ? view.nextMilestone.title : ''),
    milestoneDue: values.milestoneDue ?? (view.nextMilestone && !view.nextMilestone.fromRegistry ? (view.nextMilestone.due ?? '') : ''),
    statusChoices: workstreamStatuses.map((s) => ({ title: statusLabels[s], value: s })),
    hasErrors: Object.keys(errors).length > 0,
    errors: {
      status: errors.status ?? null,
      summary: errors.summary ?? null,
      milestoneTitle: errors.milestoneTitle ?? null,
      milestoneDue: errors.milestoneDue ?? null,
    },
  });
}

/** The card posted to conversations following a workstream when someone reports progress. */
export function statusUpdateCard(ws: Workstream, entry: StatusEntry, previous: WorkstreamStatus, clock: CardClock): CardJson {
  const m = entry.nextMilestone;
  return expandCard(statusUpdateTemplate, {
    slug: ws.slug,
    heading: `${ws.name}: ${previous === entry.status ? 'progress update' : `now ${statusLabels[entry.status].toLowerCase()}`}`,
    ...statusParts(entry.status),
    summary: literal(entry.summary),
    previousLabel: statusLabels[previous],
    nextMilestoneText: m ? `${literalLine(m.title)}${m.due ? ` — due ${formatDate(m.due)}` : ''}` : 'None set',
    byLine: `${literalLine(entry.author.name)}${entry.source === 'api' ? ' (through the API)' : ''}, ${formatDateTime(entry.createdAt, clock.timeZone)}`,
  });
}

/** One row of a report section: a workstream with one line of detail. */
export interface ReportItem {
  view: WorkstreamView;
  detail: string;
}

export interface ReportSection {
  heading: string;
  empty: string;
  items: ReportItem[];
}

/** A titled list of workstreams in sections: the weekly digest, "what's overdue?", "what changed since…". */
export function reportCard(report: { title: string; intro?: string; sections: ReportSection[]; footer?: string }): CardJson {
  return expandCard(reportTemplate, {
    title: report.title,
    intro: report.intro ?? '',
    footer: report.footer ?? '',
    sections: report.sections.map((s) => ({
      heading: s.heading,
      empty: s.empty,
      items: s.items.map((i) => ({
        slug: i.view.workstream.slug,
        name: i.view.workstream.name,
        ...statusParts(i.view.status),
        containerStyle: i.view.overdue ? 'attention' : 'default',
        detail: i.detail,
      })),
    })),
  });
}
