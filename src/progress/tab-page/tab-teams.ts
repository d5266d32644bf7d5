/**
 * The page's side of Teams: whether it is hosted by Teams, the theme Teams shows, and the single sign-on
 * token that proves who is looking (the server checks it; this page never reads it). Outside Teams —
 * a browser on the developer's machine in anonymous local mode — there is no token and the theme comes
 * from `?theme=` or the system's dark setting.
 */
import { app, authentication, pages } from '@microsoft/teams-js';

export type Theme = 'default' | 'dark' | 'contrast';

export interface Host {
  inTeams: boolean;
  theme: Theme;
  /** Resolves to a token in Teams, undefined outside it. */
  token(): Promise<string | undefined>;
  onThemeChange(handler: (theme: Theme) => void): void;
}

const asTheme = (value: string | null | undefined): Theme => (value === 'dark' ? 'dark' : value === 'contrast' ? 'contrast' : 'default');

function outsideTeams(): Host {
  const asked = new URLSearchParams(location.search).get('theme');
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
  return {
    inTeams: false,
    theme: asked ? asTheme(asked) : dark?.matches ? 'dark' : 'default',
    token: async () => undefined,
    onThemeChange: (handler) => {
      if (!asked) dark?.addEventListener?.('change', (e) => handler(e.matches ? 'dark' : 'default'));
    },
  };
}

/** Teams hosts tabs in a frame; a page that is not framed is not in Teams and need not wait to find out. */
export async function connectHost(): Promise<Host> {
  if (window.parent === window) return outsideTeams();
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), 4000))]);
    const context = await app.getContext();
    void app.notifySuccess();
    return {
      inTeams: true,
      theme: asTheme(context.app.theme),
      token: () => authentication.getAuthToken(),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
    };
  } catch {
    return outsideTeams();
  }
}

/** The configuration page of the channel, chat and meeting tab: nothing to choose, so Save is allowed at once. */
export async function configureTab(): Promise<void> {
  await app.initialize();
  const url = `${location.origin}/tab/progress`;
  pages.config.registerOnSaveHandler((save) => {
    pages.config.setConfig({ entityId: 'progress', contentUrl: url, websiteUrl: url, suggestedDisplayName: 'Progress' }).then(
      () => save.notifySuccess(),
      (err: unknown) => save.notifyFailure(err instanceof Error ? err.message : String(err)),
    );
  });
  pages.config.setValidityState(true);
  void app.notifySuccess();
}
