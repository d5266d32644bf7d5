/**
 * The search message extension: from the compose box, find a workstream (command `workstreams`) or, for
 * admins, SEND Executive members and officers, an open concern (command `concerns`), and insert its card
 * into any chat or channel. Links to the Progress tab's workstreams (`…/tab/progress?workstream=autism`)
 * unfurl into the same workstream card. Every card is the one the bot posts itself.
 */
import type { MessagingExtensionAttachment, MessagingExtensionResult, TurnContext } from 'botbuilder';
import { can } from '../access/permissions';
import { roleOf } from '../access/principal';
import type { Concern } from '../concerns/concern-types';
import { kindLabels } from '../concerns/concern-types';
import type { Queryable } from '../store/store-types';
import { fold, words } from '../language/words';
import type { Workstream } from '../workstreams/registry-schema';
import { statusLabels, statusSymbols } from '../workstreams/status-model';
import { workstreamCard } from '../workstreams/workstream-cards';
import type { WorkstreamService } from '../workstreams/workstream-service';
import { actorFrom } from './actor';
import type { BotApp } from './bot-app';

export interface MessageExtensionDeps {
  db: Queryable;
  admins: readonly string[];
  workstreams: WorkstreamService;
  /** Unresolved concerns, newest first. */
  openConcerns: () => Promise<Concern[]>;
  /** A concern's alert card as an attachment. */
  concernCard: (concern: Concern) => Promise<{ contentType: string; content?: unknown }>;
}

/** Command ids, as the manifest's composeExtensions declare them. */
export const SEARCH_WORKSTREAMS = 'workstreams';
export const SEARCH_CONCERNS = 'concerns';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Every typed word found in the text (folded, so "behaviour" finds "Behaviour"); no words finds everything. */
function matches(text: string, query: string): boolean {
  const wanted = words(fold(query));
  const have = words(fold(text));
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

const queryText = (parameters: Record<string, unknown>): string => {
  const value = parameters.query ?? Object.values(parameters)[0];
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
};

/** The workstream a Progress-tab link names, if it is one of ours. */
export function workstreamOfLink(url: string, service: Pick<WorkstreamService, 'bySlug'>): Workstream | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.pathname.replace(/\/+$/, '') !== '/tab/progress') return undefined;
  const slug = parsed.searchParams.get('workstream') ?? '';
  return service.bySlug(slug);
}

export function messageExtensionRoutes(deps: MessageExtensionDeps) {
  const workstreamResult = async (ws: Workstream): Promise<MessagingExtensionAttachment> => {
    const view = await deps.workstreams.view(ws);
    return {
      contentType: ADAPTIVE,
      content: workstreamCard(view, deps.workstreams.clock()),
      preview: {
        contentType: 'application/vnd.microsoft.card.thumbnail',
        content: {
          title: ws.name,
          text: `${statusSymbols[view.status]} ${statusLabels[view.status]}${view.overdue ? ' · overdue' : ''} · Lead: ${ws.lead.name}`,
        },
      },
    };
  };

  const list = (attachments: MessagingExtensionAttachment[]): MessagingExtensionResult => ({ type: 'result', attachmentLayout: 'list', attachments });
  const message = (text: string): MessagingExtensionResult => ({ type: 'message', text });

  const principalOf = (context: TurnContext) => roleOf(deps.db, deps.admins, actorFrom(context.activity).aadObjectId);

  return (app: BotApp): void => {
    app.messageExtensions.query(SEARCH_WORKSTREAMS, async (_context, _state, query) => {
      const text = queryText(query.parameters);
      const found = deps.workstreams.workstreams().filter((ws) => !text || matches([ws.name, ...(ws.aliases ?? []), ws.lead.name].join(' '), text));
      const page = found.slice(query.skip, query.skip + Math.min(query.count, 25));
      if (page.length === 0) return message(`No workstream matches "${text}".`);
      return list(await Promise.all(page.map(workstreamResult)));
    });

    app.messageExtensions.query(SEARCH_CONCERNS, async (context, _state, query) => {
      if (!can(await principalOf(context), 'concern:view')) {
        return message('Only admins, SEND Executive members and officers can search concerns.');
      }
      const text = queryText(query.parameters);
      const found = (await deps.openConcerns()).filter(
        (c) =>
          !text ||
          matches(
            [c.school?.name, c.school?.urn, c.summary, kindLabels[c.kind], c.workstream, deps.workstreams.bySlug(c.workstream ?? '')?.name]
              .filter(Boolean)
              .join(' '),
            text,
          ),
      );
      const page = found.slice(query.skip, query.skip + Math.min(query.count, 25));
      if (page.length === 0) return message(text ? `No open concern matches "${text}".` : 'There are no open concerns.');
      return list(
        await Promise.all(
          page.map(async (c): Promise<MessagingExtensionAttachment> => ({
            ...(await deps.concernCard(c)),
            preview: {
              contentType: 'application/vnd.microsoft.card.thumbnail',
              content: {
                title: c.school?.name ?? deps.workstreams.bySlug(c.workstream ?? '')?.name ?? 'Concern',
                text: `${kindLabels[c.kind]} · ${c.status}`,
              },
            },
          })),
        ),
      );
    });

    app.messageExtensions.queryLink(async (_context, _state, url) => {
      const ws = workstreamOfLink(url, deps.workstreams);
      // Not one of ours: nothing to unfurl, and Teams shows the link as it is.
      if (!ws) return list([]);
      return list([await workstreamResult(ws)]);
    });
  };
}
