/**
 * Composes the bot, in one order: the store (opened by the caller) → the Teams adapter → the services →
 * the Teams and HTTP routes → the background jobs. Each part is given what it needs when it is built;
 * nothing is filled in later. `start()` (index.ts) builds the bot here, and so do the tests.
 *
 * A new capability: build its service in step 3, register its Teams routes (`botRegistrars`) and HTTP
 * routes (`routeRegistrars`) in step 4, and its scheduled jobs in `startJobs`.
 */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { ClientOptions } from 'openai';
import type { Server } from 'restify';
import { roleRoutes } from './access/role-routes';
import { tabTokenVerifier } from './http/tab-sign-on';
import { AnswerCache } from './answering/answer-cache';
import { answerQuestion } from './answering/answer-question';
import type { AnswerContext } from './answering/answer-types';
import { knowledgeRetriever } from './answering/model/knowledge-retriever';
import { searchText } from './answering/retrieve';
import { concernApi } from './concerns/concern-api';
import { concernAlertActivity, concernAttachment } from './concerns/concern-card';
import { concernRoutes } from './concerns/concern-routes';
import { ConcernService, type ConcernAlert } from './concerns/concern-service';
import { scheduleDeadlineAlerts } from './concerns/deadline-alerts';
import type { GuidanceSearch } from './concerns/strategy-guidance';
import type { Config } from './config';
import { createServer } from './http/server';
import { loadKnowledge, type KnowledgeBase, type LoadOptions } from './ingestion/knowledge-base';
import { knowledgeSeedFile } from './ingestion/knowledge-seed';
import { KnowledgeSource } from './ingestion/knowledge-source';
import type { Logger } from './logger';
import { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './notifications/delivery-worker';
import { outboxApi } from './notifications/outbox-api';
import { forgetCardPost } from './store/card-posts-repo';
import { announcer, type Announce } from './notifications/notice';
import { OutboxSignal } from './notifications/outbox-signal';
import { paperBotRoutes } from './paper/paper-routes';
import { paperLinkSigner } from './paper/paper-links';
import { paperDownloadRoutes } from './paper/paper-api';
import { createPaperService } from './paper/paper-service';
import { progressRoutes } from './progress/progress-routes';
import { tabViewerResolver } from './progress/tab-viewer-api';
import { BotStateStorage } from './store/bot-state-storage';
import { listUnresolved } from './store/concerns-repo';
import { upsertConversation } from './store/conversations-repo';
import { recordFeedback } from './store/feedback-repo';
import type { Store } from './store/store-types';
import { createAdapter, type BotAdapter } from './teams/bot-adapter';
import { createBot, type Bot } from './teams/bot-app';
import { conversationFromActivity } from './teams/conversation-reference';
import { messageExtensionRoutes } from './teams/message-extension';
import type { Answerer } from './teams/question-route';
import type { WorkstreamRegistry } from './workstreams/registry';
import { registrySource } from './workstreams/registry-sections';
import { scheduleDigest } from './workstreams/weekly-digest';
import { workstreamActions } from './workstreams/workstream-actions';
import { workstreamApi } from './workstreams/workstream-api';
import type { WorkstreamNotice } from './workstreams/workstream-notice';
import { refreshPostedCards, workstreamNoticeActivity } from './workstreams/workstream-outbound-cards';
import { notFoundText, workstreamRoutes } from './workstreams/workstream-routes';
import { createWorkstreamService, type WorkstreamService } from './workstreams/workstream-service';

/** What the bot is built from: opened and loaded by the caller. */
export interface AppParts {
  config: Config;
  logger: Logger;
  store: Store;
  /** The documents as loaded at start (`knowledgeOptions`); the app reloads them when it adds a paper. */
  knowledge: KnowledgeBase;
  registry: WorkstreamRegistry;
  /** Project root: `prompts/` is found here. */
  root: string;
}

/** Test doubles for the outsides, and test pacing. Production passes none. */
export interface AppOverrides {
  /** Answers questions instead of the offline index or the model. */
  answerer?: Answerer;
  /** The concerns' "what the strategy says" search, instead of the knowledge base. */
  guidanceSearch?: GuidanceSearch;
  /** The services' clock. */
  now?: () => Date;
  /** Extra OpenAI client options (a private CA, a proxy agent). */
  modelClientOptions?: ClientOptions;
  /** Turn state storage instead of the store's. */
  storage?: Storage;
  /** Delivery worker settings (poll interval, retries) beside those from config. */
  delivery?: Partial<Omit<DeliveryWorkerOptions, 'store' | 'adapter' | 'botAppId' | 'logger' | 'signal'>>;
}

/** Something running in the background that must stop before the store closes. */
export interface BackgroundJob {
  stop(): void | Promise<void>;
}

export interface RunningJobs {
  delivery: DeliveryWorker;
  /** Stops the schedulers, then the delivery worker (which hands back what it had claimed). */
  stop(): Promise<void>;
}

export interface App {
  adapter: BotAdapter;
  /** The document index, swapped when a generated paper is added. */
  knowledge: KnowledgeSource;
  bot: Bot;
  /** The HTTP server, not yet listening. */
  server: Server;
  workstreams: WorkstreamService;
  concerns: ConcernService;
  /** How each capability queues what it has to tell (for jobs run by hand, e.g. in tests). */
  notices: { workstreams: Announce<WorkstreamNotice>; concerns: Announce<ConcernAlert> };
  /** Starts the delivery worker and (unless `schedules: false`) the digest and deadline schedules. */
  startJobs(options?: { schedules?: boolean }): RunningJobs;
}

/**
 * The model path brings Teams AI's planner, its tokenizers and the OpenAI client (~0.3 s and ~40 MB at
 * start), so it is loaded only when a model is configured.
 */
function loadModelAnswerer(): typeof import('./teams/model/model-answerer').createModelAnswerer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, off the start-up path (decision 0006)
  return (require('./teams/model/model-answerer') as typeof import('./teams/model/model-answerer')).createModelAnswerer;
}

