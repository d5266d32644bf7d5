/**
 * The workstreams feature's domain entry points, shared by the Teams routes, the HTTP API and the digest:
 * find a workstream, read where everything stands, record an update (with its notifications), and refresh
 * posted copies of the cards afterwards.
 */
import { CardFactory } from 'botbuilder';
import type { Logger } from '../logger';
import { enqueueReplacement } from '../notifications/enqueue';
import type { Queryable, Store } from '../store/store-types';
import { recentCardPosts } from './card-posts';
import { recordUpdate, type RecordedUpdate, type UpdateAuthor } from './record-update';
import type { WorkstreamRegistry } from './registry';
import type { Workstream } from './registry-schema';
import { currentView, currentViews } from './status-history';
import { isoDate } from './status-model';
import type { ValidUpdate } from './update-input';
import { dashboardCard, workstreamCard, type CardClock } from './workstream-cards';
import type { WorkstreamLookup } from './workstream-lookup';
import type { WorkstreamView } from './workstream-view';

export interface WorkstreamServiceDeps {
  store: Store;
  registry: WorkstreamRegistry;
  timeZone: string;
  logger: Logger;
  /** Asks the delivery worker to send queued messages now rather than at its next poll. */
  wakeDelivery?: () => void;
  /** Tests move the clock; everything else uses the real one. */
  now?: () => Date;
}

export type WorkstreamService = ReturnType<typeof createWorkstreamService>;

export function createWorkstreamService(deps: WorkstreamServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const clock = (): CardClock => ({ today: isoDate(now(), deps.timeZone), timeZone: deps.timeZone });

  const lookup = (query: string): WorkstreamLookup => deps.registry.lookup(query);

  return {
    clock,
    lookup,
    bySlug: (slug: string): Workstream | undefined => deps.registry.bySlug.get(slug),
    workstreams: (): readonly Workstream[] => deps.registry.workstreams,
    views: (): Promise<WorkstreamView[]> => currentViews(deps.store, deps.registry.workstreams, clock().today),
    view: (ws: Workstream): Promise<WorkstreamView> => currentView(deps.store, ws, clock().today),

    /** Stores the update, its audit row and the follower notifications in one transaction. */
    async submitUpdate(ws: Workstream, update: ValidUpdate, author: UpdateAuthor, source: 'teams' | 'api'): Promise<RecordedUpdate> {
      const recorded = await deps.store.transaction((tx) => recordUpdate(tx, { timeZone: deps.timeZone, now: now() }, ws, update, author, source));
      deps.wakeDelivery?.();
      return recorded;
    },

    /** The same inside a caller's transaction (the API stores its idempotency key alongside); call `afterUpdate` once committed. */
    recordIn: (tx: Queryable, ws: Workstream, update: ValidUpdate, author: UpdateAuthor, source: 'teams' | 'api'): Promise<RecordedUpdate> =>
      recordUpdate(tx, { timeZone: deps.timeZone, now: now() }, ws, update, author, source),

    afterUpdate: (): void => deps.wakeDelivery?.(),

    /**
     * Queues a rewrite of the posted copies of this workstream's card and of the dashboard, after an update
     * committed: PUTs through the outbox, at Teams' pace, only the latest card per copy. Skips the copy the
     * current turn has already updated. Returns how many copies were queued.
     */
    async refreshPostedCards(slug: string, skip?: { conversationId: string; activityId?: string }): Promise<number> {
      const copies = (await recentCardPosts(deps.store, [slug, ''])).filter((c) => !(skip && c.conversationId === skip.conversationId && c.activityId === skip.activityId));
      if (copies.length === 0) return 0;
      const c = clock();
      const ws = deps.registry.bySlug.get(slug);
      const workstreamCopies = copies.filter((p) => p.slug === slug);
      const dashboardCopies = copies.filter((p) => p.slug === '');
      const queued = await deps.store.transaction(async (tx) => {
        let n = 0;
        if (ws && workstreamCopies.length) {
          const card = workstreamCard(await currentView(tx, ws, c.today), c);
          n += await enqueueReplacement(tx, workstreamCopies, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        }
        if (dashboardCopies.length) {
          const card = dashboardCard(await currentViews(tx, deps.registry.workstreams, c.today), c);
          n += await enqueueReplacement(tx, dashboardCopies, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        }
        return n;
      });
      deps.wakeDelivery?.();
      return queued;
    },
  };
}
