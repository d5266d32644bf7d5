/**
 * A stand-in for an OpenAI-compatible chat completions service on loopback. It answers both URL
 * forms the bot uses — `/v1/chat/completions` (OpenAI and compatible servers) and
 * `/openai/deployments/{deployment}/chat/completions?api-version=…` (Azure OpenAI) — streamed (SSE)
 * when the request asks for `stream: true`, as one JSON body otherwise. Tests script what it says:
 * text with `[n]` markers, 429, 500, a hang, or malformed output. Every request is recorded.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  /** A completion. `chunks` splits a streamed answer into that many SSE deltas (default: ~12 chars each). */
  | { text: string; chunks?: number; chunkDelayMs?: number }
  /** An error status with an OpenAI-style error body; `retryAfterMs` keeps retries fast. */
  | { status: number; retryAfterMs?: number }
  /** Accepts the request and never answers. */
  | { hang: true }
  /** A 200 whose body (or SSE event) is not valid JSON. */
  | { malformed: true }
  /** A 200 whose message content is null. */
  | { empty: true };

export interface ChatMessage {
  role: string;
  content: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** The deployment named in an Azure-style URL. */
  deployment?: string;
  body: { model?: string; stream?: boolean; messages?: ChatMessage[]; max_tokens?: number; temperature?: number };
}

export type Responder = (request: RecordedRequest) => FakeReply;

export interface FakeOpenAIOptions {
  /** Serve HTTPS with this key pair (Azure OpenAI endpoints must be https). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export class FakeOpenAI {
  url = '';
  readonly requests: RecordedRequest[] = [];
  /** Replies used in order, one per request; when empty, `responder` answers. */
  private readonly queue: FakeReply[] = [];
  responder: Responder = () => ({ text: 'The documents say so [1].' });
  private server?: http.Server | https.Server;
  private readonly open = new Set<http.ServerResponse>();

  constructor(private readonly options: FakeOpenAIOptions = {}) {}

  async listen(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => this.handle(req, res, raw));
    };
    this.server = this.options.tls ? https.createServer(this.options.tls, handler) : http.createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
    return this;
  }

  /** Queues replies for the next requests, in order. */
  reply(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Clears recorded requests, queued replies and the responder. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.responder = () => ({ text: 'The documents say so [1].' });
  }

  /** Completion requests that reached the server (retries included). */
  completions(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: RecordedRequest['body'];
    try {
      body = raw ? (JSON.parse(raw) as RecordedRequest['body']) : {};
    } catch {
      body = {};
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      deployment: url.pathname.match(/^\/openai\/deployments\/([^/]+)\/chat\/completions$/)?.[1],
      body,
    };
    this.requests.push(request);
    const known = /^\/(v1\/)?chat\/completions$/.test(url.pathname) || request.deployment !== undefined;
    if (req.method !== 'POST' || !known) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } }));
      return;
    }
    const reply = this.queue.shift() ?? this.responder(request);
    this.respond(request, reply, res);
  }

  private respond(request: RecordedRequest, reply: FakeReply, res: http.ServerResponse): void {
    const model = request.body.model ?? 'fake-model';
    if ('hang' in reply) {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      return;
    }
    if ('status' in reply) {
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'retry-after-ms': String(reply.retryAfterMs ?? 5),
        'x-request-id': `fake-${this.requests.length}`,
      });
      res.end(
        JSON.stringify({
          error: { message: `scripted ${reply.status}`, type: reply.status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null },
        }),
      );
      return;
    }
    const created = Math.floor(Date.now() / 1000);
    const id = `chatcmpl-fake-${this.requests.length}`;
    if (!request.body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      if ('malformed' in reply) return void res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
      const content = 'empty' in reply ? null : reply.text;
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if ('malformed' in reply) {
      res.write(event({ role: 'assistant', content: '' }));
      res.end('data: {"choices": [ {"delta": {"content": "oops\n\n');
      return;
    }
    const text = 'empty' in reply ? '' : reply.text;
    const pieces = splitText(text, 'chunks' in reply ? reply.chunks : undefined);
    const delay = 'chunkDelayMs' in reply ? (reply.chunkDelayMs ?? 0) : 0;
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    res.write(event({ role: 'assistant', content: '' }));
    let i = 0;
    const next = () => {
      if (res.destroyed) return;
      if (i < pieces.length) {
        res.write(event({ content: pieces[i++] }));
        if (delay) setTimeout(next, delay);
        else setImmediate(next);
        return;
      }
      res.write(event({}, 'stop'));
      res.end('data: [DONE]\n\n');
    };
    next();
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function splitText(text: string, chunks?: number): string[] {
  if (!text) return [];
  const size = chunks ? Math.max(1, Math.ceil(text.length / chunks)) : 12;
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The system message and the user message of a recorded request, for assertions on the prompt. */
export function promptOf(request: RecordedRequest): { system: string; user: string; messages: ChatMessage[] } {
  const messages = request.body.messages ?? [];
  return {
    system: messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n'),
    user: messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n'),
    messages,
  };
}
