/**
 * Builds the Teams application on the adapter (bot-adapter.ts): the routes of every capability, the
 * question catch-all, welcome, help and feedback.
 */
import './lazy-dialogs'; // before Teams AI: see there
import type { FeedbackLoopData } from '@microsoft/teams-ai';
// The modules themselves, not the package index: the index also loads every planner, model client and
// tokenizer (~0.3 s and ~40 MB at start), which only the optional model path needs.
import { Application } from '@microsoft/teams-ai/lib/Application';
import { ActivityTypes, TurnContext, type Activity, type Storage } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Config } from '../config';
import type { RequestBody } from '../http/server';
import type { Logger } from '../logger';
import type { BotAdapter } from './bot-adapter';
import { renderCard } from './card-render';
import welcomeTemplate from './cards/welcome.json';
import { messageCommand } from './commands';
import { helpCardData } from './help-content';
import { inboundHandler } from './inbound';
import { defaultOriginPolicy } from './origin-policy';
import { questionHandler, type Answerer } from './question-route';
import { createTurnState, type AppTurnState } from './turn-state';

export type BotApp = Application<AppTurnState>;

/** A capability's Teams routes, registered before the question catch-all. */
export type BotRegistrar = (app: BotApp) => void;

export interface FeedbackEntry {
  conversationId: string;
  replyToId: string;
  userId: string;
  reaction: 'like' | 'dislike';
  text: string;
  question?: string;
  answerExcerpt?: string;
}

export interface BotDeps {
  /** Channels and tenants default to Microsoft Teams, any tenant. */
  config: Pick<Config, 'bot'> & Partial<Pick<Config, 'allowedChannels' | 'allowedTenants'>>;
  logger: Logger;
  /** From `createAdapter` (bot-adapter.ts). */
  adapter: BotAdapter;
  storage: Storage;
  answerer: Answerer;
  recordFeedback: (entry: FeedbackEntry) => Promise<void>;
  /** Called when the bot is added to a conversation, so it can post there later. */
  rememberConversation?: (activity: Partial<Activity>) => Promise<void>;
  registrars?: BotRegistrar[];
}

export interface Bot {
  app: BotApp;
  adapter: BotAdapter;
  /** Handles one POST /api/messages request. */
  process: (req: Request, res: Response, body: RequestBody) => Promise<void>;
}

export function createBot(deps: BotDeps): Bot {
  const { logger, adapter } = deps;
  const { bot } = deps.config;
  const app: BotApp = new Application<AppTurnState>({
    adapter,
    botAppId: bot.appId,
    storage: deps.storage,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    turnStateFactory: createTurnState,
  });

  const sendHelp = (kind: 'welcome' | 'help') => async (context: TurnContext) => {
    await context.sendActivity({ attachments: [renderCard(welcomeTemplate, helpCardData(kind))] });
  };

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    await deps.rememberConversation?.(context.activity);
    await sendHelp('welcome')(context);
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (context.activity.action === 'add' || context.activity.action === 'add-upgrade') {
      await deps.rememberConversation?.(context.activity);
    }
  });
  app.message(async (context) => messageCommand(context.activity, ['help'], '1970-01-01') !== undefined, sendHelp('help'));
  for (const register of deps.registrars ?? []) register(app);
  app.feedbackLoop(async (context, state, data: FeedbackLoopData) => {
    const recent = state.conversation.recentAnswers?.find((r) => r.replyId === data.replyToId);
    const given: unknown = data.actionValue.feedback;
    const text = given === undefined ? '' : typeof given === 'string' ? given : JSON.stringify(given);
    await deps.recordFeedback({
      conversationId: context.activity.conversation.id,
      replyToId: data.replyToId,
      userId: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown',
      reaction: data.actionValue.reaction,
      text: parseFeedbackText(text),
      question: recent?.question,
      answerExcerpt: recent?.excerpt,
    });
  });
  app.activity(ActivityTypes.Message, questionHandler(deps.answerer, logger));

  return {
    app,
    adapter,
    process: inboundHandler({
      adapter,
      logger,
      anonymous: bot.anonymous,
      origin: {
        allowedChannels: deps.config.allowedChannels ?? defaultOriginPolicy.allowedChannels,
        allowedTenants: deps.config.allowedTenants ?? defaultOriginPolicy.allowedTenants,
      },
      logic: async (context) => {
        await app.run(context);
      },
    }),
  };
}

/** Teams sends the feedback box's text as `{"feedbackText":"…"}` inside a string. */
function parseFeedbackText(raw: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && 'feedbackText' in parsed) return String((parsed as { feedbackText: unknown }).feedbackText ?? '');
  } catch {
    // plain text
  }
  return raw;
}
