/**
 * One proactive post to one conversation through the Bot Connector, and what its failure means.
 *
 * How botbuilder 4.23 reports a failed send (checked against the loopback connector): the
 * ConnectorClient (botframework-connector over @azure/core-rest-pipeline) throws a `RestError` with
 * `statusCode` and `response.headers.get('retry-after')`; an aborted or timed-out request throws an
 * error named `AbortError`; a refused connection is a `RestError` with `code: 'REQUEST_SEND_ERROR'` and
 * no status. The pipeline ALSO retries 429/5xx itself (3 times, honouring Retry-After), which would
 * send uncounted requests past our rate limits and hide statuses from the outbox, so each proactive
 * turn's ConnectorClient (a new one per `continueConversationAsync`) has that policy removed: the
 * outbox owns retries.
 */
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/** The part of a CloudAdapter (TeamsAdapter) the delivery path needs. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  readonly ConnectorClientKey: symbol;
}

/** What a failed send means for the outbox row. */
export type SendFailure =
  /** Try again later: throttled, transient server trouble, timeout or network error. */
  | { kind: 'retry'; status?: number; retryAfterMs?: number; timedOut: boolean; message: string }
  /** The bot was removed or the conversation is gone: never send there again. */
  | { kind: 'gone'; status: number; message: string }
  /** The activity itself was refused (400, 413…): retrying cannot help. */
  | { kind: 'rejected'; status: number; message: string };

/** Statuses Teams documents as transient (plus 500, which it also recommends retrying). */
const RETRYABLE = new Set([408, 412, 429, 500, 502, 503, 504]);
/** 401 is our credentials, not the message: retry (bounded) rather than drop the alert. */
const RETRY_ALSO = new Set([401]);

export class SendTimeoutError extends Error {
  override readonly name = 'SendTimeoutError';
}

/**
 * Posts `activity` as a new message in the conversation of `reference` — or, with `replaceActivityId`,
 * rewrites that message in place (PUT). Resolves with the id the connector gave the message; rejects
 * with the connector's error (see `classifySendFailure`).
 */
export async function sendProactive(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  timeoutMs: number,
  /**
   * Awaited just before the HTTP request leaves: the turn is set up, so the request leaves right after it
   * resolves (the worker waits here for the send's moment); throwing stops the send.
   */
  onSending?: () => void | Promise<void>,
  replaceActivityId?: string,
): Promise<string | undefined> {
  const conversationId = reference.conversation?.id;
  if (!conversationId || !reference.serviceUrl) throw new Error('conversation reference has no conversation id or serviceUrl');
  // A reference remembered from an incoming message carries its activityId; dropping it makes this a
  // new post (sendToConversation) rather than a reply in some old thread.
  const target: Partial<ConversationReference> = { ...reference, activityId: undefined };
  let resourceId: string | undefined;
  const timeout = new AbortController();
  // When the timer fires, first let pending I/O run (setImmediate follows the poll phase): after the
  // event loop was blocked, the connector's answer may already be waiting, and aborting it unread would
  // turn a delivered message into a "timeout" and, on retry, a duplicate.
  const timer = setTimeout(() => setImmediate(() => setImmediate(() => timeout.abort())), timeoutMs);
  try {
    await adapter.continueConversationAsync(botAppId, target, async (context) => {
      const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
      if (!client) throw new Error('the adapter put no ConnectorClient in the proactive turn');
      const pipeline = pipelineOf(client);
      // The outbox owns retries (see the module comment).
      pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
      const outgoing = TurnContext.applyConversationReference({ type: 'message', ...activity }, target);
      if (onSending && pipeline) {
        // Last in the pipeline, after serialising and signing: the request leaves right after this.
        pipeline.addPolicy(
          { name: 'herts-send-moment', sendRequest: async (request, next) => (await onSending(), next(request)) },
          { afterPhase: 'Sign' },
        );
      } else {
        await onSending?.();
      }
      try {
        const response = replaceActivityId
          ? await client.conversations.updateActivity(
              conversationId,
              replaceActivityId,
              { ...outgoing, id: replaceActivityId },
              { abortSignal: timeout.signal },
            )
          : await client.conversations.sendToConversation(conversationId, outgoing, { abortSignal: timeout.signal });
        resourceId = response.id ?? replaceActivityId;
      } catch (err) {
        if (timeout.signal.aborted) throw new SendTimeoutError(`no answer from the connector within ${timeoutMs} ms`);
        throw err;
      }
    });
  } finally {
    clearTimeout(timer);
  }
  return resourceId;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: { name: string; sendRequest: (request: unknown, next: (request: unknown) => Promise<unknown>) => Promise<unknown> },
    options: { afterPhase: 'Sign' },
  ): void;
}

/**
 * The core-rest-pipeline of this (per-turn) client: its default retry policy is removed, and the wait for
 * the send's moment is added last. The pipeline is a private field of botbuilder-stdlib's compat
 * ServiceClientContext; if a future version moves it we fall back to the pipeline's own retries (slower
 * but still correct) and to waiting before the call.
 */
function pipelineOf(client: ConnectorClient): PipelineLike | undefined {
  const inner = (client as unknown as { client?: { pipeline?: PipelineLike } }).client;
  return typeof inner?.pipeline?.addPolicy === 'function' ? inner.pipeline : undefined;
}

/** Reads a status, Retry-After and timeout out of whatever `sendProactive` threw. */
export function classifySendFailure(err: unknown, now = Date.now()): SendFailure {
  const e = (err ?? {}) as {
    name?: unknown;
    message?: unknown;
    statusCode?: unknown;
    code?: unknown;
    response?: { headers?: { get?: (n: string) => string | undefined } };
  };
  const message = String(e.message ?? err).slice(0, 300);
  if (err instanceof SendTimeoutError || e.name === 'AbortError') return { kind: 'retry', timedOut: true, message };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined) return { kind: 'retry', timedOut: false, message: `${String(e.code ?? 'error')}: ${message}` };
  const retryAfterMs = parseRetryAfter(e.response?.headers?.get?.('retry-after'), now);
  if (status === 403 || status === 404 || status === 410) return { kind: 'gone', status, message };
  if (RETRYABLE.has(status) || RETRY_ALSO.has(status) || status >= 500) return { kind: 'retry', status, retryAfterMs, timedOut: false, message };
  return { kind: 'rejected', status, message };
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
