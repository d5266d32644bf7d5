/**
 * Who is looking at the Progress tab. In Teams: the person in the tab's single sign-on token, with the
 * roles the bot's store gives their AAD object id. In anonymous local mode (no MicrosoftAppId) there is
 * no sign-in at all, so the tab answers on loopback only, as a local developer's page — and says so.
 */
import type { Request } from 'restify';
import { can, primaryRole, type Principal } from '../access/permissions';
import { roleOf } from '../access/principal';
import type { TabTokenVerifier } from '../http/tab-sign-on';
import { forbidden } from '../http/http-errors';
import type { Queryable } from '../store/store-types';

export interface TabViewer {
  mode: 'signed-in' | 'anonymous-local';
  name: string;
  principal: Principal;
  role?: string;
  canSeeConcerns: boolean;
  canMakePaper: boolean;
}

export interface TabViewerDeps {
  db: Queryable;
  admins: readonly string[];
  /** Absent in anonymous local mode. */
  verifier?: TabTokenVerifier;
}

const isLoopbackAddress = (address: string | undefined): boolean =>
  !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

/** The Host a browser on this machine sends; any other name pointing at 127.0.0.1 is DNS rebinding. */
const isLoopbackHost = (host: string | undefined): boolean => /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i.test(host ?? '');

function viewerOf(mode: TabViewer['mode'], name: string, principal: Principal): TabViewer {
  return {
    mode,
    name,
    principal,
    role: primaryRole(principal),
    canSeeConcerns: can(principal, 'concern:view'),
    canMakePaper: can(principal, 'paper:make'),
  };
}

export function tabViewerResolver(deps: TabViewerDeps): (req: Request) => Promise<TabViewer> {
  return async (req) => {
    if (!deps.verifier) {
      if (!isLoopbackAddress(req.socket?.remoteAddress) || !isLoopbackHost(req.header('host'))) {
        throw forbidden('The bot runs in anonymous local mode (no MicrosoftAppId): the Progress tab answers on this machine only.');
      }
      // Nobody signs in locally, so there is nobody to hide anything from: the page says so.
      return viewerOf('anonymous-local', 'Local user (not signed in)', { userId: '', admin: true, grants: [] });
    }
    const user = await deps.verifier(req.header('authorization'));
    return viewerOf('signed-in', user.name, await roleOf(deps.db, deps.admins, user.aadObjectId));
  };
}
