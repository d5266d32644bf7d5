/**
 * Teams message routes for the workstream commands: `status`, `status <name>`, `overdue` ("what's
 * overdue?"), `changes since <date>` ("what changed since 1 March?"), `my workstreams`, `update <name>`,
 * `follow …` / `unfollow …`, `following`. Anything else is a question for the answering pipeline.
 */
import { CardFactory, type TurnContext } from 'botbuilder';
import { can } from '../access/permissions';
import { roleOf } from '../access/principal';
import { rememberCardPost } from '../store/card-posts-repo';
import { upsertConversation } from '../store/conversations-repo';
import type { Store } from '../store/store-types';
import { actorFrom } from '../teams/actor';
import type { BotApp } from '../teams/bot-app';
import { messageCommand, type Command } from '../teams/commands';
import { conversationFromActivity } from '../teams/conversation-reference';
import { follow, followedBy, unfollow } from './follow';
import type { Workstream } from './registry-schema';
import { changesSince } from './status-history';
import { dashboardCard, reportCard, updateFormCard, workstreamCard, type CardJson, type ReportItem } from './workstream-cards';
import { changesReport, overdueReport } from './workstream-report-cards';
import type { WorkstreamLookup } from './workstream-lookup';
import type { WorkstreamService } from './workstream-service';

export interface WorkstreamRouteDeps {
  store: Store;
  service: WorkstreamService;
  admins: readonly string[];
}

/** The person behind an activity, for the record (AAD object id, or an unverified id) and as people read them. */
export function actorOf(context: TurnContext): { id: string; name: string } {
  const { id, name } = actorFrom(context.activity);
  return { id, name };
}

/** The person as the permission rules see them: by AAD object id only. */
export function principalOf(store: Store, admins: readonly string[], context: TurnContext) {
  return roleOf(store, admins, actorFrom(context.activity).aadObjectId);
}

export function notFoundText(lookup: WorkstreamLookup, query: string, all: readonly Workstream[]): string {
  if (lookup.kind === 'ambiguous') return `"${query}" could be ${lookup.candidates.map((w) => `**${w.name}**`).join(' or ')}. Which one?`;
  return `I don't know a workstream called "${query}". The workstreams are: ${all.map((w) => w.name).join(', ')}.`;
}

