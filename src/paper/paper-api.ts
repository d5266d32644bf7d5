/**
 * `GET /papers/:id/download?exp=…&sig=…`: the Word file of a generated paper, for whoever holds a signed
 * link that has not expired (the link is the permission: it was given to an admin or Executive member in
 * chat or on the tab). A changed link is 403, an expired one 410, each with a sentence saying what to do.
 */
import { HttpError, notFound } from '../http/http-errors';
import type { RouteRegistrar } from '../http/server';
import type { PaperLinkSigner } from './paper-links';
import type { PaperService } from './paper-service';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function paperDownloadRoutes(deps: { papers: PaperService; links: PaperLinkSigner }): RouteRegistrar {
  return (routes) => {
    routes.getRaw('/papers/:id/download', async (req) => {
      const raw = String(req.params?.id ?? '');
      const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      const link = deps.links.check(id, (req.query ?? {}) as Record<string, unknown>);
      if (link === 'altered')
        throw new HttpError(403, 'Forbidden', 'This download link is not valid: it was changed or cut short. Ask for the paper again.');
      if (link === 'expired')
        throw new HttpError(
          410,
          'Gone',
          'This download link has expired. Ask for the paper again (type "paper", or use the link on the Progress tab).',
        );
      const paper = Number.isFinite(id) ? await deps.papers.file(id) : undefined;
      if (!paper) throw notFound('That paper no longer exists.');
      return {
        status: 200,
        body: paper.docx,
        contentType: DOCX_TYPE,
        headers: {
          'Content-Disposition': `attachment; filename="${paper.fileName}"`,
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      };
    });
  };
}
