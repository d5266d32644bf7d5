/**
 * A real bot with the workstreams capability for end-to-end tests: the in-memory store, the Teams app
 * with the workstream and role routes, the HTTP API on a restify server on loopback, the real delivery
 * worker sending queued cards to the loopback connector.
 */
import { MemoryStorage } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { startDeliveryWorker, type DeliveryWorker } from '../../src/notifications/delivery-worker';
import type { Store } from '../../src/store/store-types';
import { createBot } from '../../src/teams/bot-app';
import { loadRegistry, type WorkstreamRegistry } from '../../src/workstreams/registry';
import { createWorkstreamsFeature, type WorkstreamsFeature } from '../../src/workstreams/workstreams-feature';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsInvoke, teamsMessage, type ActivityOptions } from '../support/teams-activity';
import { resetTestStore } from '../store/shared-store';

export interface WorkstreamHarness {
  url: string;
  store: Store;
  registry: WorkstreamRegistry;
  feature: WorkstreamsFeature;
  connector: LoopbackConnector;
  worker: DeliveryWorker;
  /** Questions that reached the question answerer (i.e. were not taken as workstream commands). */
  answered: string[];
  say(text: string, options?: ActivityOptions): Promise<{ status: number }>;
  act(verb: string, data: Record<string, unknown>, options?: ActivityOptions & { replyToId?: string }): Promise<{ status: number; json: InvokeBody }>;
  close(): Promise<void>;
}

export interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

export async function startWorkstreamHarness(): Promise<WorkstreamHarness> {
  const store = await resetTestStore();
  const logger = createLogger('silent');
  const registry = loadRegistry('data/workstreams.json');
  let worker: DeliveryWorker | undefined;
  const feature = createWorkstreamsFeature({
    config: { admins: ['admin-1'], apiKeys: ['test-key-1', 'test-key-2'], timezone: 'Europe/London', digestCron: '0 8 * * 1', bot: { appType: 'MultiTenant', anonymous: true } },
    logger,
    store,
    registry,
    wakeDelivery: () => worker?.wake(),
  });
  const answered: string[] = [];
  const bot = createBot({
    config: { bot: { appType: 'MultiTenant', anonymous: true } },
    logger,
    storage: new MemoryStorage(),
    answerer: async (question, context) => {
      answered.push(question);
      return { answer: { kind: 'decline', text: 'answered by the question answerer', citations: [], context } };
    },
    recordFeedback: async () => undefined,
    registrars: feature.botRegistrars,
  });
  const server = createServer({ logger, maxBodyBytes: 256 * 1024, onMessages: bot.process, health: async () => ({ ok: true }), registrars: [feature.apiRoutes()] });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const connector = await new LoopbackConnector().listen();
  worker = startDeliveryWorker({ store, adapter: bot.adapter, botAppId: '', logger, pollMs: 50 });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    registry,
    feature,
    connector,
    worker,
    answered,
    say: (text, options) => postActivity(url, teamsMessage(connector.url, text, options)),
    act: async (verb, data, options = {}) => {
      const invoke = teamsInvoke(connector.url, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, options);
      if (options.replyToId) invoke.replyToId = options.replyToId;
      const res = await postActivity(url, invoke);
      return { status: res.status, json: res.json as InvokeBody };
    },
    close: async () => {
      await worker?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}

/** The Adaptive Card content of the last message in a conversation. */
export function lastCard(connector: LoopbackConnector, conversationId: string): Record<string, unknown> | undefined {
  const messages = connector.messages(conversationId);
  return messages[messages.length - 1]?.attachments?.[0]?.content;
}

/** A Teams @mention entity for `user` (no aadObjectId: Teams often leaves it out, so the bot must look it up). */
export function mentionOf(user: string, name: string) {
  return { type: 'mention', text: `<at>${name}</at>`, mentioned: { id: `29:${user}`, name } };
}
