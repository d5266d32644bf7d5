/**
 * Starts the bot: reads config, opens the store, loads the documents, builds the Teams app and the
 * HTTP server, and listens. `start({ port: 0 })` lets tests run the real server in-process.
 */
import { MemoryStorage } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { declineHint } from './teams/help-content';
import { ConfigError, loadConfig, type Config } from './config';
import { createServer } from './http/server';
import { createLogger, type Logger } from './logger';
import { createBot } from './teams/bot-app';

export interface StartOptions {
  /** Environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  /** Project root that relative paths (data/, .data/) resolve against. */
  root?: string;
}

export interface RunningBot {
  port: number;
  url: string;
  config: Config;
  logger: Logger;
  stop: () => Promise<void>;
}

export async function start(options: StartOptions = {}): Promise<RunningBot> {
  const t0 = performance.now();
  const config = loadConfig(options.env ?? process.env, options.root ?? process.cwd());
  if (options.port !== undefined) config.port = options.port;
  const logger = createLogger(config.logLevel);
  if (config.bot.anonymous) {
    logger.warn('anonymous local mode: MicrosoftAppId is empty, so requests are NOT authenticated. Never run like this in production.');
  }

  const bot = createBot({
    config,
    logger,
    storage: new MemoryStorage(),
    answerer: async (_question, context) => ({
      answer: { kind: 'decline', text: `I couldn't find that in the documents I have indexed. ${declineHint}`, citations: [], context },
    }),
    recordFeedback: async (entry) => void logger.info({ feedback: entry }, 'feedback'),
  });

  const server = createServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    onMessages: bot.process,
    health: async () => ({ ok: true, mode: config.bot.anonymous ? 'anonymous' : 'authenticated' }),
  });
  await new Promise<void>((resolve) => server.listen(config.port, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, startupMs: Math.round(performance.now() - t0) }, 'bot listening on /api/messages');

  let stopped = false;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    config,
    logger,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
