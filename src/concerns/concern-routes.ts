/**
 * Concerns in Teams: `raise concern` (form card), `concerns` (open list), `subscribe concerns` /
 * `unsubscribe concerns` (admins), and the alert card's Action.Execute verbs. Only admins and people
 * granted executive or officer may raise or act; anyone else is told so and nothing changes. A card's
 * refresh shows the concern to those people, and to anyone in a conversation the alert was posted to;
 * anyone else gets a card that says nothing about it. After an
 * action the card is refreshed for everyone: the invoke response, the card's `refresh` block, and an
 * in-place update of every posted copy whose activity id the outbox recorded.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { can, type Action as Permission, type Principal } from '../access/permissions';
import { roleOf } from '../access/principal';
import type { Logger } from '../logger';
import { enqueueReplacement, type SkipCopy } from '../notifications/enqueue';
import { upsertConversation } from '../store/conversations-repo';
import { deliveredTo, postedCopies } from '../store/outbox-repo';
import type { Store } from '../store/store-types';
import { subscribe, unsubscribe } from '../store/subscriptions-repo';
import { actorFrom } from '../teams/actor';
import type { BotRegistrar } from '../teams/bot-app';
import { expandCard, renderCard } from '../teams/card-render';
import { messageCommand } from '../teams/commands';
import { conversationFromActivity } from '../teams/conversation-reference';
import { literalLine } from '../teams/markdown';
import raiseTemplate from './cards/raise-concern.json';
import { concernAttachment, concernCard, eventLine, unavailableCard, type CardContext } from './concern-card';
import { parseConcernInput, type FieldError } from './concern-input';
import type { LifecycleAction } from './concern-lifecycle';
import { concernKeyPrefix, concernsTopic, raisedAlertKey, type ConcernService } from './concern-service';
import { concernKinds, kindLabels, raygRatings, ratingLabels, type Actor, type Concern } from './concern-types';

export interface ConcernRouteDeps {
  service: ConcernService;
  store: Store;
  /** BOT_ADMINS: AAD object ids. */
  admins: readonly string[];
  botAppId?: string;
  workstreams: () => { slug: string; name: string }[];
  workstreamExists: (slug: string) => boolean;
  logger: Logger;
  /** Asks the delivery worker to send queued messages now. */
  wakeDelivery?: () => void;
}

const refusal = 'Only admins and people granted the executive or officer role can raise or act on concerns. Ask an admin if you need access.';

function actorOf(context: TurnContext): Actor {
  const { id, name, mri } = actorFrom(context.activity);
  return { id, name, mri };
}

/** The person as the permission rules see them (admins from config, grants from the store, by AAD object id only). */
function principalOf(deps: ConcernRouteDeps, context: TurnContext): Promise<Principal> {
  return roleOf(deps.store, deps.admins, actorFrom(context.activity).aadObjectId);
}

async function allowed(deps: ConcernRouteDeps, context: TurnContext, action: Permission): Promise<boolean> {
  return can(await principalOf(deps, context), action);
}

/** The raise form's data: choices plus what was typed and what was wrong, when it is shown again. */
function formData(deps: ConcernRouteDeps, values: Record<string, string> = {}, errors: FieldError[] = []): object {
  return {
    kinds: concernKinds.map((k) => ({ title: kindLabels[k], value: k })),
    ratings: raygRatings.map((r) => ({ title: ratingLabels[r], value: r })),
    workstreams: deps.workstreams().map((w) => ({ title: w.name, value: w.slug })),
    values: {
      kind: '',
      rating: '',
      previousRating: '',
      schoolName: '',
      schoolUrn: '',
      schoolPhase: '',
      workstream: '',
      summary: '',
      issuedOn: '',
      dueOn: '',
      ...values,
    },
    errors,
  };
}

const formValues = z.record(z.unknown()).transform(
  (v) =>
    Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => typeof x === 'string')
        .map(([k, x]) => [k, (x as string).trim()]),
    ) as Record<string, string>,
);