/** Where the documents are read from and their index cached: at start, and again when a paper is added. */
export function knowledgeOptions(config: Config, root: string, registry: WorkstreamRegistry): LoadOptions {
  return {
    cacheFile: path.join(config.dataDir, 'index.json'),
    overridesFile: path.join(root, 'data', 'documents.json'),
    seedCacheFile: knowledgeSeedFile,
    // The registry is curated data searched with the documents; the papers the bot made are documents too.
    structured: [registrySource(registry)],
    generatedDirs: [papersDirOf(config)],
  };
}

/** `<DATA_DIR>/papers`: the meeting papers the bot generated, indexed with the documents. */
const papersDirOf = (config: Config): string => path.join(config.dataDir, 'papers');

function answererFor(parts: AppParts, knowledge: KnowledgeSource, answers: AnswerCache, overrides: AppOverrides): Answerer {
  if (overrides.answerer) return overrides.answerer;
  const { config, logger } = parts;
  const offlineAnswer = (question: string, context: AnswerContext) =>
    answers.get(question, context, () => answerQuestion(knowledge.current, question, context));
  if (config.model.provider === 'none') return async (question, context) => ({ answer: offlineAnswer(question, context) });
  return loadModelAnswerer()({
    model: config.model,
    promptsFolder: path.join(parts.root, 'prompts'),
    retrieve: (query, limit, context) => knowledgeRetriever(knowledge.current)(query, limit, context),
    offlineAnswer,
    logger,
    clientOptions: overrides.modelClientOptions,
  });
}

