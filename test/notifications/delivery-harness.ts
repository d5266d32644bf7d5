/**
 * What the delivery tests share: the bot's own adapter type in anonymous mode (posts go to the loopback
 * connector named in each stored reference), conversations recorded as the bot would on install, and
 * an arrival log to measure rates the way Teams counts them (at the connector).
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { createLogger } from '../../src/logger';
import { upsertConversation } from '../../src/store/conversations-repo';
import type { Store } from '../../src/store/store-types';
import { subscribe } from '../../src/store/subscriptions-repo';
import type { RetryPolicy } from '../../src/notifications/retry-policy';
import { startDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from '../../src/notifications/delivery-worker';
import type { GateDecision, LoopbackConnector } from '../support/loopback-connector';

export const quietLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** Built exactly as src/teams/bot-app.ts builds it, with MicrosoftAppId empty (no auth on loopback). */
export function anonymousAdapter(): TeamsAdapter {
  return new TeamsAdapter(
    {} as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
}

/** Short waits so failure paths finish in well under a second. */
export const fastRetry: Partial<RetryPolicy> = { baseDelayMs: 30, maxDelayMs: 400, minDelayAfterTimeoutMs: 100, maxAttempts: 10 };

/**
 * Starts delivery workers on `store` with the tests' quick timings (20 ms polls, 2 s send timeout, quick
 * retries), `options` on top, and keeps each in `workers` for the afterEach to stop.
 */
export function workerStarter(
  store: () => Store,
  workers: DeliveryWorker[],
  adapter = anonymousAdapter(),
): (options?: Partial<DeliveryWorkerOptions>) => DeliveryWorker {
  return (options = {}) => {
    const worker = startDeliveryWorker({
      store: store(),
      adapter,
      botAppId: '',
      logger: quietLogger,
      pollMs: 20,
      sendTimeoutMs: 2_000,
      leaseMs: 10_000,
      retry: fastRetry,
      ...options,
    });
    workers.push(worker);
    return worker;
  };
}

let runSeq = 0;

/** Records `n` personal conversations whose reference points at `connector`, each following `topic` if given. */
export async function addConversations(store: Store, connector: LoopbackConnector, n: number, topic?: string): Promise<string[]> {
  runSeq += 1;
  const ids = Array.from({ length: n }, (_, i) => `a:notif-${runSeq}-${i}`);
  await store.transaction(async (tx) => {
    for (const id of ids) {
      await upsertConversation(tx, {
        conversationId: id,
        conversationType: 'personal',
        serviceUrl: connector.url,
        tenantId: 'tenant-1',
        reference: {
          activityId: 'act-install',
          user: { id: `29:${id}`, name: 'Test User' },
          bot: { id: '28:bot-under-test', name: 'Herts SEND Assistant' },
          conversation: { id, conversationType: 'personal', tenantId: 'tenant-1', isGroup: false },
          channelId: 'msteams',
          serviceUrl: connector.url,
        },
      });
      if (topic) await subscribe(tx, id, topic, 'admin-1');
    }
  });
  return ids;
}

export interface Arrival {
  conversationId: string;
  at: number;
  text?: string;
  /** What the gate answered (undefined = accepted). */
  refused?: number | 'hang';
}

/**
 * Puts `decide` in front of the connector and logs every POST to a conversation as it arrives,
 * accepted or not.
 */
export function logArrivals(
  connector: LoopbackConnector,
  decide: (conversationId: string, body: Record<string, unknown>, nth: number) => GateDecision = () => undefined,
): Arrival[] {
  const log: Arrival[] = [];
  const counts = new Map<string, number>();
  connector.gate = (conversationId, body, method) => {
    if (!conversationId || method !== 'POST') return undefined;
    const nth = (counts.get(conversationId) ?? 0) + 1;
    counts.set(conversationId, nth);
    const decision = decide(conversationId, body, nth);
    log.push({
      conversationId,
      at: Date.now(),
      text: body.text as string | undefined,
      refused: decision === 'hang' ? 'hang' : decision === 'hold' ? undefined : decision?.status,
    });
    return decision;
  };
  return log;
}

/** The most arrivals inside any window of `windowMs` (sliding, as Teams counts). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] ?? 0) - (sorted[lo] ?? Infinity) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
