/**
 * The real bot, started in-process as Teams would reach it with tab sign-on: an app id, Entra ID faked by a
 * key server on loopback, the shared test store emptied first. People are AAD object ids with roles granted
 * in the store, exactly as `grant executive @person` would leave them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, type RunningBot } from '../../src/index';
import { grantRole } from '../../src/store/roles-repo';
import { resetTestStore } from '../store/shared-store';
import { startEntraFake, TEST_APP_ID, TEST_APP_ID_URI, TEST_TENANT, type EntraFake } from '../support/entra-fake';

export const PEOPLE = {
  admin: 'aaaaaaaa-0000-4000-8000-0000000000ad',
  executive: 'aaaaaaaa-0000-4000-8000-0000000000e1',
  officer: 'aaaaaaaa-0000-4000-8000-00000000000f',
  lead: 'aaaaaaaa-0000-4000-8000-00000000001e',
  nobody: 'aaaaaaaa-0000-4000-8000-000000000000',
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read the API's JSON loosely, as a browser page would
type LooseJson = any;

export interface ProgressHarness {
  bot: RunningBot;
  entra?: EntraFake;
  /** A sign-on token for one of PEOPLE. */
  tokenFor(who: keyof typeof PEOPLE): Promise<string>;
  /** GET or POST with that person's token (none when `who` is undefined). */
  call(
    route: string,
    options?: { who?: keyof typeof PEOPLE; method?: string; token?: string },
  ): Promise<{ status: number; json: LooseJson; headers: Headers }>;
  /** Posts a workstream update through the API, as another system would. */
  update(slug: string, body: Record<string, unknown>): Promise<void>;
  /** Raises a concern through the API. */
  concern(body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startProgressHarness(options: { anonymous?: boolean; env?: Record<string, string> } = {}): Promise<ProgressHarness> {
  const store = await resetTestStore();
  const entra = options.anonymous ? undefined : await startEntraFake();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-progress-'));
  const bot = await start({
    port: 0,
    store,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      API_KEYS: 'test-key-1',
      BOT_ADMINS: PEOPLE.admin,
      PAPER_LINK_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
      ...(entra
        ? {
            MicrosoftAppId: TEST_APP_ID,
            MicrosoftAppPassword: 'not-used-by-the-tab',
            TAB_SSO_APP_ID_URI: TEST_APP_ID_URI,
            ENTRA_JWKS_URL: entra.jwksUrl,
            ALLOWED_TENANTS: TEST_TENANT,
          }
        : { MicrosoftAppId: '' }),
      ...options.env,
    },
  });
  for (const [who, role] of [
    ['executive', 'executive'],
    ['officer', 'officer'],
  ] as const) {
    await grantRole(store, { aadObjectId: PEOPLE[who], role, grantedBy: PEOPLE.admin });
  }
  await grantRole(store, { aadObjectId: PEOPLE.lead, role: 'lead', scope: 'autism', grantedBy: PEOPLE.admin });

  const tokenFor = async (who: keyof typeof PEOPLE) => {
    if (!entra) throw new Error('no sign-on in anonymous mode');
    return entra.token({ oid: PEOPLE[who], name: `The ${who}` });
  };
  const api = async (route: string, body: unknown) => {
    const res = await fetch(`${bot.url}${route}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key-1', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  };
  return {
    bot,
    entra,
    tokenFor,
    call: async (route, o = {}) => {
      const token = o.token ?? (o.who ? await tokenFor(o.who) : undefined);
      const method = o.method ?? 'GET';
      const headers: Record<string, string> = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      };
      const res = await fetch(`${bot.url}${route}`, { method, headers, ...(method === 'POST' ? { body: '{}' } : {}) });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, headers: res.headers };
    },
    update: (slug, body) => api(`/api/workstreams/${slug}/updates`, body),
    concern: (body) => api('/api/concerns', body),
    close: async () => {
      await bot.stop();
      await entra?.close();
      // The store is shared by the test run: a bot started later would find these papers and index them.
      await store.query('DELETE FROM papers');
    },
  };
}
