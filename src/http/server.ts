/**
 * The HTTP surface: restify with a bounded JSON body parser, `/api/messages` for the Bot Framework,
 * `/healthz`, and whatever API routes the capabilities register. Every error leaves as JSON with a
 * 4xx/5xx status; no stack trace reaches a caller.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logger';
import { HttpError, errorBody } from './http-errors';

/** A capability's HTTP routes; handlers throw HttpError for expected failures. */
export type RouteRegistrar = (routes: Routes) => void;

export type JsonHandler = (req: Request) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export interface Routes {
  get(path: string, handler: JsonHandler): void;
  post(path: string, handler: JsonHandler): void;
}

export interface ServerOptions {
  logger: Logger;
  maxBodyBytes: number;
  /** Handles one Bot Framework request; it writes the response itself. */
  onMessages: (req: Request, res: Response) => Promise<void>;
  health: () => Promise<{ ok: boolean; [key: string]: unknown }>;
  registrars?: RouteRegistrar[];
}

export function createServer(options: ServerOptions): Server {
  const { logger } = options;
  const server = restify.createServer({ name: 'herts-send-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({
      maxBodySize: options.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      rejectUnknown: false,
    }),
  );

  const send = (res: Response, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    res.set(headers);
    res.send(status, body);
  };

  const fail = (req: Request, res: Response, err: unknown) => {
    if (err instanceof HttpError) return send(res, err.status, errorBody(err));
    logger.error({ err, url: req.url }, 'request failed');
    send(res, 500, errorBody(new HttpError(500, 'InternalError', 'Something went wrong on our side; it has been logged.')));
  };

  const wrap = (handler: JsonHandler) => async (req: Request, res: Response) => {
    try {
      const out = await handler(req);
      send(res, out.status, out.body, out.headers);
    } catch (err) {
      fail(req, res, err);
    }
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      await options.onMessages(req, res);
    } catch (err) {
      fail(req, res, err);
    }
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    try {
      const health = await options.health();
      send(res, health.ok ? 200 : 503, health);
    } catch (err) {
      logger.error({ err }, 'health check failed');
      send(res, 503, { ok: false });
    }
  });
  server.get('/', async (_req: Request, res: Response) => {
    send(res, 200, { name: 'Herts SEND Assistant', messages: '/api/messages', health: '/healthz' });
  });

  const routes: Routes = {
    get: (path, handler) => void server.get(path, wrap(handler)),
    post: (path, handler) => void server.post(path, wrap(handler)),
  };
  for (const register of options.registrars ?? []) register(routes);

  // restify's own errors (413 body too large, 400 bad JSON, 404, 405, 415) leave in the same JSON shape.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) logger.error({ err, url: req.url }, 'request failed');
    const messages: Record<number, string> = {
      400: 'The request body is not valid JSON.',
      404: 'No such endpoint.',
      405: 'That method is not allowed here.',
      413: `The request body is larger than ${options.maxBodyBytes} bytes.`,
      415: 'Send JSON (Content-Type: application/json).',
    };
    const message = messages[status] ?? (status >= 500 ? 'Something went wrong on our side; it has been logged.' : err.message);
    (err as { toJSON?: () => unknown }).toJSON = () => errorBody(new HttpError(status, err.body?.code ?? err.name, message));
    callback();
  });
  return server;
}
