import assert from 'node:assert/strict';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsInvoke, teamsMessage } from '../support/teams-activity';

describe('bad input on /api/messages', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  const ask = async (text: string) => {
    const activity = teamsMessage(t.connector.url, text);
    const res = await postActivity(t.bot.url, activity);
    const conversationId = (activity.conversation as { id: string }).id;
    const replies = await t.connector.waitFor(conversationId, (m) => m.length > 0);
    return { res, replies };
  };

  it('when a message is empty or only whitespace, then the bot asks for a question', async () => {
    for (const text of ['', '   \n\t  ']) {
      const { res, replies } = await ask(text);
      assert.equal(res.status, 200);
      assert.match(replies[0]?.text ?? '', /didn't get a question/i);
    }
  });

  it('when a message is 30 KB long, then the bot says it is too long and asks for a shorter one', async () => {
    const { res, replies } = await ask('why '.repeat(7680));
    assert.equal(res.status, 200);
    assert.match(replies[0]?.text ?? '', /too long/i);
    assert.match(replies[0]?.text ?? '', /30,719 characters/);
  });

  it('when a message is full of control characters, then they are ignored and the rest is read', async () => {
    const { res, replies } = await ask('\u0000\u0007\u001b\u0000');
    assert.equal(res.status, 200);
    assert.match(replies[0]?.text ?? '', /didn't get a question/i);
  });

  it('when the activity type is unknown, then 400 says the type is not supported', async () => {
    const res = await postActivity(t.bot.url, { ...teamsMessage(t.connector.url, 'hi'), type: 'telepathy' });
    assert.equal(res.status, 400);
    assert.match(res.body, /telepathy\\" is not supported/);
  });

  it('when the activity has no from, then 400 names the missing field', async () => {
    const activity = teamsMessage(t.connector.url, 'hi');
    delete activity.from;
    const res = await postActivity(t.bot.url, activity);
    assert.equal(res.status, 400);
    assert.match(res.body, /from/);
  });

  it('when the activity has no conversation, then 400 names the missing field', async () => {
    const activity = teamsMessage(t.connector.url, 'hi');
    delete activity.conversation;
    const res = await postActivity(t.bot.url, activity);
    assert.equal(res.status, 400);
    assert.match(res.body, /conversation/);
  });

  it('when an entity has no type, or one that is not a string, then 400 names it and nothing is answered', async () => {
    for (const entity of [{ text: '<at>bot</at>' }, { type: 42 }]) {
      const activity = { ...teamsMessage(t.connector.url, 'who leads the autism workstream?'), entities: [entity] };
      const res = await postActivity(t.bot.url, activity);
      assert.equal(res.status, 400);
      assert.match(res.body, /entities\.0\.type/);
    }
  });

  it('when an invoke has no value, then 400 says so', async () => {
    const res = await postActivity(t.bot.url, teamsInvoke(t.connector.url, 'adaptiveCard/action', undefined));
    assert.equal(res.status, 400);
    assert.match(res.body, /has no value/);
  });

  it('when the body is not JSON, or JSON that is not an object, then 400', async () => {
    for (const body of ['{"type": "message",', '[1,2,3]', '42', 'null', '"text"']) {
      const res = await postActivity(t.bot.url, body, true);
      assert.equal(res.status, 400, `body ${body}`);
      assert.match(res.body, /"error"/);
    }
  });

  it('when the body is over the size limit, then 413', async () => {
    const activity = teamsMessage(t.connector.url, 'x'.repeat(400 * 1024));
    const res = await postActivity(t.bot.url, activity);
    assert.equal(res.status, 413);
    assert.match(res.body, /larger than/);
  });

  it('when JSON is nested 30 000 deep (with an Idempotency-Key on the APIs), then 400 says how deep is allowed', async () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    // A valid concern with a deep extra field (ignored by validation, but part of the request's idempotency hash); under 64 KB.
    const deepConcern = `{"kind":"other","summary":"x","school":{"name":"Deep Primary"},"extra":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
    const deepObject = `{"status":"at-risk","summary":"x","nextMilestone":${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}}`;
    for (const [path, body] of [
      ['/api/concerns', deepConcern],
      ['/api/concerns', deep],
      ['/api/workstreams/autism/updates', deepObject],
      ['/api/workstreams/autism/updates', deep],
      ['/api/messages', deepObject],
    ]) {
      const res = await fetch(`${t.bot.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1', 'idempotency-key': `deep-${path}-${body?.length}` },
        body,
      });
      assert.equal(res.status, 400, path);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /more than 64 deep/);
    }
  });

  it('when fields botbuilder copies into every reply have the wrong type, then 400 names them (found by the fuzz suite)', async () => {
    const cases: [string, (a: Record<string, unknown>) => void][] = [
      ['locale', (a) => (a.locale = { en: 'GB' })],
      ['conversation.conversationType', (a) => ((a.conversation as Record<string, unknown>).conversationType = 'meeting-room')],
      ['conversation.id', (a) => ((a.conversation as Record<string, unknown>).id = 'a:line\nbreak')],
      ['recipient', (a) => delete a.recipient],
      ['from.name', (a) => ((a.from as Record<string, unknown>).name = 42)],
    ];
    for (const [field, breakIt] of cases) {
      const activity = teamsMessage(t.connector.url, 'hello');
      breakIt(activity);
      const res = await postActivity(t.bot.url, activity);
      assert.equal(res.status, 400, field);
      assert.match(res.body, new RegExp(field.replace('.', '\\.')), field);
    }
  });

  it('when a feedback invoke has a reaction other than like or dislike, then 400 and nothing is recorded', async () => {
    const invoke = teamsInvoke(t.connector.url, 'message/submitAction', { actionName: 'feedback', actionValue: { reaction: 'meh', feedback: 'x' } });
    const res = await postActivity(t.bot.url, invoke);
    assert.equal(res.status, 400);
    assert.match(res.body, /value\.actionValue\.reaction/);
  });

  it('when Content-Encoding or an invoke name is a word every object has (constructor, __proto__), then 415 / 400, not 500', async () => {
    for (const encoding of ['constructor', '__proto__', 'toString']) {
      const res = await fetch(`${t.bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: '{}',
      });
      assert.equal(res.status, 415, encoding);
    }
    for (const name of ['constructor', '__proto__']) {
      const res = await postActivity(t.bot.url, teamsInvoke(t.connector.url, name, { action: {} }));
      assert.equal(res.status, 400, name);
      assert.match(res.body, /does not handle the invoke/);
    }
  });

  it('after all of that, the bot is still up and answering', async () => {
    const { res, replies } = await ask('help');
    assert.equal(res.status, 200);
    assert.ok(replies[0]?.attachments?.length, 'help card expected');
    const health = await fetch(`${t.bot.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
