/**
 * What can be done with concerns, whoever asks (a Teams card or another system over HTTP): raise one
 * (stored with its `raised` event and queued as an alert to every conversation subscribed to
 * `concerns`, in one transaction), act on one (acknowledge, assign to me, resolve), read them.
 */
import { randomUUID } from 'node:crypto';
import type { Announce } from '../notifications/notice';
import { applyTransition, getConcern, insertConcern, listUnresolved } from '../store/concerns-repo';
import type { Queryable, Store } from '../store/store-types';
import { nextState, type LifecycleAction } from './concern-lifecycle';
import type { Actor, Concern, ConcernDraft, Deadline } from './concern-types';
import { deriveDeadlines, localDate } from './due-dates';
import { strategyGuidance, type Guidance, type GuidanceSearch } from './strategy-guidance';

/** What a concern's card shows beside the concern itself. */
export interface ConcernContext {
  /** Today (YYYY-MM-DD) for "in 3 days" / "2 days ago" next to deadlines. */
  today: string;
  /** The workstream's display name, when the concern is about one. */
  workstreamName?: string;
  /** What the strategy says about this kind of concern. */
  guidance: Guidance | null;
}

/** What the conversations subscribed to concerns are told; `concern-card.ts` renders it. */
export type ConcernAlert =
  | { kind: 'raised'; concern: Concern; context: ConcernContext }
  | { kind: 'deadline'; concern: Concern; context: ConcernContext; deadline: Deadline; days: number }
  | { kind: 'milestone-overdue'; workstream: { slug: string; name: string }; milestone: { title: string; due: string }; days: number };

export interface ConcernDeps {
  store: Store;
  /** The retrieval engine, for "What the strategy says". */
  search: GuidanceSearch;
  /** Registry look-up: the workstream's name, or undefined when no workstream has that slug. */
  workstreamName: (slug: string) => string | undefined;
  /** Queues an alert for the conversations subscribed to concerns (src/notifications). */
  announce: Announce<ConcernAlert>;
  /** IANA zone "today" is reckoned in (TIMEZONE). */
  timezone: string;
  now?: () => Date;
}

/** The topic admins subscribe conversations to. */
export const concernsTopic = 'concerns';

/** Every alert about a concern has a dedupe key starting with this (raised, deadlines). */
export const concernKeyPrefix = (id: string) => `concern:${id}:`;

/** The dedupe key of a concern's first alert: one per conversation, however often it is retried. */
export const raisedAlertKey = (id: string) => `${concernKeyPrefix(id)}raised`;

export class ConcernService {
  private readonly guidanceCache = new Map<string, Promise<Guidance | null>>();

  constructor(private readonly deps: ConcernDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  today(): string {
    return localDate(this.now(), this.deps.timezone);
  }

  /** The strategy's guidance for a kind (and rating / workstream), looked up once per process. */
  guidance(concern: Pick<Concern, 'kind' | 'rating' | 'workstream'>): Promise<Guidance | null> {
    const name = concern.workstream ? this.deps.workstreamName(concern.workstream) : undefined;
    const key = `${concern.kind}|${concern.rating ?? ''}|${name ?? ''}`;
    let hit = this.guidanceCache.get(key);
    if (!hit) {
      hit = strategyGuidance(this.deps.search, concern, name).catch(() => null);
      this.guidanceCache.set(key, hit);
    }
    return hit;
  }

  /** Today, the workstream's name and the strategy's guidance: what a card shows beside the concern. */
  async context(concern: Concern): Promise<ConcernContext> {
    return {
      today: this.today(),
      workstreamName: concern.workstream ? this.deps.workstreamName(concern.workstream) : undefined,
      guidance: await this.guidance(concern),
    };
  }

  /**
   * Stores a validated concern and queues its alert in the same transaction (the caller's `tx` when
   * given), so a concern is never stored without its alert or alerted without being stored.
   */
  async raise(draft: ConcernDraft, actor: Actor, source: 'teams' | 'api', tx?: Queryable): Promise<Concern> {
    const at = this.now();
    const raisedOn = localDate(at, this.deps.timezone);
    const concern: Concern = {
      ...draft,
      id: randomUUID(),
      status: 'open',
      source,
      raisedBy: draft.raisedBy ?? actor.name,
      raisedAt: at.toISOString(),
      deadlines: deriveDeadlines(draft, raisedOn),
      events: [{ action: 'raised', actor, at: at.toISOString() }],
    };
    const alert: ConcernAlert = { kind: 'raised', concern, context: await this.context(concern) };
    const write = async (q: Queryable) => {
      await insertConcern(q, concern, actor.id);
      await this.deps.announce(q, { topic: concernsTopic, dedupeKey: raisedAlertKey(concern.id), about: alert });
    };
    // Inside a caller's transaction (the API's idempotency record) the write joins it.
    if (tx) await write(tx);
    else await this.deps.store.transaction(write);
    return concern;
  }

  get(id: string): Promise<Concern | undefined> {
    return getConcern(this.deps.store, id);
  }

  listOpen(limit = 50): Promise<Concern[]> {
    return listUnresolved(this.deps.store, limit);
  }

  /**
   * Applies a lifecycle action. Returns the concern as it now is, and a refusal reason when nothing
   * changed (already done, or someone else got there first).
   */
  async act(id: string, action: LifecycleAction, actor: Actor, note?: string): Promise<{ concern?: Concern; refused?: string }> {
    return this.deps.store.transaction(async (tx) => {
      const concern = await getConcern(tx, id);
      if (!concern) return { refused: 'That concern no longer exists.' };
      const step = nextState(concern, action, actor, this.now(), note);
      if (!step.ok) return { concern, refused: step.reason };
      const applied = await applyTransition(tx, id, concern.status, step.status, step.assignee, step.event);
      const current = (await getConcern(tx, id)) ?? concern;
      return applied ? { concern: current } : { concern: current, refused: 'Someone else changed this concern just now; here it is as it stands.' };
    });
  }
}
