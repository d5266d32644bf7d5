/**
 * The HTTP surface: restify, `/api/messages` for the Bot Framework, `/healthz`, and whatever API routes the
 * capabilities register. Bodies are read by each route, after it has checked who is calling, through
 * `body-reader.ts` (limits on decompressed bytes, depth, time); restify's own body parser is not used.
 * Every error leaves as JSON with a 4xx/5xx status; no stack trace reaches a caller.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger';
import { readJsonBody } from './body-reader';
import { HttpError, errorBody } from './http-errors';
import { cleanStrings, refuseUnstorableText } from './text-input';

/** A capability's HTTP routes; handlers throw HttpError for expected failures. */
export type RouteRegistrar = (routes: Routes) => void;

export interface RequestBody {
  /**
   * Reads and parses the JSON body (once; later calls get the same value). Call it after checking the
   * caller, so nobody unauthenticated makes the server read, decompress or parse anything.
   * `maxBytes` lowers the server's limit for this route. Text that cannot be stored (NUL, other control
   * characters, lone surrogates) is refused with a 400 naming the field, or removed with `text: 'clean'`.
   */
  json(options?: { maxBytes?: number; text?: 'refuse' | 'clean' }): Promise<unknown>;
}

export type JsonHandler = (req: Request, body: RequestBody) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

/** A response that is not JSON: a page, a script, a file to download. Errors are still thrown as HttpError. */
export interface RawResponse {
  status: number;
  body: Buffer | string;
  contentType: string;
  headers?: Record<string, string>;
}

export type RawHandler = (req: Request) => Promise<RawResponse>;

export interface Routes {
  get(path: string, handler: JsonHandler): void;
  post(path: string, handler: JsonHandler): void;
  /** A GET whose answer is a page or a file (the Progress tab, its scripts, a paper's download). */
  getRaw(path: string, handler: RawHandler): void;
}

export interface ServerOptions {
  logger: Logger;
  maxBodyBytes: number;
  /** Longest a client may take to send a request body (default 15 s); slower is 408. */
  requestTimeoutMs?: number;
  /** Handles one Bot Framework request; it writes the response itself. */
  onMessages: (req: Request, res: Response, body: RequestBody) => Promise<void>;
  health: () => Promise<{ ok: boolean; [key: string]: unknown }>;
  registrars?: RouteRegistrar[];
}

export function createServer(options: ServerOptions): Server {
  const { logger } = options;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const server = restify.createServer({ name: 'herts-send-assistant', handleUncaughtExceptions: false });
  // Node's own limits catch what no route reads: slow headers, and bodies nobody asked for.
  server.server.headersTimeout = timeoutMs;
  server.server.requestTimeout = 2 * timeoutMs;
  server.use(restify.plugins.queryParser({ mapParams: false }));

  const bodyOf = (req: Request): RequestBody => {
    let parsed: Promise<unknown> | undefined;
    return {
      json: async (opts = {}) => {
        parsed ??= readJsonBody(req, { maxBytes: Math.min(opts.maxBytes ?? Infinity, options.maxBodyBytes), timeoutMs });
        const value = await parsed;
        return opts.text === 'clean' ? cleanStrings(value) : refuseUnstorableText(value);
      },
    };
  };

  const send = (req: Request, res: Response, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    // An answer given before the body was read (401, 413, 415…): close the connection rather than read the rest.
    if (!req.complete) headers = { ...headers, Connection: 'close' };
    res.set(headers);
    res.send(status, body);
  };

  const fail = (req: Request, res: Response, err: unknown) => {
    if (err instanceof HttpError) {
      if (err.status >= 500) logger.error({ err, url: req.url }, 'request failed');
      return send(req, res, err.status, errorBody(err));
    }
    logger.error({ err, url: req.url }, 'request failed');
    send(req, res, 500, errorBody(new HttpError(500, 'InternalError', 'Something went wrong on our side; it has been logged.')));
  };

  const wrap = (handler: JsonHandler) => async (req: Request, res: Response) => {
    try {
      const out = await handler(req, bodyOf(req));
      send(req, res, out.status, out.body, out.headers);
    } catch (err) {
      fail(req, res, err);
    }
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await options.onMessages(req, res, bodyOf(req));
    } catch (err) {
      fail(req, res, err);
    }
  });
  server.get('/healthz', async (req: Request, res: Response) => {
    try {
      const health = await options.health();
      send(req, res, health.ok ? 200 : 503, health);
    } catch (err) {
      logger.error({ err }, 'health check failed');
      send(req, res, 503, { ok: false });
    }
  });
  server.get('/', async (req: Request, res: Response) => {
    send(req, res, 200, { name: 'Herts SEND Assistant', messages: '/api/messages', health: '/healthz' });
  });

  const wrapRaw = (handler: RawHandler) => async (req: Request, res: Response) => {
    try {
      const out = await handler(req);
      if (res.headersSent) return;
      const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : out.body;
      res.writeHead(out.status, { 'Content-Type': out.contentType, 'Content-Length': String(body.length), ...out.headers });
      res.end(body);
    } catch (err) {
      fail(req, res, err);
    }
  };

  const routes: Routes = {
    get: (path, handler) => void server.get(path, wrap(handler)),
    post: (path, handler) => void server.post(path, wrap(handler)),
    getRaw: (path, handler) => void server.get(path, wrapRaw(handler)),
  };
  for (const register of options.registrars ?? []) register(routes);

  // restify's own errors (404, 405, a malformed URL) leave in the same JSON shape.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ err, url: req.url }, 'request failed');
    if (!req.complete) res.setHeader('Connection', 'close');
    const messages: Record<number, string> = {
      400: 'The request is not valid.',
      404: 'No such endpoint.',
      405: 'That method is not allowed here.',
    };
    const message = messages[status] ?? (status >= 500 ? 'Something went wrong on our side; it has been logged.' : err.message);
    (err as { toJSON?: () => unknown }).toJSON = () => errorBody(new HttpError(status, err.body?.code ?? err.name, message));
    callback();
  });
  return server;
}
