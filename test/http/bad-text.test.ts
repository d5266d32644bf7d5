/**
 * Text PostgreSQL cannot store (NUL and other C0 controls, lone UTF-16 surrogates) in card submissions and
 * API bodies. The real bot, over HTTP, on the real store. (Messages: hostile-requests.test.ts, where the
 * bot runs in a process of its own so that turns arrive together as they do in production.)
 */
import assert from 'node:assert/strict';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsInvoke } from '../support/teams-activity';

describe('text that cannot be stored', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${t.bot.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { error?: { message?: string; details?: { fields?: { field: string }[] } } } };
  };
  const invoke = async (verb: string, data: Record<string, unknown>, user: string, conversationId: string) => {
    const activity = teamsInvoke(
      t.connector.url,
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      { user, conversationId },
    );
    return postActivity(t.bot.url, activity);
  };

  it('when a concern raised over the API has a NUL in its summary, then 400 names the field and nothing is stored', async () => {
    const res = await api('/api/concerns', { kind: 'other', school: { name: 'Oakfield Primary' }, summary: 'Fell to red\u0000 after the visit' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error?.details?.fields?.[0]?.field, 'summary');
    assert.match(res.json.error?.message ?? '', /summary contains a control character \(U\+0000\)/);
    const stored = await t.bot.services.store.query(`SELECT 1 FROM concerns WHERE summary LIKE 'Fell to red%'`);
    assert.equal(stored.length, 0);
  });

  it('when a workstream update over the API has a NUL or a lone surrogate, then 400 names the field', async () => {
    for (const [field, body] of [
      ['summary', { status: 'at-risk', summary: 'Delayed\u0000' }],
      ['nextMilestone.title', { status: 'at-risk', summary: 'Delayed', nextMilestone: { title: 'Report \udc00', due: '2099-01-01' } }],
    ] as const) {
      const res = await api('/api/workstreams/autism/updates', body);
      assert.equal(res.status, 400, field);
      assert.equal(res.json.error?.details?.fields?.[0]?.field, field);
    }
  });

  it('when a concern or a workstream update is submitted from a card with a NUL in it, then it is stored without it', async () => {
    const concern = await invoke(
      'concern.raise',
      { kind: 'other', schoolName: 'Nul\u0000 Primary', summary: 'Summary with a NUL\u0000 in it' },
      'admin-1',
      'a:nul-card-admin',
    );
    assert.equal(concern.status, 200, concern.body);
    const [row] = await t.bot.services.store.query<{ summary: string; school_name: string }>(
      `SELECT summary, school_name FROM concerns WHERE school_name LIKE 'Nul%'`,
    );
    assert.equal(row?.summary, 'Summary with a NUL in it');
    assert.equal(row?.school_name, 'Nul Primary');

    const update = await invoke(
      'workstream.update',
      { slug: 'autism', status: 'on-track', summary: 'Posts filled\u0000 at last' },
      'admin-1',
      'a:nul-card-admin',
    );
    assert.equal(update.status, 200, update.body);
    const [status] = await t.bot.services.store.query<{ summary: string }>(
      `SELECT summary FROM workstream_status WHERE slug = 'autism' ORDER BY id DESC LIMIT 1`,
    );
    assert.equal(status?.summary, 'Posts filled at last');
  });
});
