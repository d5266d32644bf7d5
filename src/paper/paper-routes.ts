/**
 * The meeting paper in Teams: `paper` in chat and the dashboard card's "Meeting paper" button
 * (`paper.make`). Admins and SEND Executive members get a card with a signed download link that expires;
 * anyone else is told who can make it. The link rather than Teams' file consent flow: it works the same in
 * personal chats, group chats and channels (file consent is personal-chat only).
 */
import type { TurnContext } from 'botbuilder';
import { can } from '../access/permissions';
import { roleOf } from '../access/principal';
import type { Queryable } from '../store/store-types';
import { actorFrom } from '../teams/actor';
import type { BotApp } from '../teams/bot-app';
import { renderCard } from '../teams/card-render';
import { parseCommand } from '../teams/commands';
import { cleanMessageText } from '../teams/message-text';
import { formatDate } from '../workstreams/status-model';
import paperReadyTemplate from './cards/paper-ready.json';
import type { PaperLinkSigner } from './paper-links';
import type { PaperService } from './paper-service';

export interface PaperBotDeps {
  db: Queryable;
  admins: readonly string[];
  papers: PaperService;
  links: PaperLinkSigner;
  /** The bot's public address, for absolute links in cards. */
  baseUrl: () => string;
  timeZone: string;
}

export const paperRefusal =
  'Only admins and SEND Executive members can make the meeting paper. An admin can grant the role with `grant executive @person`.';

export function paperBotRoutes(deps: PaperBotDeps) {
  /** Makes the paper and posts its card; returns what to say to someone not allowed to. */
  const makeAndPost = async (context: TurnContext): Promise<string | undefined> => {
    const actor = actorFrom(context.activity);
    const principal = await roleOf(deps.db, deps.admins, actor.aadObjectId);
    if (!can(principal, 'paper:make')) return paperRefusal;
    const { paper } = await deps.papers.make({ id: actor.id, name: actor.name });
    const link = deps.links.sign(paper.id);
    const expires = link.expiresAt.toLocaleTimeString('en-GB', { timeZone: deps.timeZone, hour: '2-digit', minute: '2-digit' });
    await context.sendActivity({
      attachments: [
        renderCard(paperReadyTemplate, {
          title: paper.title,
          summary: `The paper for the SEND Executive, made ${formatDate(paper.paperDate)} from the workstream register and every update since. It is now one of the documents I answer from: ask, e.g., "what did the ${formatDate(paper.paperDate).replace(/^\d+ /, '').split(' ')[0]} paper say about autism?"`,
          expiry: `The download link works until ${expires}. Type "paper" again for a new one.`,
          url: `${deps.baseUrl()}${link.path}`,
        }),
      ],
    });
    return undefined;
  };

  return (app: BotApp): void => {
    // `paper` takes no date, so the day relative dates would be read against does not matter here.
    app.message(
      async (context) => context.activity.type === 'message' && parseCommand(cleanMessageText(context.activity.text), '1970-01-01')?.kind === 'paper',
      async (context) => {
        const refusal = await makeAndPost(context);
        if (refusal) await context.sendActivity(refusal);
      },
    );
    app.adaptiveCards.actionExecute(
      'paper.make',
      async (context) => (await makeAndPost(context)) ?? 'The meeting paper is ready: its download link is in the message below.',
    );
  };
}
