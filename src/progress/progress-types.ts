/**
 * The shapes the Progress tab's API sends and its page reads: the snapshot of where the workstreams stand
 * and who is looking. Types only, importing nothing that needs Node, so the page's own compile can use them.
 */
import type { WorkstreamStatus } from '../workstreams/status-model';

export interface StatusCount {
  status: WorkstreamStatus;
  label: string;
  symbol: string;
  count: number;
}

export interface TimelineEvent {
  /** YYYY-MM-DD. */
  date: string;
  kind: 'paper' | 'update' | 'milestone';
  title: string;
  detail?: string;
  status?: WorkstreamStatus;
  statusLabel?: string;
  /** For milestones: passed without a later update, or still ahead. */
  state?: 'overdue' | 'due' | 'passed';
}

export interface WorkstreamProgress {
  slug: string;
  name: string;
  lead: string;
  status: WorkstreamStatus;
  statusLabel: string;
  statusSymbol: string;
  overdue: boolean;
  nextMilestone?: { title: string; due?: string; estimated: boolean };
  position: string[];
  lastUpdate?: { at: string; author: string };
  timeline: TimelineEvent[];
}

export interface DatedItem {
  slug: string;
  name: string;
  title: string;
  due: string;
  /** Days late (positive) or days to go (negative). */
  days: number;
  estimated: boolean;
}

export interface ChangeItem {
  slug: string;
  name: string;
  from: WorkstreamStatus;
  to: WorkstreamStatus;
  fromLabel: string;
  toLabel: string;
  updates: { at: string; author: string; statusLabel: string; summary: string }[];
}

export interface ConcernSummary {
  total: number;
  byKind: { kind: string; label: string; count: number }[];
  byRating: { rating: string; label: string; count: number }[];
}

export interface ProgressSnapshot {
  today: string;
  /** The date "what changed" runs from, and why that date. */
  since: string;
  sinceBasis: 'chosen' | 'last-paper' | 'four-weeks';
  counts: StatusCount[];
  /** The same counts as they stood at the start of `since`. */
  countsThen: StatusCount[];
  overdueCount: number;
  workstreams: WorkstreamProgress[];
  overdue: DatedItem[];
  dueSoon: DatedItem[];
  changes: ChangeItem[];
  papers: { id: number; title: string; date: string }[];
  /** Present only when the viewer may see concerns. */
  concerns?: ConcernSummary;
}

/** What `GET /api/tab/progress` returns. */
export interface TabProgressResponse {
  viewer: {
    mode: 'signed-in' | 'anonymous-local';
    name: string;
    role?: string;
    canSeeConcerns: boolean;
    canMakePaper: boolean;
  };
  snapshot: ProgressSnapshot;
  /** Signed download links for the listed papers (for those who may make papers), by paper id. */
  paperLinks: Record<string, { url: string; expiresAt: string }>;
}

/** What `POST /api/tab/paper` returns. */
export interface TabPaperResponse {
  id: number;
  title: string;
  url: string;
  expiresAt: string;
}
