/**
 * The Progress tab's page: connects to Teams (or knows it is outside it), fetches the snapshot with the
 * sign-on token, and draws it. `?workstream=<slug>` (the links the message extension unfurls) opens on
 * that workstream.
 */
import type { TabPaperResponse, TabProgressResponse } from '../progress-types';
import { clearCharts } from './tab-charts';
import { formatDay } from './tab-dom';
import { render } from './tab-render';
import { configureTab, connectHost, type Host, type Theme } from './tab-teams';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

async function call<T>(host: Host, path: string, init: RequestInit = {}): Promise<T> {
  const token = await host.token().catch(() => undefined);
  const res = await fetch(path, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  const body = (await res.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `The server answered ${res.status}.`);
  return body;
}

function showProblem(message: string): void {
  const problem = document.getElementById('problem') ?? document.createElement('p');
  problem.id = 'problem';
  problem.className = 'banner attention';
  problem.setAttribute('role', 'alert');
  problem.textContent = message;
  problem.hidden = false;
  if (!problem.isConnected) $('main').prepend(problem);
}

async function main(): Promise<void> {
  const host = await connectHost();
  applyTheme(host.theme);
  let since: string | undefined;
  let last: TabProgressResponse | undefined;

  const load = async (): Promise<void> => {
    const main = $('main');
    main.setAttribute('aria-busy', 'true');
    try {
      const r = await call<TabProgressResponse>(host, `/api/tab/progress${since ? `?since=${encodeURIComponent(since)}` : ''}`);
      last = r;
      draw(r);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      showProblem(host.inTeams ? message : `${message} Outside Microsoft Teams nobody can sign in: open the Progress tab in Teams.`);
      $('as-of').textContent = '';
    } finally {
      main.setAttribute('aria-busy', 'false');
    }
  };

  const draw = (r: TabProgressResponse): void => {
    clearCharts();
    $('as-of').textContent = `As at ${formatDay(r.snapshot.today)}.`;
    const mode = $('mode');
    mode.hidden = r.viewer.mode !== 'anonymous-local';
    mode.textContent =
      r.viewer.mode === 'anonymous-local'
        ? 'Anonymous local mode: the bot has no Microsoft app id, so nobody signs in and everything is shown, concerns included. This page answers only on this machine; never run like this in production.'
        : '';
    $('viewer').textContent = r.viewer.mode === 'signed-in' ? `Signed in as ${r.viewer.name}${r.viewer.role ? ` (${r.viewer.role})` : ''}.` : '';
    render($('main'), r, {
      changeSince: (date) => {
        since = date;
        void load();
      },
      makePaper: () => void makePaper(),
    });
    const wanted = new URLSearchParams(location.search).get('workstream');
    const target = wanted ? document.getElementById(`ws-${wanted}`) : null;
    if (target) {
      target.classList.add('highlight');
      target.querySelector('details')?.setAttribute('open', '');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  };

  const makePaper = async (): Promise<void> => {
    try {
      const paper = await call<TabPaperResponse>(host, '/api/tab/paper', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      await load();
      const result = document.getElementById('paper-result');
      if (result) {
        const link = document.createElement('a');
        link.href = paper.url;
        link.textContent = `Download ${paper.title}`;
        result.replaceChildren(
          'Made: ',
          link,
          ` (the link works until ${new Date(paper.expiresAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}).`,
        );
      }
    } catch (err) {
      showProblem(err instanceof Error ? err.message : String(err));
    }
  };

  host.onThemeChange((theme) => {
    applyTheme(theme);
    if (last) draw(last);
  });
  await load();
}

if (document.body.dataset.page === 'configure') {
  configureTab().catch(() => {
    const status = document.getElementById('configure-status');
    if (status) status.textContent = 'Open this page from Microsoft Teams, when adding the tab to a channel, chat or meeting.';
  });
} else {
  void main();
}
