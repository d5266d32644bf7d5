/**
 * `POST /api/concerns` and `GET /api/concerns/:id` for other systems. Bearer key (API_KEYS), a 64 KB
 * body limit of its own (the server's global limit is larger), zod field errors, and Idempotency-Key:
 * the same key and body replays the first response, the same key with another body is 422.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'restify';
import { apiKeyAuth } from '../http/api-auth';
import { HttpError, badRequest, notFound } from '../http/http-errors';
import type { RouteRegistrar } from '../http/server';
import { parseConcernInput } from './concern-input';
import type { ConcernService } from './concern-service';
import type { Concern } from './concern-types';

/** Largest concern body accepted: a summary is a paragraph, not a document. */
export const maxConcernBodyBytes = 64 * 1024;

export interface JsonResult {
  status: number;
  body: unknown;
}

/**
 * Runs `fn` once per (scope, key): a repeat with the same request hash gets the stored response; a
 * repeat with a different hash is refused with 422 (src/http/idempotency.ts provides it).
 */
export type Idempotent = (scope: string, key: string, requestHash: string, fn: () => Promise<JsonResult>) => Promise<JsonResult>;

export interface ConcernApiDeps {
  service: ConcernService;
  apiKeys: readonly string[];
  workstreamExists: (slug: string) => boolean;
  idempotent: Idempotent;
}

const tooLarge = () => new HttpError(413, 'PayloadTooLarge', `A concern must be at most ${maxConcernBodyBytes} bytes of JSON.`);

/** The JSON a caller sees for a concern. */
export function concernJson(c: Concern): Record<string, unknown> {
  return {
    id: c.id,
    kind: c.kind,
    ...(c.rating ? { rating: c.rating } : {}),
    ...(c.previousRating ? { previousRating: c.previousRating } : {}),
    ...(c.school ? { school: c.school } : {}),
    ...(c.workstream ? { workstream: c.workstream } : {}),
    summary: c.summary,
    raisedBy: c.raisedBy,
    raisedAt: c.raisedAt,
    source: c.source,
    ...(c.issuedOn ? { issuedOn: c.issuedOn } : {}),
    ...(c.dueOn ? { dueOn: c.dueOn } : {}),
    deadlines: c.deadlines,
    status: c.status,
    ...(c.assignee ? { assignee: { name: c.assignee.name } } : {}),
    events: c.events.map((e) => ({ action: e.action, by: e.actor.name, at: e.at, ...(e.note ? { note: e.note } : {}) })),
  };
}

/** Reads the raw body within the route's limit and parses it; bodies arrive as restify left them. */
function readBody(req: Request): unknown {
  const declared = Number(req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxConcernBodyBytes) throw tooLarge();
  const raw: unknown = (req as Request & { rawBody?: unknown }).rawBody ?? req.body;
  const text = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : undefined;
  if (text !== undefined && Buffer.byteLength(text, 'utf8') > maxConcernBodyBytes) throw tooLarge();
  if (req.body !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body)) return req.body;
  if (!text || !text.trim()) throw badRequest('Send the concern as a JSON object.', { fields: [{ field: '(body)', message: 'is empty' }] });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

export function concernApi(deps: ConcernApiDeps): RouteRegistrar {
  const authenticate = apiKeyAuth(deps.apiKeys);
  return (routes) => {
    routes.post('/api/concerns', async (req) => {
      const caller = authenticate(req);
      const body = readBody(req);
      const run = async (): Promise<JsonResult> => {
        const parsed = parseConcernInput(body, deps.workstreamExists);
        if (!parsed.ok) throw badRequest('The concern is not valid.', { fields: parsed.errors });
        const concern = await deps.service.raise(parsed.draft, { id: `api:${caller.keyId}`, name: parsed.draft.raisedBy ?? 'Another system' }, 'api');
        return { status: 201, body: concernJson(concern) };
      };
      const key = req.header('idempotency-key');
      if (!key) return run();
      if (key.length > 200) throw badRequest('Idempotency-Key must be at most 200 characters.');
      // Hashing the parsed value (not the bytes) lets a re-sent body with different whitespace replay.
      const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      return deps.idempotent(`concerns:${caller.keyId}`, key, hash, run);
    });

    routes.get('/api/concerns/:id', async (req) => {
      authenticate(req);
      const id = String((req.params as Record<string, unknown>).id ?? '');
      const concern = /^[0-9a-f-]{36}$/i.test(id) ? await deps.service.get(id) : undefined;
      if (!concern) throw notFound('No concern has that id.');
      return { status: 200, body: concernJson(concern) };
    });
  };
}
