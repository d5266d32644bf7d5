/**
 * The workstreams API for other systems: `GET /api/workstreams`, `GET /api/workstreams/:slug` and
 * `POST /api/workstreams/:slug/updates`. Bearer keys from `API_KEYS`; writes honour `Idempotency-Key`.
 * An update through here is recorded and announced exactly as one from Teams.
 */
import type { Request } from 'restify';
import { apiKeyAuth } from '../http/api-auth';
import { badRequest, notFound } from '../http/http-errors';
import { idempotencyKeyOf, idempotent } from '../http/idempotency';
import type { RouteRegistrar } from '../http/server';
import type { Store } from '../store/store-types';
import { statusHistory } from '../store/workstream-status-repo';
import type { Workstream } from './registry-schema';
import { fromStored } from './status-history';
import { statusLabels, type StatusEntry } from './status-model';
import { checkApiUpdate } from './update-input';
import type { WorkstreamView } from './workstream-view';
import type { WorkstreamService } from './workstream-service';

export interface WorkstreamApiDeps {
  store: Store;
  service: WorkstreamService;
  apiKeys: readonly string[];
  /** Called after an update commits (refreshes posted copies of the card); failures are its own business. */
  onUpdated?: (slug: string) => void;
}

function entryJson(e: StatusEntry) {
  return {
    id: e.id,
    slug: e.slug,
    status: e.status,
    summary: e.summary,
    nextMilestone: e.nextMilestone ? { title: e.nextMilestone.title, due: e.nextMilestone.due ?? null } : null,
    author: e.author.name,
    source: e.source,
    createdAt: e.createdAt,
  };
}

function viewJson(v: WorkstreamView) {
  const ws = v.workstream;
  return {
    slug: ws.slug,
    name: ws.name,
    lead: ws.lead,
    status: v.status,
    statusLabel: statusLabels[v.status],
    position: v.position,
    nextMilestone: v.nextMilestone
      ? { title: v.nextMilestone.title, due: v.nextMilestone.due ?? null, estimatedFromPaper: v.nextMilestone.fromRegistry }
      : null,
    overdue: v.overdue,
    lastUpdate: v.latest ? { author: v.latest.author.name, at: v.latest.createdAt, source: v.latest.source } : null,
  };
}

export function workstreamApi(deps: WorkstreamApiDeps): RouteRegistrar {
  const authenticate = apiKeyAuth(deps.apiKeys);
  const workstreamOf = (req: Request): Workstream => {
    const slug = String(req.params?.slug ?? '');
    const ws = deps.service.bySlug(slug);
    if (!ws) throw notFound(`There is no workstream "${slug}". GET /api/workstreams lists them.`);
    return ws;
  };

  return (routes) => {
    routes.get('/api/workstreams', async (req) => {
      authenticate(req);
      const views = await deps.service.views();
      return { status: 200, body: { today: deps.service.clock().today, workstreams: views.map(viewJson) } };
    });

    routes.get('/api/workstreams/:slug', async (req) => {
      authenticate(req);
      const ws = workstreamOf(req);
      const history = (await statusHistory(deps.store, ws.slug)).map((row) => entryJson(fromStored(row)));
      return { status: 200, body: { ...viewJson(await deps.service.view(ws)), history } };
    });

    routes.post('/api/workstreams/:slug/updates', async (req, request) => {
      const caller = authenticate(req);
      const ws = workstreamOf(req);
      const key = idempotencyKeyOf(req);
      const body = await request.json();
      const checked = checkApiUpdate(body);
      if (!checked.ok) throw badRequest('The update is not valid; see details for each field.', { fields: checked.errors });
      const { response, replayed } = await idempotent(
        deps.store,
        { scope: `api:${caller.keyId}`, key, request: { method: 'POST', path: `/api/workstreams/${ws.slug}/updates`, body } },
        async (tx) => {
          const recorded = await deps.service.recordIn(tx, ws, checked.update, { id: `api:${caller.keyId}`, name: `API (${caller.keyId})` }, 'api');
          return { status: 201, body: { entry: entryJson(recorded.entry) }, headers: { Location: `/api/workstreams/${ws.slug}` } };
        },
      );
      if (!replayed) {
        deps.service.afterUpdate();
        deps.onUpdated?.(ws.slug);
      }
      return response;
    });
  };
}
