/**
 * The workstreams feature's domain entry points, shared by the Teams routes, the HTTP API and the digest:
 * find a workstream, read where everything stands, record an update (with its notifications).
 */
import type { Announce } from '../notifications/notice';
import type { Queryable, Store } from '../store/store-types';
import { recordUpdate, type RecordedUpdate, type UpdateAuthor } from './record-update';
import type { WorkstreamRegistry } from './registry';
import type { Workstream } from './registry-schema';
import { currentView, currentViews } from './status-history';
import { isoDate, type Clock } from './status-model';
import type { ValidUpdate } from './update-input';
import type { WorkstreamLookup } from './workstream-lookup';
import type { WorkstreamNotice } from './workstream-notice';
import type { WorkstreamView } from './workstream-view';

export interface WorkstreamServiceDeps {
  store: Store;
  registry: WorkstreamRegistry;
  timeZone: string;
  /** Queues what followers are told (src/notifications/notice.ts). */
  announce: Announce<WorkstreamNotice>;
  /** Asks the delivery worker to send queued messages now rather than at its next poll. */
  wakeDelivery?: () => void;
  /** Tests move the clock; everything else uses the real one. */
  now?: () => Date;
}

export type WorkstreamService = ReturnType<typeof createWorkstreamService>;

export function createWorkstreamService(deps: WorkstreamServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const clock = (): Clock => ({ today: isoDate(now(), deps.timeZone), timeZone: deps.timeZone });

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
      const recorded = await deps.store.transaction((tx) =>
        recordUpdate(tx, { timeZone: deps.timeZone, now: now(), announce: deps.announce }, ws, update, author, source),
      );
      deps.wakeDelivery?.();
      return recorded;
    },

    /** The same inside a caller's transaction (the API stores its idempotency key alongside); call `afterUpdate` once committed. */
    recordIn: (tx: Queryable, ws: Workstream, update: ValidUpdate, author: UpdateAuthor, source: 'teams' | 'api'): Promise<RecordedUpdate> =>
      recordUpdate(tx, { timeZone: deps.timeZone, now: now(), announce: deps.announce }, ws, update, author, source),

    afterUpdate: (): void => deps.wakeDelivery?.(),
  };
}
