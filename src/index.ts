/**
 * Starts the bot: reads config, opens the store, loads the documents and the workstream registry,
 * builds the Teams app and the HTTP server, starts the background workers, and listens.
 * `start({ port: 0 })` lets tests run the real server in-process.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildCapabilities, type BackgroundJob } from './capabilities';
import { loadKnowledge, type KnowledgeBase, type LoadOptions } from './ingestion/knowledge-base';
import { knowledgeSeedFile } from './ingestion/knowledge-seed';
import { ConfigError, loadConfig, type Config } from './config';
import { closeGracefully } from './http/close-gracefully';
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
import { registrySource } from './workstreams/registry-sections';
import { warmLanguageModel } from './language/nlp';

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
  /** Replaced by `reloadKnowledge`: read it when answering, do not keep it. */
  knowledge: KnowledgeBase;
  registry: WorkstreamRegistry;
  /** `<DATA_DIR>/papers`: the meeting papers the bot generated, indexed with the documents. */
  papersDir: string;
  /** Re-reads the documents (after a paper was generated) and swaps the index in. */
  reloadKnowledge: () => Promise<void>;
}

export interface RunningBot {
  port: number;
  url: string;
  services: Services;
  config: Config;
  logger: Logger;
  /**
   * Stops taking requests, lets turns in flight finish (up to `graceMs`, default SHUTDOWN_GRACE_MS, after
   * which their connections are cut), stops the background jobs — the delivery worker hands back what it
   * had claimed but not sent — and closes the store. Calling it again returns the same promise.
   */
  stop: (graceMs?: number) => Promise<void>;
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

  // The registry is curated data searched with the documents: it is read first, as part of the index.
  const registry = loadRegistry(config.workstreamsFile);
  const papersDir = path.join(config.dataDir, 'papers');
  const knowledgeOptions: LoadOptions = {
    cacheFile: path.join(config.dataDir, 'index.json'),
    overridesFile: path.join(root, 'data', 'documents.json'),
    seedCacheFile: knowledgeSeedFile,
    structured: [registrySource(registry)],
    generatedDirs: [papersDir],
  };
  const [store, knowledge] = await Promise.all([
    options.store ?? openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    loadKnowledge(config.docsDir, knowledgeOptions),
  ]);
  // One reload at a time; a paper generated while one runs waits for it and then reloads again.
  let reloading: Promise<void> = Promise.resolve();
  const reloadKnowledge = (): Promise<void> =>
    (reloading = reloading.catch(() => undefined).then(async () => {
      services.knowledge = await loadKnowledge(config.docsDir, knowledgeOptions);
    }));
  const services: Services = { config, logger, store, knowledge, registry, papersDir, reloadKnowledge };
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
        documents: services.knowledge.documents.length,
        model: config.model.provider,
      };
    },
    registrars: capabilities.routeRegistrars,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  // Links the bot hands out (paper downloads) name the port it really listens on, when PORT was 0.
  config.port = port;
  logger.info({ port, host: config.host, store: store.kind, documents: services.knowledge.documents.length, startupMs: Math.round(performance.now() - t0) }, 'bot listening on /api/messages');

  const jobs: BackgroundJob[] = capabilities.startJobs(bot.adapter);
  // Analysing every section's units and loading the language model (~0.3 s each) happen once listening, so
  // health probes and the first turns do not wait for them (a turn that comes first does what it needs itself).
  const warming = setImmediate(() => {
    services.knowledge.warm();
    warmLanguageModel();
  });

  let stopping: Promise<void> | undefined;
  const stop = async (graceMs: number) => {
    clearImmediate(warming);
    const { cut } = await closeGracefully(server.server, graceMs);
    if (cut) logger.warn({ graceMs }, 'requests still running at the end of the grace period were cut off');
    for (const job of jobs) await job.stop();
    if (!options.store) await store.close();
  };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    services,
    config,
    logger,
    stop: (graceMs = config.shutdownGraceMs) => (stopping ??= stop(graceMs)),
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

if (require.main === module) {
  start().then(
    (running) => {
      const shutdown = (signal: string) => {
        const t0 = performance.now();
        running.logger.info({ signal, graceMs: running.config.shutdownGraceMs }, 'stopping: finishing the turns in flight');
        running.stop().then(
          () => {
            running.logger.info({ stopMs: Math.round(performance.now() - t0) }, 'stopped');
            process.exit(0);
          },
          (err: unknown) => {
            running.logger.error({ err }, 'stopping failed');
            process.exit(1);
          },
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