export function buildApp(parts: AppParts, overrides: AppOverrides = {}): App {
  const { config, logger, store, registry } = parts;
  const knowledge = new KnowledgeSource(parts.knowledge, () => loadKnowledge(config.docsDir, knowledgeOptions(config, parts.root, registry)));
  const answers = new AnswerCache(config.answerCacheSize);
  const botAppId = config.bot.appId ?? '';
  const instanceId = `${hostname()}:${process.pid}`;

  // 2. The adapter: the Teams app, the in-place card updates and the delivery worker all send through it.
  const adapter = createAdapter(config.bot, logger);

  // 3. The services. They queue what they have to tell in the outbox, rendered by each capability's cards.
  const outbox = new OutboxSignal();
  const notices = {
    // What waits when Teams' limits make messages wait: alerts first, then updates, card rewrites, digests.
    workstreams: announcer(workstreamNoticeActivity, undefined, (notice) => (notice.kind === 'digest' ? 'digest' : 'update')),
    concerns: announcer(concernAlertActivity, outbox.notify, () => 'alert'),
  };
  const workstreams = createWorkstreamService({
    store,
    registry,
    timeZone: config.timezone,
    announce: notices.workstreams,
    wakeDelivery: outbox.notify,
    now: overrides.now,
  });
  const concerns = new ConcernService({
    store,
    search:
      overrides.guidanceSearch ??
      ((query, limit) =>
        searchText(knowledge.current, query, limit).map((h) => ({
          section: h.section,
          docTitle: h.document.title,
          superseded: h.document.status === 'superseded',
        }))),
    workstreamName: (slug) => registry.bySlug.get(slug)?.name,
    announce: notices.concerns,
    timezone: config.timezone,
    now: overrides.now,
  });
  const workstreamExists = (slug: string) => registry.bySlug.has(slug);
  const papers = createPaperService({
    store,
    registry,
    timeZone: config.timezone,
    papersDir: papersDirOf(config),
    logger,
    reindex: async () => {
      await knowledge.reload();
      answers.clear();
    },
  });
  const paperLinks = paperLinkSigner(config.paperLinks.secret, config.paperLinks.ttlSeconds);
  if (config.paperLinks.generated && !config.bot.anonymous) {
    logger.warn(
      'PAPER_LINK_SECRET is not set: paper download links are signed with a key this process made up, so they stop working when it restarts and on other instances',
    );
  }
  // Links the bot hands out (paper downloads) name the port it really listens on, when PORT was 0.
  const baseUrl = (): string => config.publicUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo | null)?.port ?? config.port}`;
  const viewerOf = tabViewerResolver({
    db: store,
    admins: config.admins,
    verifier: config.bot.anonymous
      ? undefined
      : tabTokenVerifier({ audiences: config.tabSso.audiences, jwksUrl: config.tabSso.jwksUrl, allowedTenants: config.allowedTenants }),
  });

  // 4. The routes: Teams (before the question catch-all, in this order) and HTTP.
  const bot = createBot({
    config,
    logger,
    adapter,
    // The embedded database is this process's alone; a PostgreSQL server is shared with other instances.
    storage: overrides.storage ?? new BotStateStorage(store, { exclusive: store.kind === 'embedded', groupCommitMs: 2 }),
    answerer: answererFor(parts, knowledge, answers, overrides),
    recordFeedback: async (entry) => {
      await recordFeedback(store, {
        conversationId: entry.conversationId,
        activityId: entry.replyToId,
        userId: entry.userId,
        reaction: entry.reaction,
        text: entry.text,
        question: entry.question,
        answerExcerpt: entry.answerExcerpt,
      });
    },
    rememberConversation: async (activity) => {
      await upsertConversation(store, conversationFromActivity(activity));
    },
    registrars: [
      roleRoutes({
        store,
        admins: config.admins,
        logger,
        findWorkstream: (query) => {
          const found = workstreams.lookup(query);
          if (found.kind === 'found') return { slug: found.workstream.slug, name: found.workstream.name };
          return {
            problem: query ? notFoundText(found, query, workstreams.workstreams()) : 'Name the workstream, e.g. `grant lead autism @person`.',
          };
        },
      }),
      workstreamRoutes({ store, service: workstreams, admins: config.admins }),
      workstreamActions({ store, service: workstreams, admins: config.admins, botAppId, logger, wakeDelivery: outbox.notify }),
      concernRoutes({
        service: concerns,
        store,
        admins: config.admins,
        botAppId: config.bot.appId,
        workstreams: () => [...registry.workstreams],
        workstreamExists,
        logger,
        wakeDelivery: outbox.notify,
      }),
      paperBotRoutes({ db: store, admins: config.admins, papers, links: paperLinks, baseUrl, timeZone: config.timezone }),
      messageExtensionRoutes({
        db: store,
        admins: config.admins,
        workstreams,
        openConcerns: () => listUnresolved(store, 200),
        concernCard: async (concern) => concernAttachment(concern, await concerns.context(concern)),
      }),
    ],
  });

  const server = createServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    onMessages: bot.process,
    health: async () => {
      const storeOk = await store.ping();
      return {
        ok: storeOk,
        mode: config.bot.anonymous ? 'anonymous' : 'authenticated',
        store: store.kind,
        storeOk,
        documents: knowledge.current.documents.length,
        model: config.model.provider,
      };
    },
    registrars: [
      workstreamApi({
        store,
        service: workstreams,
        apiKeys: config.apiKeys,
        onUpdated: (slug) => {
          refreshPostedCards({ service: workstreams, store, wakeDelivery: outbox.notify }, slug).catch((err: unknown) =>
            logger.warn({ err, slug }, 'could not queue the refresh of posted workstream cards'),
          );
        },
      }),
      concernApi({ service: concerns, apiKeys: config.apiKeys, workstreamExists, store }),
      progressRoutes({ db: store, registry, timeZone: config.timezone, viewerOf, papers, links: paperLinks }),
      paperDownloadRoutes({ papers, links: paperLinks }),
      outboxApi({ store, apiKeys: config.apiKeys, wakeDelivery: outbox.notify }),
    ],
  });

  // 5. The jobs, started once the server listens.
  const startJobs = (options: { schedules?: boolean } = {}): RunningJobs => {
    // Papers another instance made (on a shared PostgreSQL) are written here and indexed, after listening.
    papers.syncFiles().then(
      (written) => (written > 0 ? knowledge.reload().then(() => answers.clear()) : undefined),
      (err: unknown) => logger.warn({ err }, "could not bring the generated papers into this instance's documents"),
    );
    const delivery = startDeliveryWorker({
      store,
      adapter,
      botAppId,
      logger,
      ratePerSecond: config.delivery.ratePerSecond,
      ratePerConversation: config.delivery.ratePerConversation,
      windowMarginMs: config.delivery.windowMarginMs,
      onCopyGone: (copy) => forgetCardPost(store, copy),
      // The embedded store is this process's alone: claims left in it are a killed process's.
      exclusive: store.kind === 'embedded',
      ...overrides.delivery,
      signal: outbox,
    });
    const schedules: BackgroundJob[] =
      options.schedules === false
        ? []
        : [
            scheduleDigest(
              {
                store,
                workstreams: registry.workstreams,
                timeZone: config.timezone,
                logger,
                instanceId,
                announce: notices.workstreams,
                wakeDelivery: outbox.notify,
              },
              config.digestCron,
            ),
            scheduleDeadlineAlerts(
              { store, service: concerns, announce: notices.concerns, workstreams: () => [...registry.workstreams], logger },
              config.deadlineCron,
              config.timezone,
              instanceId,
            ),
          ];
    return {
      delivery,
      stop: async () => {
        for (const job of schedules) await job.stop();
        // Last, so that it stops after the schedulers that feed it.
        await delivery.stop();
      },
    };
  };

  return { adapter, knowledge, bot, server, workstreams, concerns, notices, startJobs };
}