/** Maps the flat form onto the API's shape, so both are validated by the same schema. */
function formToInput(v: Record<string, string>): Record<string, unknown> {
  return {
    kind: v.kind ?? '',
    rating: v.rating,
    previousRating: v.previousRating,
    school: v.schoolName ? { name: v.schoolName, urn: v.schoolUrn, phase: v.schoolPhase } : undefined,
    workstream: v.workstream,
    summary: v.summary ?? '',
    issuedOn: v.issuedOn,
    dueOn: v.dueOn,
  };
}

const actionData = z.object({ concernId: z.string().min(1).max(64), note: z.string().max(1000).optional() });

function openListText(concerns: Concern[]): string {
  if (!concerns.length) return 'There are no open concerns.';
  const lines = concerns.map((c) => {
    // School names and summaries are what people typed: one escaped line each, so none can forge a list line or a link.
    const subject = literalLine(c.school?.name ?? c.workstream ?? '');
    const last = c.events[c.events.length - 1];
    const next = c.deadlines[0] ? ` · ${c.deadlines[0].label.toLowerCase()} ${c.deadlines[0].date}` : '';
    return `- **${subject}** — ${kindLabels[c.kind]}${c.rating ? ` (${ratingLabels[c.rating]})` : ''}: ${literalLine(c.summary.slice(0, 120))}${next} · _${last ? eventLine(last) : c.status}_`;
  });
  return `Open concerns (${concerns.length}):\n\n${lines.join('\n')}`;
}

/**
 * Queues a rewrite of every posted copy of a concern's alert (the outbox knows where it went): PUTs at
 * Teams' pace, only the latest card per copy. The card's refresh block catches anyone it missed.
 */
async function updatePostedCards(deps: ConcernRouteDeps, concern: Concern, skip: SkipCopy): Promise<void> {
  const copies = await postedCopies(deps.store, raisedAlertKey(concern.id));
  if (copies.length === 0) return;
  const attachment = concernAttachment(concern, await deps.service.context(concern));
  const rewrites = copies.map((c) => ({
    conversationId: c.conversationId,
    activityId: c.activityId,
    activity: { type: 'message', attachments: [attachment] },
  }));
  const queued = await deps.store.transaction((tx) => enqueueReplacement(tx, rewrites, 'refresh', skip));
  if (queued) deps.wakeDelivery?.();
}

async function cardContext(deps: ConcernRouteDeps, concern: Concern, refreshUserIds: string[] = []): Promise<CardContext> {
  return { ...(await deps.service.context(concern)), refreshUserIds };
}