export function workstreamRoutes(deps: WorkstreamRouteDeps) {
  const { service } = deps;

  const kinds = ['status', 'overdue', 'changes', 'mine', 'update', 'follow', 'unfollow', 'following'] as const;
  const commandOf = (context: TurnContext): Command | undefined => messageCommand(context.activity, kinds, service.clock().today);

  const postCard = async (context: TurnContext, card: CardJson, remember?: string): Promise<void> => {
    const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    if (remember !== undefined && sent?.id) {
      await upsertConversation(deps.store, conversationFromActivity(context.activity));
      await rememberCardPost(deps.store, { conversationId: context.activity.conversation.id, activityId: sent.id, slug: remember });
    }
  };

  const resolve = async (context: TurnContext, query: string): Promise<Workstream | undefined> => {
    const found = service.lookup(query);
    if (found.kind === 'found') return found.workstream;
    await context.sendActivity(notFoundText(found, query, service.workstreams()));
    return undefined;
  };

  const handle = async (context: TurnContext, intent: Command): Promise<void> => {
    const clock = service.clock();
    switch (intent.kind) {
      case 'status': {
        if (!intent.target) return postCard(context, dashboardCard(await service.views(), clock), '');
        const ws = await resolve(context, intent.target);
        if (ws) await postCard(context, workstreamCard(await service.view(ws), clock), ws.slug);
        return;
      }
      case 'overdue':
        return postCard(context, overdueReport(await service.views(), clock));
      case 'changes': {
        const groups = await changesSince(deps.store, service.workstreams(), new Date(`${intent.since}T00:00:00Z`));
        return postCard(context, changesReport(groups, await service.views(), intent.since, clock));
      }
      case 'mine':
        return postCard(context, await myWorkstreams(context));
      case 'update': {
        const ws = await resolve(context, intent.target);
        if (!ws) return;
        const actor = await principalOf(deps.store, deps.admins, context);
        if (!can(actor, 'workstream:update', ws.slug)) {
          await context.sendActivity(
            `Only the leads of ${ws.name} and the bot's admins can update it. An admin can make you a lead with \`grant lead ${ws.name} @you\`.`,
          );
          return;
        }
        return postCard(context, updateFormCard(await service.view(ws)));
      }
      case 'follow': {
        const target = intent.target === 'all' ? 'all' : await resolve(context, intent.target);
        if (!target) return;
        const changed = await follow(deps.store, conversationFromActivity(context.activity), target, actorOf(context).id);
        const what = target === 'all' ? 'all workstreams' : target.name;
        await context.sendActivity(
          changed
            ? `Following ${what}: status updates${target === 'all' ? ' and the weekly digest' : ''} will be posted here.`
            : `This conversation already follows ${what}.`,
        );
        return;
      }
      case 'unfollow': {
        const target = intent.target === 'all' ? 'all' : await resolve(context, intent.target);
        if (!target) return;
        const removed = await unfollow(deps.store, context.activity.conversation.id, target);
        const following = await followedBy(deps.store, context.activity.conversation.id);
        const still =
          target !== 'all' && following.all ? ' This conversation still follows all workstreams; type "unfollow all" to stop those too.' : '';
        await context.sendActivity(
          removed > 0
            ? `Stopped following ${target === 'all' ? 'workstreams' : target.name} here.${still}`
            : `This conversation wasn't following ${target === 'all' ? 'any workstreams' : target.name}.${still}`,
        );
        return;
      }
      case 'following': {
        const f = await followedBy(deps.store, context.activity.conversation.id);
        const names = f.slugs.map((s) => service.bySlug(s)?.name ?? s);
        await context.sendActivity(
          f.all
            ? 'This conversation follows all workstreams (updates and the weekly digest).'
            : names.length
              ? `This conversation follows: ${names.join(', ')}.`
              : 'This conversation follows no workstreams. Type "follow all", or "follow" and a workstream\'s name.',
        );
        return;
      }
      default:
        return;
    }
  };

  /** Workstreams the person leads by role, sits on in the registry (by name), or follows in this chat. */
  const myWorkstreams = async (context: TurnContext): Promise<CardJson> => {
    const me = actorOf(context);
    const principal = await principalOf(deps.store, deps.admins, context);
    const views = await service.views();
    const name = me.name.toLowerCase();
    const f = await followedBy(deps.store, context.activity.conversation.id);
    const led = views.filter(
      (v) => principal.grants.some((g) => g.role === 'lead' && g.scope === v.workstream.slug) || v.workstream.lead.name.toLowerCase() === name,
    );
    const seat = views.filter((v) => !led.includes(v) && v.workstream.representatives.some((r) => r.name.toLowerCase() === name));
    const followed = views.filter((v) => !led.includes(v) && !seat.includes(v) && (f.all || f.slugs.includes(v.workstream.slug)));
    const item =
      (detail: string) =>
      (v: (typeof views)[number]): ReportItem => ({ view: v, detail });
    return reportCard({
      title: 'My workstreams',
      sections: [
        {
          heading: 'You lead',
          empty: 'None. An admin can grant you the lead role for a workstream.',
          items: led.map((v) => ({ view: v, detail: `You can post updates: type "update ${v.workstream.name}".` })),
        },
        {
          heading: 'You sit on',
          empty: 'You are not named as a representative in the registry.',
          items: seat.map(item('Named as a representative in the registry.')),
        },
        { heading: 'Followed here', empty: 'This conversation follows nothing else.', items: followed.map(item('Status updates are posted here.')) },
      ],
    });
  };

  return (app: BotApp): void => {
    app.message(
      async (context) => commandOf(context) !== undefined,
      async (context) => {
        const command = commandOf(context);
        if (command) await handle(context, command);
      },
    );
  };
}
