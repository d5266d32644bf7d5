/**
 * `POST /api/concerns` and `GET /api/concerns/:id` for other systems. Bearer key (API_KEYS), checked before
 * the body is read; a 64 KB body limit of its own (the server's global limit is larger); zod field errors;
 * Idempotency-Key: the same key and body replays the first response, the same key with another body is 422.
 */
import { apiKeyAuth } from '../http/api-auth';
import { badRequest, notFound } from '../http/http-errors';
import { idempotencyKeyOf, idempotent } from '../http/idempotency';
import type { RouteRegistrar } from '../http/server';
import type { Store } from '../store/store-types';
import { parseConcernInput } from './concern-input';
import type { ConcernService } from './concern-service';
import type { Concern } from './concern-types';

/** Largest concern body accepted: a summary is a paragraph, not a document. */
export const maxConcernBodyBytes = 64 * 1024;

export interface ConcernApiDeps {
  service: ConcernService;
  apiKeys: readonly string[];
  workstreamExists: (slug: string) => boolean;
  store: Store;
}

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

export function concernApi(deps: ConcernApiDeps): RouteRegistrar {
  const authenticate = apiKeyAuth(deps.apiKeys);
  return (routes) => {
    routes.post('/api/concerns', async (req, request) => {
      const caller = authenticate(req);
      const body = await request.json({ maxBytes: maxConcernBodyBytes });
      if (body === undefined) throw badRequest('Send the concern as a JSON object.', { fields: [{ field: '(body)', message: 'is empty' }] });
      // Validation runs before the idempotency record, so a refused body stores nothing and can be fixed and resent.
      const parsed = parseConcernInput(body, deps.workstreamExists);
      if (!parsed.ok) throw badRequest('The concern is not valid.', { fields: parsed.errors });
      const { draft } = parsed;
      const { response } = await idempotent(
        deps.store,
        { scope: `concerns:${caller.keyId}`, key: idempotencyKeyOf(req), request: { method: 'POST', path: '/api/concerns', body } },
        async (tx) => {
          // The key is who is authenticated; `raisedBy` is only what the calling system says, and is shown as such.
          const concern = await deps.service.raise(draft, { id: `api:${caller.keyId}`, name: `API key ${caller.keyId}` }, 'api', tx);
          return { status: 201, body: concernJson(concern) };
        },
      );
      return response;
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