export function concernRoutes(deps: ConcernRouteDeps): BotRegistrar {
  return (app) => {
    const raiseForm = async (context: TurnContext) => {
      if (!(await allowed(deps, context, 'concern:raise'))) return void (await context.sendActivity(refusal));
      await context.sendActivity({ attachments: [renderCard(raiseTemplate, formData(deps))] });
    };

    const openList = async (context: TurnContext) => {
      if (!(await allowed(deps, context, 'concern:view'))) return void (await context.sendActivity(refusal));
      await context.sendActivity(openListText(await deps.service.listOpen()));
    };

    const subscription = async (context: TurnContext, off: boolean) => {
      const principal = await principalOf(deps, context);
      if (!principal.admin) return void (await context.sendActivity('Only an admin can subscribe a conversation to concern alerts.'));
      const a = context.activity;
      const conversationId = a.conversation.id;
      if (off) {
        const changed = await unsubscribe(deps.store, conversationId, concernsTopic);
        return void (await context.sendActivity(
          changed ? 'This conversation will no longer get concern alerts.' : 'This conversation was not subscribed to concern alerts.',
        ));
      }
      await upsertConversation(deps.store, conversationFromActivity(a));
      const changed = await subscribe(deps.store, conversationId, concernsTopic, principal.userId);
      await context.sendActivity(
        changed ? 'Subscribed: new concerns and their deadlines will be posted here.' : 'This conversation is already subscribed to concern alerts.',
      );
    };

    const kinds = ['raise-concern', 'concerns', 'subscribe-concerns', 'unsubscribe-concerns'] as const;
    const commandOf = (context: TurnContext) => messageCommand(context.activity, kinds, deps.service.today());

    app.message(
      async (context) => commandOf(context) !== undefined,
      async (context) => {
        const command = commandOf(context);
        if (command?.kind === 'raise-concern') return raiseForm(context);
        if (command?.kind === 'concerns') return openList(context);
        if (command) return subscription(context, command.kind === 'unsubscribe-concerns');
      },
    );

    app.adaptiveCards.actionExecute('concern.raise', async (context) => {
      if (!(await allowed(deps, context, 'concern:raise'))) return refusal;
      const values = formValues.safeParse(context.activity.value?.action?.data ?? {});
      const v = values.success ? values.data : {};
      const parsed = parseConcernInput(formToInput(v), deps.workstreamExists);
      if (!parsed.ok) return expandCard(raiseTemplate, formData(deps, v, parsed.errors)) as { type: 'AdaptiveCard' };
      const concern = await deps.service.raise(parsed.draft, actorOf(context), 'teams');
      const card = concernCard(concern, {
        ...(await cardContext(deps, concern)),
        notice: { text: 'Raised. The alert is on its way to every conversation subscribed to concerns.', tone: 'good' },
      });
      // No refresh block here: this copy is the raiser's receipt, not one to replace for everyone.
      delete card.refresh;
      return card as { type: 'AdaptiveCard' };
    });

    const verbs: Record<string, LifecycleAction> = {
      'concern.acknowledge': 'acknowledge',
      'concern.assign': 'assign-to-me',
      'concern.resolve': 'resolve',
    };
    app.adaptiveCards.actionExecute(Object.keys(verbs), async (context) => {
      const action = verbs[String(context.activity.value?.action?.verb ?? '')];
      const data = actionData.safeParse(context.activity.value?.action?.data ?? {});
      if (!action || !data.success) return 'That card action is missing its concern.';
      if (!(await allowed(deps, context, 'concern:act'))) return refusal;
      const actor = actorOf(context);
      const result = await deps.service.act(data.data.concernId, action, actor, data.data.note);
      if (!result.concern) return result.refused ?? 'That concern no longer exists.';
      if (result.refused) return result.refused;
      await updatePostedCards(deps, result.concern, { conversationId: context.activity.conversation.id, activityId: context.activity.replyToId });
      const card = concernCard(result.concern, await cardContext(deps, result.concern, actor.mri ? [actor.mri] : []));
      // Teams AI replaces the clicked message for everyone when a card has a refresh block; with no
      // message to replace (no replyToId) the new card goes to the person who clicked only.
      if (!context.activity.replyToId) delete card.refresh;
      return card as { type: 'AdaptiveCard' };
    });

    app.adaptiveCards.actionExecute('concern.refresh', async (context) => {
      const data = actionData.safeParse(context.activity.value?.action?.data ?? {});
      if (!data.success) return 'That card action is missing its concern.';
      // Who and where: someone who may see concerns, or anyone in a conversation the alert was posted to
      // (they can see the message; the refresh shows its current state). Anyone else learns nothing,
      // not even whether the concern exists.
      const mayView =
        can(await principalOf(deps, context), 'concern:view') ||
        (await deliveredTo(deps.store, context.activity.conversation.id, concernKeyPrefix(data.data.concernId)));
      if (!mayView) return unavailableCard() as { type: 'AdaptiveCard' };
      const concern = await deps.service.get(data.data.concernId);
      if (!concern) return 'That concern no longer exists.';
      const card = concernCard(concern, await cardContext(deps, concern));
      delete card.refresh;
      return card as { type: 'AdaptiveCard' };
    });
  };
}
