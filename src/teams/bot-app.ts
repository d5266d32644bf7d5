/**
 * Builds the Teams application: the adapter (authenticated unless MicrosoftAppId is empty), the
 * routes of every capability, the question catch-all, welcome, help and feedback.
 */
import './lazy-dialogs'; // before Teams AI: see there
import type { FeedbackLoopData } from '@microsoft/teams-ai';
// The modules themselves, not the package index: the index also loads every planner, model client and
// tokenizer (~0.3 s and ~40 MB at start), which only the optional model path needs.
import { Application } from '@microsoft/teams-ai/lib/Application';
import {
  ActivityTypes,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type Storage,
} from 'botbuilder';
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';
import type { Request, Response } from 'restify';
import type { Config } from '../config';
import { HttpError, errorBody } from '../http/http-errors';
import type { RequestBody } from '../http/server';
import type { Logger } from '../logger';
import { StateWriteError } from '../store/bot-state-storage';
import { BotAdapter } from './bot-adapter';
import { renderCard } from './card-render';
import welcomeTemplate from './cards/welcome.json';
import { helpCardData } from './help-content';
import { inboundHandler } from './inbound';
import { defaultOriginPolicy } from './origin-policy';
import { questionHandler, type Answerer } from './question-route';
import { createTurnState, type AppTurnState } from './turn-state';

/**
 * botframework-connector 4.23's `Entity` mapper lists only type/text/mentioned, so the serializer
 * strips every other field of an outgoing entity — Teams would receive citations and the
 * AI-generated label as a bare `{ type }`. Entities are open-ended by the Activity spec; say so.
 */
Mappers.Entity.type = { ...Mappers.Entity.type, additionalProperties: { type: { name: 'Object' } } } as typeof Mappers.Entity.type;

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
  const { logger } = deps;
  const { bot } = deps.config;
  const adapter = new BotAdapter(
    {} as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.tenantId ?? '',
    }),
  );
  adapter.onTurnError = async (context, error) => {
    // A proactive send (continueConversationAsync) must fail to its caller, or the outbox would take a
    // refused or throttled alert for a delivered one.
    if (context.activity.type === ActivityTypes.Event && context.activity.name === 'ContinueConversation') throw error;
    logger.error({ err: error, activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === ActivityTypes.Invoke) {
      // Answer the invoke with the JSON error shape; without an invoke response botbuilder would say 501.
      const body = errorBody(new HttpError(500, 'InternalError', 'Something went wrong on our side; it has been logged.'));
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 500, body } });
      return;
    }
    if (context.activity.type === ActivityTypes.Message) {
      // One person's unstorable text fails their own turn's save only (bot-state-storage.ts): say why.
      const text =
        error instanceof StateWriteError && error.unstorable
          ? "I couldn't save our conversation after that message: it contains characters I can't store. Please send it again without them."
          : 'Sorry — something went wrong on my side while answering that. It has been logged; please try again.';
      try {
        await context.sendActivity(text);
      } catch (err) {
        logger.warn({ err }, 'could not tell the user about the failure');
      }
    }
  };

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
  app.message(/^\s*(help|\?|what can you do\??)\s*$/i, sendHelp('help'));
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
