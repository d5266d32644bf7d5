/**
 * The bot as `start()` composes it (src/app.ts), on a store and knowledge base a test supplies, its HTTP
 * server on a free loopback port and a loopback connector for what it sends. Tests swap only the outsides
 * (the answerer, the guidance search, the clock) and the pace of the delivery worker.
 */
import type { AddressInfo } from 'node:net';
import { buildApp, type App, type AppOverrides, type RunningJobs } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/store/store-types';
import { loadRegistry, type WorkstreamRegistry } from '../../src/workstreams/registry';
import { corpusKnowledge } from './knowledge';
import { LoopbackConnector } from './loopback-connector';

/** The environment every test bot runs with. */
export const testEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  BOT_ADMINS: 'admin-1',
  API_KEYS: 'test-key-1,test-key-2',
  MicrosoftAppId: '',
};

export interface TestAppOptions {
  store: Store;
  /** Default: the real corpus and registry, indexed once per run. */
  knowledge?: KnowledgeBase;
  registry?: WorkstreamRegistry;
  env?: Record<string, string>;
  overrides?: AppOverrides;
  /**
   * Which background jobs run: `delivery` (default) the delivery worker only (tests run the digest and
   * deadline jobs themselves), `all` the schedules too, `none` nothing (queued messages stay queued).
   */
  jobs?: 'none' | 'delivery' | 'all';
}

export interface TestApp {
  app: App;
  url: string;
  connector: LoopbackConnector;
  /** Undefined with `jobs: 'none'`. */
  jobs?: RunningJobs;
  registry: WorkstreamRegistry;
  close(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const config = loadConfig({ ...testEnv, ...options.env });
  const registry = options.registry ?? loadRegistry(config.workstreamsFile);
  const knowledge = options.knowledge ?? (await corpusKnowledge());
  const logger = createLogger(config.logLevel);
  const app = buildApp({ config, logger, store: options.store, knowledge, registry, root: process.cwd() }, options.overrides);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const connector = await new LoopbackConnector().listen();
  const which = options.jobs ?? 'delivery';
  const jobs = which === 'none' ? undefined : app.startJobs({ schedules: which === 'all' });
  return {
    app,
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    connector,
    jobs,
    registry,
    close: async () => {
      await jobs?.stop();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await connector.close();
    },
  };
}
