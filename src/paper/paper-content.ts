/**
 * What the meeting paper says: the 2016 "Progress on SEND Strategy and Workstreams" table — workstream,
 * lead and representatives, what will be done, outcomes, current position — filled from the registry
 * and every status update since, and a short section on what changed since the last paper. Plain data;
 * `paper-docx.ts` lays it out as a Word document.
 */
import type { Workstream } from '../workstreams/registry-schema';
import { formatDate, formatDateTime, isoDate, statusLabels, type StatusEntry, type WorkstreamStatus } from '../workstreams/status-model';
import { viewOf } from '../workstreams/workstream-view';

/** The 2016 paper's column headings, which the generated paper keeps. */
export const PAPER_COLUMNS = ['Workstream', 'Lead & Representatives', 'What will be done', 'Outcomes', 'Summary of Current Position'] as const;

export interface PaperRow {
  workstream: string;
  /** The lead first (in bold), then each representative, one person a line ("Name, Role"), as the 2016 paper lists them. */
  people: string[];
  plans: string[];
  outcomes: string[];
  /** The status line, then what the updates said (or the 2016 paper's position when nobody has reported). */
  position: string[];
}

export interface PaperChange {
  workstream: string;
  from: string;
  to: string;
  lines: string[];
}

export interface PaperContent {
  /** "Progress on SEND Strategy and Workstreams – 30 November 2026": the date is part of the title, so each paper is named apart. */
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  /** "November 2026 — paper for the SEND Executive". */
  subtitle: string;
  intro: string;
  rows: PaperRow[];
  changesHeading: string;
  changes: PaperChange[];
  /** What the changes section says when there are none. */
  noChanges: string;
}

export interface PaperInput {
  workstreams: readonly Workstream[];
  /** Every status entry, oldest first. */
  entries: readonly StatusEntry[];
  now: Date;
  timeZone: string;
  /** When the previous paper was made; absent for the first. */
  previousPaper?: { date: string; at: Date };
  /** "January 2016": the month of the paper the registry was read from. */
  registryPaperMonth: string;
}

const monthYear = (iso: string) => formatDate(iso).replace(/^\d+ /, '');

function person(name: string, role?: string, extra = ''): string {
  return `${name}${role ? `, ${role}` : ''}${extra}`;
}

export function paperContent(input: PaperInput): PaperContent {
  const date = isoDate(input.now, input.timeZone);
  const since = input.previousPaper?.at;
  const bySlug = new Map<string, StatusEntry[]>();
  for (const e of input.entries) bySlug.set(e.slug, [...(bySlug.get(e.slug) ?? []), e]);

  const rows: PaperRow[] = [];
  const changes: PaperChange[] = [];
  for (const ws of input.workstreams) {
    const history = bySlug.get(ws.slug) ?? [];
    const view = viewOf(ws, history[history.length - 1], date);
    const recent = since ? history.filter((e) => new Date(e.createdAt) >= since) : history;
    const shown = recent.length ? recent : history.slice(-1);
    const milestone = view.nextMilestone
      ? `Next milestone: ${view.nextMilestone.title}${view.nextMilestone.due ? `, due ${formatDate(view.nextMilestone.due)}` : ''}${view.nextMilestone.fromRegistry ? ' (date estimated from the 2016 paper)' : ''}${view.overdue ? ' — overdue' : ''}.`
      : '';
    // The opening names the workstream, the date and the status, so the paper reads on its own when cited.
    const stood = `Where the ${ws.name} workstream stood on ${formatDate(date)}: ${statusLabels[view.status].toLowerCase()}`;
    const last = history.at(-1);
    const position = last
      ? [
          `${stood} (last updated ${formatDate(isoDate(new Date(last.createdAt), input.timeZone))}).`,
          ...shown.map(
            (e) => `${formatDateTime(e.createdAt, input.timeZone)}, ${e.author.name} (${statusLabels[e.status].toLowerCase()}): ${e.summary}`,
          ),
        ]
      : [`${stood}, with no update since the ${input.registryPaperMonth} paper, which reported:`, ...ws.position];
    if (milestone) position.push(milestone);
    rows.push({
      workstream: ws.name,
      people: [
        person(ws.lead.name, ws.lead.role),
        ...ws.representatives.map((r) => person(r.toBeConfirmed ? 'To be confirmed' : r.name, r.role, r.substitute ? ' (Sub)' : '')),
      ],
      plans: ws.actions,
      outcomes: ws.outcomes,
      position,
    });

    if (recent.length && since) {
      const before = history.filter((e) => new Date(e.createdAt) < since);
      const from: WorkstreamStatus = before[before.length - 1]?.status ?? 'not-started';
      changes.push({
        workstream: ws.name,
        from: statusLabels[from],
        to: statusLabels[view.status],
        lines: recent.map((e) => `${formatDate(isoDate(new Date(e.createdAt), input.timeZone))}, ${e.author.name}: ${e.summary}`),
      });
    } else if (recent.length) {
      changes.push({
        workstream: ws.name,
        from: statusLabels['not-started'],
        to: statusLabels[view.status],
        lines: recent.map((e) => `${formatDate(isoDate(new Date(e.createdAt), input.timeZone))}, ${e.author.name}: ${e.summary}`),
      });
    }
  }

  const sinceText = input.previousPaper ? `the last paper (${formatDate(input.previousPaper.date)})` : `the ${input.registryPaperMonth} paper`;
  return {
    title: `Progress on SEND Strategy and Workstreams – ${formatDate(date)}`,
    date,
    subtitle: `${monthYear(date)} — paper for the SEND Executive`,
    intro: `This paper updates the SEND Executive on each of the ${rows.length} SEND workstreams: who leads it and sits on it, what will be done, the outcomes sought, and where it stands, from the workstream register and every progress update leads have posted since ${sinceText}. It was produced by the Herts SEND Assistant on ${formatDate(date)}.`,
    rows,
    changesHeading: `Changes since ${sinceText}`,
    changes,
    noChanges: `No workstream has posted an update since ${sinceText}.`,
  };
}
