/**
 * The words of a workstream status: the five states, how they read, and the colour a card gives them.
 * One list, so the API schema, the update form and the cards cannot drift apart.
 */
export const workstreamStatuses = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const;

export type WorkstreamStatus = (typeof workstreamStatuses)[number];

export const statusLabels: Record<WorkstreamStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
};

/** Adaptive Card text colours (host-themed, so they read in dark and high-contrast themes too). */
export type CardColour = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

export const statusColours: Record<WorkstreamStatus, CardColour> = {
  'not-started': 'Default',
  'on-track': 'Good',
  'at-risk': 'Warning',
  'off-track': 'Attention',
  complete: 'Accent',
};

/** A filled circle before the label: colour alone must not carry the meaning. */
export const statusSymbols: Record<WorkstreamStatus, string> = {
  'not-started': '○',
  'on-track': '●',
  'at-risk': '▲',
  'off-track': '■',
  complete: '✔',
};

/** A milestone as people write it: a title and, usually, an ISO due date. */
export interface Milestone {
  title: string;
  /** YYYY-MM-DD, absent when the papers give no date. */
  due?: string;
  /** How the date was written in the source ("by February half term"), when it came from the registry. */
  dueText?: string;
}

/** One entry in a workstream's status history. Entries are never edited; a new one supersedes. */
export interface StatusEntry {
  id: string;
  slug: string;
  status: WorkstreamStatus;
  summary: string;
  nextMilestone?: Milestone;
  author: { id: string; name: string };
  /** Where the update came from: Teams or another system through the API. */
  source: 'teams' | 'api';
  createdAt: string;
}

/** The calendar day things are judged by (overdue, due next) and the time zone dates are shown in. */
export interface Clock {
  today: string;
  timeZone: string;
}

/** Today's date (YYYY-MM-DD) in the given time zone — "overdue" is judged by the local calendar. */
export function isoDate(at: Date, timeZone: string): string {
  let format = isoFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoFormats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * Building a DateTimeFormat costs far more than using one, and the status route asks on every message.
 * Module-level on purpose: one per time zone, pure, and bounded by the zones configured (one).
 */
const isoFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 March 2026" for cards and messages. */
export function formatDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "3 Mar 2026, 14:05" in the bot's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
