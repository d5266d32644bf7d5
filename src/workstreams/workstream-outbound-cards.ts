/**
 * The cards the bot posts on its own, outside a conversation's turn: what followers are told (a status
 * update, the weekly digest), and the rewrite of posted workstream and dashboard cards after an update.
 */
import { enqueueReplacement, type OutboxActivity, type SkipCopy } from '../notifications/enqueue';
import { recentCardPosts } from '../store/card-posts-repo';
import type { Store } from '../store/store-types';
import { cardAttachment } from '../teams/card-render';
import { statusLabels } from './status-model';
import { dashboardCard, statusUpdateCard, workstreamCard } from './workstream-cards';
import type { WorkstreamNotice } from './workstream-notice';
import { digestCard } from './workstream-report-cards';
import type { WorkstreamService } from './workstream-service';

/** The message a workstream notice is posted as. */
export function workstreamNoticeActivity(notice: WorkstreamNotice): OutboxActivity {
  if (notice.kind === 'digest') {
    const card = digestCard(notice.groups, notice.views, notice.since, notice.clock);
    return { type: 'message', summary: 'SEND workstreams — weekly digest', attachments: [cardAttachment(card)] };
  }
  const { workstream, entry, previous, clock } = notice;
  return {
    type: 'message',
    summary: `${workstream.name}: ${statusLabels[entry.status]}`,
    attachments: [cardAttachment(statusUpdateCard(workstream, entry, previous, clock))],
  };
}

export interface PostedCardsDeps {
  service: WorkstreamService;
  store: Store;
  /** Asks the delivery worker to send now. */
  wakeDelivery?: () => void;
}

/**
 * Queues a rewrite of the posted copies of this workstream's card and of the dashboard, after an update
 * committed: PUTs through the outbox, at Teams' pace, only the latest card per copy. Returns how many
 * copies were queued.
 */
export async function refreshPostedCards(deps: PostedCardsDeps, slug: string, skip?: SkipCopy): Promise<number> {
  const copies = await recentCardPosts(deps.store, [slug, '']);
  if (copies.length === 0) return 0;
  const clock = deps.service.clock();
  const ws = deps.service.bySlug(slug);
  // Each card once, however many copies show it.
  const workstream = ws && copies.some((c) => c.slug === slug) ? cardAttachment(workstreamCard(await deps.service.view(ws), clock)) : undefined;
  const dashboard = copies.some((c) => c.slug === '') ? cardAttachment(dashboardCard(await deps.service.views(), clock)) : undefined;
  const rewrites = copies.flatMap((copy) => {
    const attachment = copy.slug === '' ? dashboard : workstream;
    return attachment
      ? [{ conversationId: copy.conversationId, activityId: copy.activityId, activity: { type: 'message', attachments: [attachment] } }]
      : [];
  });
  const queued = await deps.store.transaction((tx) => enqueueReplacement(tx, rewrites, 'refresh', skip));
  if (queued) deps.wakeDelivery?.();
  return queued;
}
