/**
 * A real bot for workstream tests, composed as the server composes it (src/app.ts): the in-memory store,
 * the Teams app with the workstream and role routes, the HTTP API on a restify server on loopback, the
 * real delivery worker sending queued cards to the loopback connector.
 */
import type { App } from '../../src/app';
import type { DeliveryWorker } from '../../src/notifications/delivery-worker';
import type { Store } from '../../src/store/store-types';
import type { WorkstreamRegistry } from '../../src/workstreams/registry';
import type { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsInvoke, teamsMessage, type ActivityOptions } from '../support/teams-activity';
import { startTestApp } from '../support/test-app';
import { resetTestStore } from '../store/shared-store';

export interface WorkstreamHarness {
  url: string;
  store: Store;
  registry: WorkstreamRegistry;
  app: App;
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
  const answered: string[] = [];
  const t = await startTestApp({
    store,
    overrides: {
      answerer: async (question, context) => {
        answered.push(question);
        return { answer: { kind: 'decline', text: 'answered by the question answerer', citations: [], context } };
      },
      delivery: { pollMs: 50 },
    },
  });
  const { url, connector } = t;
  const worker = t.jobs!.delivery; // jobs: 'delivery' (the default) always starts the worker
  return {
    url,
    store,
    registry: t.registry,
    app: t.app,
    connector,
    worker,
    answered,
    say: (text, options) => postActivity(url, teamsMessage(connector.url, text, options)),
    act: async (verb, data, options = {}) => {
      const invoke = teamsInvoke(
        connector.url,
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        options,
      );
      if (options.replyToId) invoke.replyToId = options.replyToId;
      const res = await postActivity(url, invoke);
      return { status: res.status, json: res.json as InvokeBody };
    },
    close: t.close,
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
