/**
 * The Progress tab over HTTP: its page, configuration page and bundled assets (`/tab/progress`,
 * `/tab/configure`, `/tab/assets/*`), the snapshot
 * it draws (`GET /api/tab/progress?since=YYYY-MM-DD`) and making the meeting paper from it
 * (`POST /api/tab/paper`). Who is asking comes from the tab's sign-on token (tab-viewer-api.ts); concerns and
 * paper links are left out for those not allowed them, on the server, not by hiding them on the page.
 */
import type { Request } from 'restify';
import { can } from '../access/permissions';
import { HttpError, badRequest, forbidden, notFound } from '../http/http-errors';
import type { RouteRegistrar } from '../http/server';
import type { PaperLinkSigner } from '../paper/paper-links';
import type { PaperService } from '../paper/paper-service';
import type { Queryable } from '../store/store-types';
import type { WorkstreamRegistry } from '../workstreams/registry';
import { progressSnapshot } from './progress-snapshot';
import type { TabPaperResponse, TabProgressResponse } from './progress-types';
import { tabAsset, tabAssetTypes } from './tab-assets';
import type { TabViewer } from './tab-viewer-api';

export interface ProgressRouteDeps {
  db: Queryable;
  registry: WorkstreamRegistry;
  timeZone: string;
  viewerOf: (req: Request) => Promise<TabViewer>;
  papers: PaperService;
  links: PaperLinkSigner;
  now?: () => Date;
}

/**
 * Teams shows tabs in a frame of its own pages; nothing else may frame this one. Scripts, styles and
 * requests stay on this server: Teams tabs here load nothing from a CDN.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.cloud.microsoft https://*.microsoft365.com",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function progressRoutes(deps: ProgressRouteDeps): RouteRegistrar {
  const now = deps.now ?? (() => new Date());

  const asset = (name: string) => async () => {
    const body = await tabAsset(name);
    if (!body) throw notFound('No such file.');
    return { status: 200, body, contentType: tabAssetTypes[name] ?? 'application/octet-stream', headers: PAGE_HEADERS };
  };

  return (routes) => {
    routes.getRaw('/tab/progress', asset('progress-tab.html'));
    routes.getRaw('/tab/configure', asset('progress-configure.html'));
    routes.getRaw('/tab/assets/:name', async (req) => asset(String(req.params?.name ?? ''))());

    routes.get('/api/tab/progress', async (req) => {
      const viewer = await deps.viewerOf(req);
      const since = (req.query as Record<string, unknown> | undefined)?.since;
      if (since !== undefined && (typeof since !== 'string' || !ISO_DAY.test(since) || Number.isNaN(Date.parse(since)))) {
        throw badRequest('since must be a date written YYYY-MM-DD.');
      }
      const snapshot = await progressSnapshot(
        { db: deps.db, registry: deps.registry, now: now(), timeZone: deps.timeZone },
        { since: since as string | undefined, includeConcerns: can(viewer.principal, 'concern:view') },
      );
      const paperLinks: TabProgressResponse['paperLinks'] = {};
      if (can(viewer.principal, 'paper:make')) {
        for (const p of snapshot.papers) {
          const link = deps.links.sign(p.id, now());
          paperLinks[String(p.id)] = { url: link.path, expiresAt: link.expiresAt.toISOString() };
        }
      }
      const body: TabProgressResponse = {
        viewer: { mode: viewer.mode, name: viewer.name, role: viewer.role, canSeeConcerns: viewer.canSeeConcerns, canMakePaper: viewer.canMakePaper },
        snapshot,
        paperLinks,
      };
      return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
    });

    routes.post('/api/tab/paper', async (req) => {
      const viewer = await deps.viewerOf(req);
      // The page always says JSON; a cross-site form cannot without the browser asking this server first.
      if (!/^application\/json\b/i.test(req.header('content-type') ?? ''))
        throw new HttpError(415, 'UnsupportedMediaType', 'Send Content-Type: application/json.');
      if (!can(viewer.principal, 'paper:make')) throw forbidden('Only admins and SEND Executive members can make the meeting paper.');
      const { paper } = await deps.papers.make({ id: viewer.principal.userId || 'local', name: viewer.name });
      const link = deps.links.sign(paper.id, now());
      const body: TabPaperResponse = { id: paper.id, title: paper.title, url: link.path, expiresAt: link.expiresAt.toISOString() };
      return { status: 201, body, headers: { 'Cache-Control': 'no-store' } };
    });
  };
}
