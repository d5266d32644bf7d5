/**
 * The outbox for operators, behind the API keys like every `/api` route:
 * - `GET /api/outbox`: per priority, queued, in flight, sent, dead and throttled in the last minute;
 * - `GET /api/outbox/dead?limit=50&before=<id>`: dead letters, newest first, with why they died;
 * - `POST /api/outbox/dead/retry` `{ "ids": [101, 102] }`: puts those dead letters back in the queue.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import { apiKeyAuth } from '../http/api-auth';
import { badRequest } from '../http/http-errors';
import { idempotencyKeyOf, idempotent } from '../http/idempotency';
import type { RouteRegistrar } from '../http/server';
import { listDeadLetters, retryDeadLetters } from '../store/outbox-repo';
import type { Store } from '../store/store-types';
import { outboxReport } from './outbox-report';
import { priorityName } from './priorities';

export interface OutboxApiDeps {
  store: Store;
  apiKeys: readonly string[];
  /** Asks the delivery worker to look at the queue now. */
  wakeDelivery?: () => void;
}

const id = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(Number.MAX_SAFE_INTEGER);
const listQuery = z
  .object({
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(500, 'must be at most 500')
      .default(50),
    before: id.optional(),
  })
  .strict();
const retryBody = z
  .object({
    ids: z.array(id, { invalid_type_error: 'must be a list of outbox ids' }).min(1, 'name at least one id').max(500, 'at most 500 at a time'),
  })
  .strict();

const fieldErrors = (error: z.ZodError) => ({ fields: error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })) });

export function outboxApi(deps: OutboxApiDeps): RouteRegistrar {
  const authenticate = apiKeyAuth(deps.apiKeys);
  return (routes) => {
    routes.get('/api/outbox', async (req) => {
      authenticate(req);
      return { status: 200, body: await outboxReport(deps.store) };
    });

    routes.get('/api/outbox/dead', async (req: Request) => {
      authenticate(req);
      const parsed = listQuery.safeParse(req.query ?? {});
      if (!parsed.success) throw badRequest('The query is not valid: limit is 1–500, before an outbox id.', fieldErrors(parsed.error));
      const { limit, before } = parsed.data;
      const dead = await listDeadLetters(deps.store, limit, before);
      const last = dead.at(-1);
      return {
        status: 200,
        body: {
          deadLetters: dead.map((d) => ({ ...d, priority: priorityName(d.priority) })),
          ...(dead.length === limit && last ? { next: `/api/outbox/dead?limit=${limit}&before=${last.id}` } : {}),
        },
      };
    });

    routes.post('/api/outbox/dead/retry', async (req, request) => {
      const caller = authenticate(req);
      const body = await request.json({ maxBytes: 16 * 1024 });
      const parsed = retryBody.safeParse(body);
      if (!parsed.success) throw badRequest('Send { "ids": [ … ] } with the ids of dead letters to send again.', fieldErrors(parsed.error));
      const ids = [...new Set(parsed.data.ids)];
      const { response } = await idempotent(
        deps.store,
        { scope: `outbox:${caller.keyId}`, key: idempotencyKeyOf(req), request: { method: 'POST', path: '/api/outbox/dead/retry', body } },
        async (tx) => {
          const requeued = await retryDeadLetters(tx, ids);
          const again = new Set(requeued);
          return { status: 200, body: { requeued, notDead: ids.filter((i) => !again.has(i)) } };
        },
      );
      deps.wakeDelivery?.();
      return response;
    });
  };
}
