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
import type { BotRegistrar } from './teams/bot-app';
import type { AnswerContext } from './answering/answer-types';
import type { Answerer } from './teams/question-route';
import { createWorkstreamsFeature } from './workstreams/workstreams-feature';
import { tabTokenVerifier } from './access/tab-token';
import { listUnresolved } from './concerns/concern-repo';
import { paperBotRoutes } from './paper/paper-bot';
import { paperLinkSigner } from './paper/paper-links';
import { paperDownloadRoutes } from './paper/paper-routes';
import { createPaperService } from './paper/paper-service';
import { progressRoutes } from './progress/progress-routes';
import { tabViewerResolver } from './progress/tab-viewer';
import { messageExtensionRoutes } from './teams/message-extension';

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
  // The index is swapped when a generated paper is added: always read `services.knowledge` at the time.
  const { config, logger, store, registry } = services;
  const instanceId = `${hostname()}:${process.pid}`;
  const workstreamExists = (slug: string) => registry.bySlug.has(slug);
  let adapter: TeamsAdapter | undefined;
  let delivery: DeliveryWorker | undefined;
  const wakeDelivery = () => delivery?.wake();

  const answers = new AnswerCache(config.answerCacheSize);
  const offlineAnswer = (question: string, context: AnswerContext) => answers.get(question, context, () => answerQuestion(services.knowledge, question, context));
  const offline: Answerer = async (question, context) => ({ answer: offlineAnswer(question, context) });
  const answerer: Answerer =
    config.model.provider === 'none'
      ? offline
      : loadModelAnswerer()({
          model: config.model,
          promptsFolder: path.join(root, 'prompts'),
          retrieve: (query, limit, context) => knowledgeRetriever(services.knowledge)(query, limit, context),
          offlineAnswer,
          logger,
        });

  const workstreams = createWorkstreamsFeature({ config, logger, store, registry, wakeDelivery });

  const concerns = new ConcernService({
    store,
    search: (query, limit) =>
      searchText(services.knowledge, query, limit).map((h) => ({
        section: h.section,
        docTitle: h.document.title,
        superseded: h.document.status === 'superseded',
      })),
    workstreamName: (slug) => registry.bySlug.get(slug)?.name,
    enqueueToTopic: async (tx, input) => {
      const result = await enqueueToTopic(tx, input);
      wakeDelivery();
      return result;
    },
    timezone: config.timezone,
  });

  const papers = createPaperService({
    store,
    registry,
    timeZone: config.timezone,
    papersDir: services.papersDir,
    logger,
    reindex: async () => {
      await services.reloadKnowledge();
      answers.clear();
    },
  });
  const paperLinks = paperLinkSigner(config.paperLinks.secret, config.paperLinks.ttlSeconds);
  if (config.paperLinks.generated && !config.bot.anonymous) logger.warn('PAPER_LINK_SECRET is not set: paper download links are signed with a key this process made up, so they stop working when it restarts and on other instances');
  const baseUrl = () => config.publicUrl ?? `http://127.0.0.1:${config.port}`;
  const viewerOf = tabViewerResolver({
    db: store,
    admins: config.admins,
    verifier: config.bot.anonymous ? undefined : tabTokenVerifier({ audiences: config.tabSso.audiences, jwksUrl: config.tabSso.jwksUrl, allowedTenants: config.allowedTenants }),
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
      }),
      paperBotRoutes({ db: store, admins: config.admins, papers, links: paperLinks, baseUrl, timeZone: config.timezone }),
      messageExtensionRoutes({
        db: store,
        admins: config.admins,
        workstreams: workstreams.service,
        openConcerns: () => listUnresolved(store, 200),
        concernCard: (concern) => concerns.card(concern),
      }),
    ],
    routeRegistrars: [
      workstreams.apiRoutes(() => {
        if (!adapter) throw new Error('the bot adapter is not ready yet');
        return adapter;
      }),
      concernApi({ service: concerns, apiKeys: config.apiKeys, workstreamExists, store }),
      progressRoutes({ db: store, registry, timeZone: config.timezone, viewerOf, papers, links: paperLinks }),
      paperDownloadRoutes({ papers, links: paperLinks }),
    ],
    startJobs: (botAdapter) => {
      adapter = botAdapter;
      // Papers another instance made (on a shared PostgreSQL) are written here and indexed, after listening.
      papers.syncFiles().then(
        (written) => (written > 0 ? services.reloadKnowledge().then(() => answers.clear()) : undefined),
        (err: unknown) => logger.warn({ err }, 'could not bring the generated papers into this instance\'s documents'),
      );
      delivery = startDeliveryWorker({
        store,
        adapter: botAdapter,
        botAppId: config.bot.appId ?? '',
        logger,
        ratePerSecond: config.delivery.ratePerSecond,
        ratePerConversation: config.delivery.ratePerConversation,
        // The embedded store is this process's alone: claims left in it are a killed process's.
        exclusive: store.kind === 'embedded',
      });
      return [
        workstreams.scheduleDigest(instanceId),
        scheduleDeadlineAlerts(
          { store, service: concerns, enqueueToTopic, workstreams: () => [...registry.workstreams], logger },
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
