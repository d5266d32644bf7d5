/**
 * A real bot for concern tests, composed as the server composes it (src/app.ts): the in-memory store,
 * the concerns capability's HTTP and Teams routes on a real restify server on loopback, and the loopback
 * connector for replies. Alerts are queued to the real outbox through src/notifications and stay there:
 * no delivery worker runs, so the tests read what was queued.
 */
import fs from 'node:fs';
import type { ConcernService } from '../../src/concerns/concern-service';
import type { GuidanceHit } from '../../src/concerns/strategy-guidance';
import type { App } from '../../src/app';
import type { Store } from '../../src/store/store-types';
import { LoopbackConnector } from '../support/loopback-connector';
import { startTestApp } from '../support/test-app';
import { resetTestStore } from '../store/shared-store';

export const registry = JSON.parse(fs.readFileSync('data/workstreams.json', 'utf8')) as {
  workstreams: { slug: string; name: string; milestones: { title: string; due: string }[] }[];
};

export interface ConcernHarness {
  url: string;
  store: Store;
  app: App;
  service: ConcernService;
  connector: LoopbackConnector;
  close: () => Promise<void>;
}

export async function startConcernHarness(
  options: { search?: (q: string, limit: number) => GuidanceHit[]; now?: () => Date } = {},
): Promise<ConcernHarness> {
  const store = await resetTestStore();
  const t = await startTestApp({
    store,
    jobs: 'none',
    overrides: {
      answerer: async (_q, context) => ({ answer: { kind: 'decline', text: 'no', citations: [], context } }),
      guidanceSearch: options.search ?? (() => []),
      now: options.now,
    },
  });
  return { url: t.url, store, app: t.app, service: t.app.concerns, connector: t.connector, close: t.close };
}
