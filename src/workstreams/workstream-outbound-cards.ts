/**
 * The cards the bot posts on its own, outside a conversation's turn: what followers are told (a status
 * update, the weekly digest), and the rewrite of posted workstream and dashboard cards after an update.
 */
import type { Logger } from '../logger';
import type { OutboxActivity } from '../notifications/enqueue';
import { recentCardPosts } from '../store/card-posts-repo';
import type { Queryable } from '../store/store-types';
import { cardAttachment } from '../teams/card-render';
import { rewritePostedCopies, type ContinueAdapter, type SkipCopy } from '../teams/posted-copies';
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
  store: Queryable;
  adapter: ContinueAdapter;
  botAppId: string;
  logger: Logger;
}

/** Rewrites posted copies of this workstream's card and of the dashboard, after an update committed. */
export async function refreshPostedCards(deps: PostedCardsDeps, slug: string, skip?: SkipCopy): Promise<number> {
  const copies = await recentCardPosts(deps.store, [slug, '']);
  if (copies.length === 0) return 0;
  const clock = deps.service.clock();
  const activityFor = async (copy: { slug: string }) => {
    const ws = copy.slug ? deps.service.bySlug(copy.slug) : undefined;
    const card = ws ? workstreamCard(await deps.service.view(ws), clock) : dashboardCard(await deps.service.views(), clock);
    return { type: 'message', attachments: [cardAttachment(card)] };
  };
  return rewritePostedCopies(deps, copies, activityFor, skip);
}
