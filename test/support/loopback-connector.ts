/**
 * A stand-in for the Bot Connector service on loopback: the bot's replies (and proactive posts) land
 * here because test activities carry this server's URL as `serviceUrl`. A `gate` can refuse calls the
 * way Teams does (429 with Retry-After, 5xx, 403, or no answer at all).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  id: string;
  type: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  entities?: Record<string, unknown>[];
  channelData?: Record<string, unknown>;
  replyToId?: string;
  updated?: boolean;
  [key: string]: unknown;
}

/** A refusal, `hang` (never answer), `hold` (answer normally when `releaseHeld()` is called), or accept. */
export type GateDecision = { status: number; retryAfter?: number; code?: string } | 'hang' | 'hold' | undefined;
export type Gate = (conversationId: string | null, body: Record<string, unknown>, method: string) => GateDecision;

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;
const conversationOf = (path: string): string | null => {
  const m = activityPath.exec(path);
  return m?.[1] !== undefined ? decodeURIComponent(m[1]) : null;
};

export class LoopbackConnector {
  url = '';
  gate?: Gate;
  /** Milliseconds to wait before accepting a call the gate let through (a slow Bot Connector). */
  delay?: (conversationId: string | null, method: string) => number;
  readonly requests: { method: string; path: string; body: Record<string, unknown> }[] = [];
  private readonly byConversation = new Map<string, ReceivedActivity[]>();
  private server?: http.Server;
  private nextId = 1;
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly held: (() => void)[] = [];

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => this.handle(req, res, raw));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = { unparsable: raw };
    }
    const path = req.url ?? '/';
    this.requests.push({ method: req.method ?? 'GET', path, body });
    const conversationId = conversationOf(path);
    const decision = this.gate?.(conversationId, body, req.method ?? 'GET');
    if (decision === 'hang') {
      this.hanging.add(res);
      return;
    }
    const reply = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(obj));
    };
    if (decision && decision !== 'hold') {
      return reply(
        decision.status,
        { error: { code: decision.code ?? 'Refused', message: 'refused by the test connector' } },
        decision.retryAfter !== undefined ? { 'retry-after': String(decision.retryAfter) } : {},
      );
    }
    // Held requests are recorded when they are answered, as a refused one never is.
    if (decision === 'hold') return void this.held.push(() => this.accept(req.method ?? 'GET', path, body, reply));
    const delayMs = this.delay?.(conversationId, req.method ?? 'GET') ?? 0;
    if (delayMs <= 0) return this.accept(req.method ?? 'GET', path, body, reply);
    this.hanging.add(res);
    setTimeout(() => {
      this.hanging.delete(res);
      if (!res.destroyed) this.accept(req.method ?? 'GET', path, body, reply);
    }, delayMs);
  }

  /** Answers every held request, all at once (a burst of answers, as after a network stall). */
  releaseHeld(): number {
    const held = this.held.splice(0);
    for (const answer of held) answer();
    return held.length;
  }

  private accept(method: string, path: string, body: Record<string, unknown>, reply: (status: number, obj: unknown) => void): void {
    const m = activityPath.exec(path);
    const conversationId = conversationOf(path);
    if (m && (method === 'POST' || method === 'PUT')) {
      const list = this.byConversation.get(conversationId!) ?? [];
      if (method === 'PUT' && m[2]) {
        const id = decodeURIComponent(m[2]);
        const i = list.findIndex((a) => a.id === id);
        const updated = { ...(body as ReceivedActivity), id, updated: true };
        if (i >= 0) list[i] = updated;
        else list.push(updated);
        this.byConversation.set(conversationId!, list);
        return reply(200, { id });
      }
      const id = `reply-${this.nextId++}`;
      list.push({ ...(body as ReceivedActivity), id });
      this.byConversation.set(conversationId!, list);
      return reply(200, { id });
    }
    if (method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
      return reply(200, { id: `a:created-${this.nextId++}`, activityId: `reply-${this.nextId++}` });
    }
    if (method === 'GET' && /\/members\/[^/]+/.test(path)) {
      const id = decodeURIComponent(path.split('/members/')[1]?.split('?')[0] ?? '');
      return reply(200, { id, name: 'Test User', aadObjectId: id.replace(/^29:/, '') });
    }
    return reply(200, {});
  }

  /** Every activity posted to a conversation (messages, typing, cards), in order. */
  activities(conversationId: string): ReceivedActivity[] {
    return this.byConversation.get(conversationId) ?? [];
  }

  /** Only the message activities of a conversation. */
  messages(conversationId: string): ReceivedActivity[] {
    return this.activities(conversationId).filter((a) => a.type === 'message');
  }

  /** Waits until `predicate` holds for the conversation's messages, or fails after `timeoutMs`. */
  async waitFor(conversationId: string, predicate: (messages: ReceivedActivity[]) => boolean, timeoutMs = 5000): Promise<ReceivedActivity[]> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      const list = this.messages(conversationId);
      if (predicate(list)) return list;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting on conversation ${conversationId}; got ${JSON.stringify(this.messages(conversationId)).slice(0, 800)}`);
  }

  conversationIds(): string[] {
    return [...this.byConversation.keys()];
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
