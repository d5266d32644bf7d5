/**
 * The plain decisions behind booking sends, kept apart from the worker's timers and I/O so they can be
 * tested as functions: Teams' windows, which queued messages go into the next slots (priority first,
 * one per conversation, so a busy conversation cannot starve the others), and the database's clock as
 * seen from this process.
 */
import type { BudgetWindow } from '../store/delivery-budget-repo';

/**
 * Teams' documented limits per bot and conversation (thread): 7 per second, 8 per 2 s, 60 per 30 s and
 * 1 800 per hour. Each window is widened by `marginMs`, since Teams counts arrivals and a send arrives a
 * little after its planned moment.
 */
export function conversationWindows(options: { perSecond: number; longer: boolean; marginMs: number }): BudgetWindow[] {
  const windows: BudgetWindow[] = [{ limit: options.perSecond, windowMs: 1_000 }];
  if (options.longer) windows.push({ limit: 8, windowMs: 2_000 }, { limit: 60, windowMs: 30_000 }, { limit: 1_800, windowMs: 3_600_000 });
  return windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs + options.marginMs }));
}

/**
 * Spacing of a tenant's schedule: `rate` sends per second, each `(1000 + marginMs) / rate` apart. With
 * evenly spaced sends, any second holds at most `rate` arrivals as long as arrivals vary by less than
 * `marginMs` — a send late by more is not made (see the worker's late tolerance).
 */
export const tenantInterval = (rate: number, marginMs: number): number => (1_000 + marginMs) / rate;

export interface Candidate {
  conversationId: string;
  tenant: string;
  priority: number;
  /** Claim order, to keep first-come order within a priority. */
  seq: number;
  /** Not before this local time (a conversation's window or pause); 0 when free. */
  notBefore: number;
}

/**
 * The messages to book next: best priority first, then oldest; at most one per conversation (and none
 * of a conversation already waiting or sending), only those free before `until`, only of the tenant of
 * the best one (each tenant has a schedule of its own), at most `max`.
 */
export function pickCandidates<T extends Candidate>(queue: readonly T[], busy: ReadonlySet<string>, until: number, max: number): T[] {
  const sorted = [...queue].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  const picked: T[] = [];
  const seen = new Set<string>();
  let tenant: string | undefined;
  for (const c of sorted) {
    if (picked.length >= max) break;
    if (busy.has(c.conversationId) || seen.has(c.conversationId) || c.notBefore > until) continue;
    seen.add(c.conversationId);
    tenant ??= c.tenant;
    if (c.tenant === tenant) picked.push(c);
  }
  return picked;
}

/**
 * Pairs slots (local times, ascending) with candidates (best first): each slot goes to the best
 * candidate free by then. Returns the pairs; slots nobody can use stay unpaired.
 */
export function assignSlots<T extends Candidate>(candidates: readonly T[], slots: readonly number[]): { candidate: T; at: number }[] {
  const left = [...candidates];
  const pairs: { candidate: T; at: number }[] = [];
  for (const at of slots) {
    const i = left.findIndex((c) => c.notBefore <= at);
    const [candidate] = i < 0 ? [] : left.splice(i, 1);
    if (candidate) pairs.push({ candidate, at });
  }
  return pairs;
}

/**
 * The database clock relative to this process's, from the answers of budget statements: each says what
 * the database's clock read; the answer with the shortest round trip of the last 128 (~15 s of sending)
 * is the best guess, since its reading was surely taken within half that trip of the middle. A long
 * window matters: each change of the guess moves every later send against the earlier ones, and under
 * load a short window's best answer can still be slow. On one machine the offset is ~0; across hosts it
 * absorbs their clocks' difference, so every instance plans on the database's one clock.
 */
export class DatabaseClock {
  private readonly samples: { rtt: number; offset: number }[] = [];
  private offset = 0;

  /** Records one answer: local times before and after the statement, and the database's reading. */
  observe(localBefore: number, localAfter: number, dbNowMs: number): void {
    const rtt = localAfter - localBefore;
    this.samples.push({ rtt, offset: dbNowMs - (localBefore + localAfter) / 2 });
    if (this.samples.length > 128) this.samples.shift();
    this.offset = this.samples.reduce((best, s) => (s.rtt < best.rtt ? s : best)).offset;
  }

  /** Round trip of the last answer, ms (for planning how far ahead to book). */
  lastRoundTrip(): number {
    return this.samples.at(-1)?.rtt ?? 0;
  }

  toLocal(dbMs: number): number {
    return dbMs - this.offset;
  }

  toDatabase(localMs: number): number {
    return localMs + this.offset;
  }
}
