/**
 * Adaptive Card `Action.Execute` handlers for workstream cards: open, refresh, open the update form,
 * submit it, follow and unfollow. Teams sends these as `adaptiveCard/action` invokes; each answers with a
 * card (replacing the one clicked, for the person who clicked) or a short message.
 */
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { can } from '../access/permissions';
import type { Logger } from '../logger';
import type { Store } from '../store/store-types';
import type { BotApp } from '../teams/bot-app';
import { conversationFromActivity } from '../teams/conversation-reference';
import { follow, unfollow } from './follow';
import type { Workstream } from './registry-schema';
import { checkFormUpdate } from './update-input';
import { dashboardCard, updateFormCard, workstreamCard, type CardJson } from './workstream-cards';
import { refreshPostedCards } from './workstream-outbound-cards';
import { actorOf, principalOf } from './workstream-routes';
import type { WorkstreamService } from './workstream-service';

export interface WorkstreamActionDeps {
  store: Store;
  service: WorkstreamService;
  admins: readonly string[];
  botAppId: string;
  logger: Logger;
  /** Asks the delivery worker to send queued card rewrites now. */
  wakeDelivery?: () => void;
}

type AdaptiveCardResult = { type: 'AdaptiveCard'; [key: string]: unknown };

const slugData = z.object({ slug: z.string().min(1).max(100) }).passthrough();

/**
 * Answers the invoke with `card` ourselves. Teams AI would otherwise turn any card with a `refresh` block
 * into "replace for everyone", which is right after an update but wrong for one person opening a card.
 */
async function respondWithCard(context: TurnContext, card: CardJson): Promise<AdaptiveCardResult> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
  return card as AdaptiveCardResult;
}

export function workstreamActions(deps: WorkstreamActionDeps) {
  const { service } = deps;

  const workstreamFrom = (data: unknown): Workstream | undefined => {
    const parsed = slugData.safeParse(data);
    return parsed.success ? service.bySlug(parsed.data.slug) : undefined;
  };
  const unknown = 'That workstream no longer exists. Type "status" to see the current list.';

  const mayUpdate = async (context: TurnContext, ws: Workstream): Promise<boolean> =>
    can(await principalOf(deps.store, deps.admins, context), 'workstream:update', ws.slug);
  const refusal = (ws: Workstream) => `Only the leads of ${ws.name} and the bot's admins can update it. Nothing was changed.`;

  return (app: BotApp): void => {
    app.adaptiveCards.actionExecute(['workstream.view', 'workstream.refresh'], async (context, _state, data) => {
      const ws = workstreamFrom(data);
      if (!ws) return unknown;
      return respondWithCard(context, workstreamCard(await service.view(ws), service.clock()));
    });

    app.adaptiveCards.actionExecute('dashboard.refresh', async (context) =>
      respondWithCard(context, dashboardCard(await service.views(), service.clock())),
    );

    app.adaptiveCards.actionExecute('workstream.edit', async (context, _state, data) => {
      const ws = workstreamFrom(data);
      if (!ws) return unknown;
      if (!(await mayUpdate(context, ws))) return refusal(ws);
      return respondWithCard(context, updateFormCard(await service.view(ws)));
    });

    app.adaptiveCards.actionExecute('workstream.update', async (context, _state, data) => {
      const ws = workstreamFrom(data);
      if (!ws) return unknown;
      if (!(await mayUpdate(context, ws))) return refusal(ws);
      const checked = checkFormUpdate(data);
      if (!checked.ok) return respondWithCard(context, updateFormCard(await service.view(ws), checked.values, checked.errors));
      const recorded = await service.submitUpdate(ws, checked.update, actorOf(context), 'teams');
      const card = workstreamCard(recorded.view, service.clock());
      // The message the form was opened from now shows the new status to everyone in this chat…
      const messageId = context.activity.replyToId;
      if (messageId) {
        try {
          await context.updateActivity({ type: 'message', id: messageId, attachments: [CardFactory.adaptiveCard(card)] });
        } catch (err) {
          deps.logger.warn({ err, messageId }, 'could not update the workstream card in place');
        }
      }
      // …and so do the copies posted elsewhere.
      await refreshPostedCards({ service, store: deps.store, wakeDelivery: deps.wakeDelivery }, ws.slug, {
        conversationId: context.activity.conversation.id,
        activityId: messageId,
      });
      return respondWithCard(context, card);
    });

    app.adaptiveCards.actionExecute('workstream.follow', async (context, _state, data) => {
      const ws = workstreamFrom(data);
      if (!ws) return unknown;
      const changed = await follow(deps.store, conversationFromActivity(context.activity), ws, actorOf(context).id);
      return changed ? `Following ${ws.name}: status updates will be posted in this conversation.` : `This conversation already follows ${ws.name}.`;
    });

    app.adaptiveCards.actionExecute('workstream.unfollow', async (context, _state, data) => {
      const ws = workstreamFrom(data);
      if (!ws) return unknown;
      const removed = await unfollow(deps.store, context.activity.conversation.id, ws);
      return removed
        ? `Stopped following ${ws.name} here.`
        : `This conversation wasn't following ${ws.name} on its own (it may follow all workstreams: "unfollow all").`;
    });
  };
}
