/**
 * A small real bot for concern tests: the in-memory store, the concerns capability (HTTP routes and
 * Teams routes) on a real restify server on loopback, and the loopback connector for replies. Alerts
 * are queued to the real outbox through src/notifications.
 */
import fs from 'node:fs';
import { MemoryStorage } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { createBot } from '../../src/teams/bot-app';
import { concernApi } from '../../src/concerns/concern-api';
import { concernRoutes } from '../../src/concerns/concern-bot';
import { ConcernService, type EnqueueToTopic } from '../../src/concerns/concern-service';
import type { GuidanceHit } from '../../src/concerns/strategy-guidance';
import { enqueueToTopic } from '../../src/notifications/enqueue';
import type { Store } from '../../src/store/store-types';
import { LoopbackConnector } from '../support/loopback-connector';
import { resetTestStore } from '../store/shared-store';

export const registry = JSON.parse(fs.readFileSync('data/workstreams.json', 'utf8')) as {
  workstreams: { slug: string; name: string; milestones: { title: string; due: string }[] }[];
};

/** The real delivery queue: every subscriber of the topic gets an outbox row. */
export const outboxEnqueue: EnqueueToTopic = enqueueToTopic;

export interface ConcernHarness {
  url: string;
  store: Store;
  service: ConcernService;
  connector: LoopbackConnector;
  close: () => Promise<void>;
}

export async function startConcernHarness(options: { search?: (q: string, limit: number) => GuidanceHit[]; now?: () => Date } = {}): Promise<ConcernHarness> {
  const store = await resetTestStore();
  const logger = createLogger('silent');
  const names = new Map(registry.workstreams.map((w) => [w.slug, w.name]));
  const service = new ConcernService({
    store,
    search: options.search ?? (() => []),
    workstreamName: (slug) => names.get(slug),
    enqueueToTopic: outboxEnqueue,
    timezone: 'Europe/London',
    now: options.now,
  });
  const bot = createBot({
    config: { bot: { appType: 'MultiTenant', anonymous: true } },
    logger,
    storage: new MemoryStorage(),
    answerer: async (_q, context) => ({ answer: { kind: 'decline', text: 'no', citations: [], context } }),
    recordFeedback: async () => undefined,
    registrars: [
      concernRoutes({
        service,
        store,
        admins: ['admin-1'],
        workstreams: () => registry.workstreams,
        workstreamExists: (slug) => names.has(slug),
        logger,
      }),
    ],
  });
  const server = createServer({
    logger,
    maxBodyBytes: 256 * 1024,
    onMessages: bot.process,
    health: async () => ({ ok: true }),
    registrars: [concernApi({ service, store, apiKeys: ['test-key-1', 'test-key-2'], workstreamExists: (slug) => names.has(slug) })],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const connector = await new LoopbackConnector().listen();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    service,
    connector,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}
