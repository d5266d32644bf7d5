/**
 * What can be done with concerns, whoever asks (a Teams card or another system over HTTP): raise one
 * (stored with its `raised` event and queued as an alert to every conversation subscribed to
 * `concerns`, in one transaction), act on one (acknowledge, assign to me, resolve), read them.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Queryable, Store } from '../store/store-types';
import { literalLine } from '../teams/markdown';
import { concernAttachment } from './concern-card';
import { nextState, type LifecycleAction } from './concern-lifecycle';
import { applyTransition, getConcern, insertConcern, listUnresolved } from './concern-repo';
import { kindLabels, type Actor, type Concern, type ConcernDraft } from './concern-types';
import { deriveDeadlines, localDate } from './due-dates';
import { strategyGuidance, type Guidance, type GuidanceSearch } from './strategy-guidance';

/** Queues one activity for every conversation subscribed to a topic (src/notifications). */
export type EnqueueToTopic = (
  tx: Queryable,
  options: { topic: string; dedupeKey: string; activity: Partial<Activity> },
) => Promise<unknown>;

export interface ConcernDeps {
  store: Store;
  /** The retrieval engine, for "What the strategy says". */
  search: GuidanceSearch;
  /** Registry look-up: the workstream's name, or undefined when no workstream has that slug. */
  workstreamName: (slug: string) => string | undefined;
  enqueueToTopic: EnqueueToTopic;
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

  /** The concern's alert card as a message attachment, with the refresh targets given. */
  async card(concern: Concern, options: { notice?: { text: string; tone: 'good' | 'attention' }; refreshUserIds?: string[] } = {}) {
    return concernAttachment(concern, {
      today: this.today(),
      workstreamName: concern.workstream ? this.deps.workstreamName(concern.workstream) : undefined,
      guidance: await this.guidance(concern),
      ...options,
    });
  }

  /** An alert activity for a concern (also used by deadline alerts, with a lead line). */
  async alertActivity(concern: Concern, lead?: string): Promise<Partial<Activity>> {
    const subject = concern.school ? literalLine(concern.school.name) : (concern.workstream ? this.deps.workstreamName(concern.workstream) ?? concern.workstream : 'a concern');
    return {
      type: 'message',
      text: lead ?? `New concern: ${kindLabels[concern.kind]} — ${subject}`,
      attachments: [await this.card(concern)],
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
    const activity = await this.alertActivity(concern);
    const write = async (q: Queryable) => {
      await insertConcern(q, concern, actor.id);
      await this.deps.enqueueToTopic(q, { topic: concernsTopic, dedupeKey: raisedAlertKey(concern.id), activity });
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
