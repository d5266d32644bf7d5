/**
 * Starts the bot: reads config, opens the store, loads the documents and the workstream registry,
 * builds the Teams app and the HTTP server, starts the background workers, and listens.
 * `start({ port: 0 })` lets tests run the real server in-process.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { warmSentences } from './answering/sentences';
import { buildCapabilities, type BackgroundJob } from './capabilities';
import { loadKnowledge, type KnowledgeBase } from './ingestion/knowledge-base';
import { knowledgeSeedFile } from './ingestion/knowledge-seed';
import { ConfigError, loadConfig, type Config } from './config';
import { createServer } from './http/server';
import { createLogger, type Logger } from './logger';
import { BotStateStorage } from './store/bot-state-storage';
import { upsertConversation } from './store/conversations-repo';
import { recordFeedback } from './store/feedback-repo';
import { openStore } from './store/open-store';
import type { Store } from './store/store-types';
import { createBot } from './teams/bot-app';
import { conversationFromActivity } from './teams/conversation-reference';
import { loadRegistry, type WorkstreamRegistry } from './workstreams/registry';

export interface StartOptions {
  /** Environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  /** Project root that relative paths (data/, .data/) resolve against. */
  root?: string;
  /** An already open store to use instead of opening one (tests share one per run); not closed by stop(). */
  store?: Store;
}

/** What the capabilities are built from. */
export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  knowledge: KnowledgeBase;
  registry: WorkstreamRegistry;
}

export interface RunningBot {
  port: number;
  url: string;
  services: Services;
  config: Config;
  logger: Logger;
  stop: () => Promise<void>;
}

export async function start(options: StartOptions = {}): Promise<RunningBot> {
  const t0 = performance.now();
  const root = options.root ?? process.cwd();
  const config = loadConfig(options.env ?? process.env, root);
  if (options.port !== undefined) config.port = options.port;
  const logger = createLogger(config.logLevel);
  if (config.bot.anonymous) {
    logger.warn('anonymous local mode: MicrosoftAppId is empty, so requests are NOT authenticated. Never run like this in production.');
    if (isLoopback(config.host)) logger.info({ host: config.host }, 'anonymous local mode listens on loopback only; set HOST to listen elsewhere');
    else logger.warn({ host: config.host }, `anonymous local mode listening on ${config.host} (HOST): anyone who can reach it can talk to the bot as anyone`);
  }

  const [store, knowledge] = await Promise.all([
    options.store ?? openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    loadKnowledge(config.docsDir, {
      cacheFile: path.join(config.dataDir, 'index.json'),
      overridesFile: path.join(root, 'data', 'documents.json'),
      seedCacheFile: knowledgeSeedFile,
    }),
  ]);
  warmSentences(knowledge);
  const registry = loadRegistry(config.workstreamsFile);
  const services: Services = { config, logger, store, knowledge, registry };
  const capabilities = buildCapabilities(services, root);

  const bot = createBot({
    config,
    logger,
    // The embedded database is this process's alone; a PostgreSQL server is shared with other instances.
    storage: new BotStateStorage(store, { exclusive: store.kind === 'embedded', groupCommitMs: 2 }),
    answerer: capabilities.answerer,
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
    registrars: capabilities.botRegistrars,
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
        documents: knowledge.documents.length,
        model: config.model.provider,
      };
    },
    registrars: capabilities.routeRegistrars,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: config.host, store: store.kind, documents: knowledge.documents.length, startupMs: Math.round(performance.now() - t0) }, 'bot listening on /api/messages');

  const jobs: BackgroundJob[] = capabilities.startJobs(bot.adapter);

  let stopped = false;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    config,
    logger,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const job of jobs) await job.stop();
      if (!options.store) await store.close();
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

if (require.main === module) {
  start().then(
    (running) => {
      const shutdown = (signal: string) => {
        running.logger.info({ signal }, 'stopping');
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    },
    (err: unknown) => {
      if (err instanceof ConfigError) console.error(err.message);
      else console.error('The bot could not start:', err);
      process.exit(1);
    },
  );
}
