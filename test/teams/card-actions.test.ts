/**
 * Every Action.Execute verb on the bot's cards, pressed (or refreshed) by someone with no role, from a
 * conversation none of those cards was posted to: each is handled, none reveals a concern, none changes
 * anything it should not.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsInvoke } from '../support/teams-activity';

/** Every verb in the card templates under src/. */
function cardVerbs(): string[] {
  const verbs = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json') && full.includes(`${path.sep}cards${path.sep}`)) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(/"verb"\s*:\s*"([^"]+)"/g)) verbs.add(m[1] ?? '');
      }
    }
  };
  walk('src');
  return [...verbs].sort();
}

describe('card actions from someone with no role, in another conversation', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  it('every verb is handled, none shows the concern, and nothing is changed on anyone else’s behalf', async () => {
    const raised = await fetch(`${t.bot.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1' },
      body: JSON.stringify({ kind: 'safeguarding', school: { name: 'Hushwood Primary' }, summary: 'Confidential: a matter for officers only' }),
    });
    assert.equal(raised.status, 201);
    const concernId = ((await raised.json()) as { id: string }).id;
    const store = t.bot.services.store;
    const updatesBefore = (await store.query(`SELECT 1 FROM workstream_status`)).length;

    const verbs = cardVerbs();
    assert.ok(verbs.length >= 12, `found ${verbs.join(', ')}`);
    const data = {
      concernId,
      slug: 'autism',
      status: 'complete',
      summary: 'Taken over',
      note: 'closing it',
      kind: 'other',
      schoolName: 'Fake',
      milestoneTitle: '',
      milestoneDue: '',
    };
    for (const verb of verbs) {
      const invoke = teamsInvoke(
        t.connector.url,
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb, data }, trigger: verb.endsWith('refresh') ? 'automatic' : 'manual' },
        { user: 'nobody-1', conversationId: 'a:nobody-chat' },
      );
      const res = await postActivity(t.bot.url, invoke);
      assert.equal(res.status, 200, `${verb}: ${res.body}`);
      assert.doesNotMatch(res.body, /Hushwood|Confidential: a matter/, verb);
    }

    const concern = await t.bot.services.store.query<{ status: string }>(`SELECT status FROM concerns WHERE id = $1`, [concernId]);
    assert.equal(concern[0]?.status, 'open');
    assert.equal((await store.query(`SELECT 1 FROM concerns WHERE raised_by_id = 'nobody-1'`)).length, 0);
    assert.equal((await store.query(`SELECT 1 FROM workstream_status`)).length, updatesBefore);
  });
});
