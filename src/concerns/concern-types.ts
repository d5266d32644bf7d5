/**
 * What a concern is: the kinds the 2021-2026 School Improvement Strategy names (RAYG ratings in
 * Appendix A, letters of concern, warning notices, Ofsted categories, the schools-causing-concern
 * register) plus safeguarding, workstream risk and KPI thresholds. Plain data, no Teams or HTTP.
 */

export const concernKinds = [
  'rayg',
  'letter-of-concern',
  'warning-notice',
  'ofsted-category',
  'register',
  'safeguarding',
  'workstream-risk',
  'kpi',
  'other',
] as const;
export type ConcernKind = (typeof concernKinds)[number];

/** Appendix A's RAYG scale, best to worst. */
export const raygRatings = ['dark-green', 'light-green', 'yellow', 'amber', 'red'] as const;
export type RaygRating = (typeof raygRatings)[number];

export const concernStatuses = ['open', 'acknowledged', 'assigned', 'resolved'] as const;
export type ConcernStatus = (typeof concernStatuses)[number];

/** How people read each kind on a card and in lists. */
export const kindLabels: Record<ConcernKind, string> = {
  rayg: 'RAYG rating',
  'letter-of-concern': 'Letter of concern',
  'warning-notice': 'Warning notice',
  'ofsted-category': 'Ofsted category (special measures / serious weaknesses)',
  register: 'On the schools-causing-concern register',
  safeguarding: 'Safeguarding',
  'workstream-risk': 'Workstream at risk or off track',
  kpi: 'KPI threshold (attendance, suspension, exclusion, attainment)',
  other: 'Other',
};

export const ratingLabels: Record<RaygRating, string> = {
  'dark-green': 'Dark green',
  'light-green': 'Light green',
  yellow: 'Yellow',
  amber: 'Amber',
  red: 'Red',
};

/** A school or setting a concern is about. */
export interface SchoolRef {
  name: string;
  /** Unique Reference Number (six or seven digits). */
  urn?: string;
  /** e.g. primary, secondary, special, nursery. */
  phase?: string;
}

/** A date the strategy (or the person raising it) attaches to a concern. */
export interface Deadline {
  /** Stable key; the deadline alert's dedupe key is built from it. */
  key: 'compliance-period-end' | 'statement-of-action-due' | 'expected-exit' | 'due';
  label: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** Who did something to a concern. */
export interface Actor {
  /** Teams AAD object id / channel account id, or `api:<key label>` for other systems. */
  id: string;
  name: string;
  /** Teams channel account id ("29:…"), when the actor came through Teams; used for card refresh. */
  mri?: string;
}

export type ConcernAction = 'raised' | 'acknowledged' | 'assigned' | 'resolved';

/** One step of a concern's lifecycle; the trail of these is what the card shows. */
export interface ConcernEvent {
  action: ConcernAction;
  actor: Actor;
  /** ISO timestamp. */
  at: string;
  note?: string;
}

/** Everything needed to raise a concern, after validation. */
export interface ConcernDraft {
  kind: ConcernKind;
  rating?: RaygRating;
  /** For kind `rayg`: the rating before, when this is a change of rating. */
  previousRating?: RaygRating;
  school?: SchoolRef;
  workstream?: string;
  summary: string;
  /** Free-text name of whoever raised it (the API caller's person; defaults to the actor). */
  raisedBy?: string;
  issuedOn?: string;
  dueOn?: string;
}

export interface Concern extends ConcernDraft {
  id: string;
  status: ConcernStatus;
  source: 'teams' | 'api';
  raisedBy: string;
  raisedAt: string;
  deadlines: Deadline[];
  assignee?: Actor;
  events: ConcernEvent[];
}
