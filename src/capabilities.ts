/**
 * Builds each capability from the shared services: how questions are answered, the Teams routes, the
 * HTTP routes and the background jobs. `src/index.ts` only starts what this returns.
 */
import { hostname } from 'node:os';
import path from 'node:path';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AnswerCache } from './answering/answer-cache';
import { answerQuestion } from './answering/answer-question';
import { knowledgeRetriever } from './answering/model/knowledge-retriever';
import { searchText } from './answering/retrieve';
import { concernApi } from './concerns/concern-api';
import { concernRoutes } from './concerns/concern-bot';
import { ConcernService } from './concerns/concern-service';
import { scheduleDeadlineAlerts } from './concerns/deadline-alerts';
import type { RouteRegistrar } from './http/server';
import type { Services } from './index';
import { startDeliveryWorker, type DeliveryWorker } from './notifications/delivery-worker';
import { enqueueToTopic } from './notifications/enqueue';
import { outboxApi } from './notifications/outbox-api';
import { forgetCardPost } from './workstreams/card-posts';
import type { BotRegistrar } from './teams/bot-app';
import type { AnswerContext } from './answering/answer-types';
import type { Answerer } from './teams/question-route';
import { createWorkstreamsFeature } from './workstreams/workstreams-feature';

/**
 * The model path brings Teams AI's planner, its tokenizers and the OpenAI client (~0.3 s and ~40 MB at
 * start), so it is loaded only when a model is configured.
 */
function loadModelAnswerer(): typeof import('./answering/model/model-answerer').createModelAnswerer {
  return (require('./answering/model/model-answerer') as typeof import('./answering/model/model-answerer')).createModelAnswerer;
}

/** Something running in the background that must stop before the store closes. */
export interface BackgroundJob {
  stop(): void | Promise<void>;
}

export interface Capabilities {
  /** Answers the questions no route claimed: the model when one is configured, else the offline index. */
  answerer: Answerer;
  botRegistrars: BotRegistrar[];
  routeRegistrars: RouteRegistrar[];
  /** Starts the background jobs once the bot's adapter exists and the server listens. */
  startJobs(adapter: TeamsAdapter): BackgroundJob[];
}

export function buildCapabilities(services: Services, root: string): Capabilities {
  const { config, logger, store, knowledge, registry } = services;
  const instanceId = `${hostname()}:${process.pid}`;
  const workstreamExists = (slug: string) => registry.bySlug.has(slug);
  let delivery: DeliveryWorker | undefined;
  const wakeDelivery = () => delivery?.wake();

  const answers = new AnswerCache(config.answerCacheSize);
  const offlineAnswer = (question: string, context: AnswerContext) => answers.get(question, context, () => answerQuestion(knowledge, question, context));
  const offline: Answerer = async (question, context) => ({ answer: offlineAnswer(question, context) });
  const answerer: Answerer =
    config.model.provider === 'none'
      ? offline
      : loadModelAnswerer()({
          model: config.model,
          promptsFolder: path.join(root, 'prompts'),
          retrieve: knowledgeRetriever(knowledge),
          offlineAnswer,
          logger,
        });

  const workstreams = createWorkstreamsFeature({ config, logger, store, registry, wakeDelivery });

  const concerns = new ConcernService({
    store,
    search: (query, limit) =>
      searchText(knowledge, query, limit).map((h) => ({
        section: h.section,
        docTitle: h.document.title,
        superseded: h.document.status === 'superseded',
      })),
    workstreamName: (slug) => registry.bySlug.get(slug)?.name,
    // Concern alerts go before every other proactive message (src/notifications/priorities.ts).
    enqueueToTopic: async (tx, input) => {
      const result = await enqueueToTopic(tx, { ...input, priority: 'alert' });
      wakeDelivery();
      return result;
    },
    timezone: config.timezone,
  });

  return {
    answerer,
    botRegistrars: [
      ...workstreams.botRegistrars,
      concernRoutes({
        service: concerns,
        store,
        admins: config.admins,
        botAppId: config.bot.appId,
        workstreams: () => [...registry.workstreams],
        workstreamExists,
        logger,
        wakeDelivery,
      }),
    ],
    routeRegistrars: [
      workstreams.apiRoutes(),
      concernApi({ service: concerns, apiKeys: config.apiKeys, workstreamExists, store }),
      outboxApi({ store, apiKeys: config.apiKeys, wakeDelivery }),
    ],
    startJobs: (botAdapter) => {
      delivery = startDeliveryWorker({
        store,
        adapter: botAdapter,
        botAppId: config.bot.appId ?? '',
        logger,
        ratePerSecond: config.delivery.ratePerSecond,
        ratePerConversation: config.delivery.ratePerConversation,
        windowMarginMs: config.delivery.windowMarginMs,
        onCopyGone: (copy) => forgetCardPost(store, copy),
        // The embedded store is this process's alone: claims left in it are a killed process's.
        exclusive: store.kind === 'embedded',
      });
      return [
        workstreams.scheduleDigest(instanceId),
        scheduleDeadlineAlerts(
          { store, service: concerns, enqueueToTopic: (tx, input) => enqueueToTopic(tx, { ...input, priority: 'alert' }), workstreams: () => [...registry.workstreams], logger },
          config.deadlineCron,
          config.timezone,
          instanceId,
        ),
        // Last, so that it stops after the schedulers that feed it.
        delivery,
      ];
    },
  };
}
