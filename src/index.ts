/**
 * Starts the bot: reads config, opens the store, loads the documents and the workstream registry,
 * builds the Teams app and the HTTP server, starts the background workers, and listens.
 * `start({ port: 0 })` lets tests run the real server in-process.
 */
import type { AddressInfo } from 'node:net';
import { buildApp, knowledgeOptions, type AppParts } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { closeGracefully } from './http/close-gracefully';
import { loadKnowledge } from './ingestion/knowledge-base';
import { warmLanguageModel } from './language/nlp';
import { createLogger, type Logger } from './logger';
import { openStore } from './store/open-store';
import type { Store } from './store/store-types';
import { loadRegistry } from './workstreams/registry';

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

export interface RunningBot {
  port: number;
  url: string;
  /** What the bot was built from (tests reach the store through it). */
  services: AppParts;
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
  const loaded = loadConfig(options.env ?? process.env, root);
  const config: Config = options.port === undefined ? loaded : { ...loaded, port: options.port };
  const logger = createLogger(config.logLevel);
  if (config.bot.anonymous) {
    logger.warn('anonymous local mode: MicrosoftAppId is empty, so requests are NOT authenticated. Never run like this in production.');
    if (isLoopback(config.host)) logger.info({ host: config.host }, 'anonymous local mode listens on loopback only; set HOST to listen elsewhere');
    else
      logger.warn(
        { host: config.host },
        `anonymous local mode listening on ${config.host} (HOST): anyone who can reach it can talk to the bot as anyone`,
      );
  }

  // The registry is curated data searched with the documents: it is read first, as part of the index.
  const registry = loadRegistry(config.workstreamsFile);
  const [store, knowledge] = await Promise.all([
    options.store ?? openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    loadKnowledge(config.docsDir, knowledgeOptions(config, root, registry)),
  ]);
  const services: AppParts = { config, logger, store, knowledge, registry, root };
  const app = buildApp(services);
  const { server } = app;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  logger.info(
    { port, host: config.host, store: store.kind, documents: app.knowledge.current.documents.length, startupMs: Math.round(performance.now() - t0) },
    'bot listening on /api/messages',
  );

  const jobs = app.startJobs();
  // Analysing every section's units and loading the language model (~0.3 s each) happen once listening, so
  // health probes and the first turns do not wait for them (a turn that comes first does what it needs itself).
  const warming = setImmediate(() => {
    app.knowledge.current.warm();
    warmLanguageModel();
  });

  let stopping: Promise<void> | undefined;
  const stop = async (graceMs: number) => {
    clearImmediate(warming);
    const { cut } = await closeGracefully(server.server, graceMs);
    if (cut) logger.warn({ graceMs }, 'requests still running at the end of the grace period were cut off');
    await jobs.stop();
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
