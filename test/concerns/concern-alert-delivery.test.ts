import assert from 'node:assert/strict';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activity';

describe('a concern raised through the API reaches every subscribed conversation exactly once', function () {
  this.timeout(60_000);
  let t: BotUnderTest;
  const channel = `19:send-exec-${process.pid}@thread.tacv2`;
  const groupChat = `19:officers-${process.pid}@thread.v2`;
  const outsider = `a:outsider-${process.pid}`;

  before(async () => {
    t = await sharedBot();
  });
  after(() => {
    t.connector.gate = undefined;
  });

  const say = async (conversationId: string, text: string, user: string, conversationType: 'channel' | 'groupChat' | 'personal') => {
    const before = t.connector.messages(conversationId).length;
    await postActivity(t.bot.url, teamsMessage(t.connector.url, text, { conversationId, user, conversationType }));
    const replies = await t.connector.waitFor(conversationId, (m) => m.length > before);
    return replies
      .slice(before)
      .map((r) => r.text ?? '')
      .join('\n');
  };

  it('when an admin subscribes two conversations and the connector throttles and fails, each still gets the alert card once; nobody else does', async () => {
    assert.match(await say(channel, 'subscribe concerns', 'admin-1', 'channel'), /Subscribed/);
    assert.match(await say(groupChat, 'subscribe concerns', 'admin-1', 'groupChat'), /Subscribed/);
    assert.match(await say(outsider, 'subscribe concerns', 'someone-else', 'personal'), /Only an admin/);

    // Teams-like trouble on the first send to each: a 429 with Retry-After, and a 500.
    const refusedOnce = new Set<string>();
    t.connector.gate = (conversationId, _body, method) => {
      if (method !== 'POST' || !conversationId || refusedOnce.has(conversationId)) return undefined;
      if (conversationId === channel) return (refusedOnce.add(conversationId), { status: 429, retryAfter: 1 });
      if (conversationId === groupChat) return (refusedOnce.add(conversationId), { status: 500 });
      return undefined;
    };

    const before = { channel: t.connector.messages(channel).length, groupChat: t.connector.messages(groupChat).length };
    const res = await fetch(`${t.bot.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1' },
      body: JSON.stringify({
        kind: 'warning-notice',
        school: { name: 'Oakfield Primary School', urn: '117001', phase: 'primary' },
        summary: 'Warning notice issued after the action group found no improvement in safeguarding.',
        raisedBy: 'Head of School Improvement',
        issuedOn: '2026-11-20',
      }),
    });
    assert.equal(res.status, 201);

    const alerts = async (conversationId: string, from: number) =>
      (await t.connector.waitFor(conversationId, (m) => m.length > from, 20_000)).slice(from);
    const [inChannel, inGroupChat] = await Promise.all([alerts(channel, before.channel), alerts(groupChat, before.groupChat)]);
    // Anything sent twice would have arrived by now: the worker's retries here take about a second.
    await new Promise((r) => setTimeout(r, 2500));
    for (const [conversationId, from] of [
      [channel, before.channel],
      [groupChat, before.groupChat],
    ] as const) {
      const delivered = t.connector.messages(conversationId).slice(from);
      assert.equal(delivered.length, 1, `${conversationId} got ${delivered.length} alerts`);
    }
    for (const alert of [inChannel[0], inGroupChat[0]]) {
      assert.ok(alert);
      const text = visibleText([alert]);
      assert.equal(alert?.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.match(text, /Oakfield Primary School/);
      assert.match(text, /What the strategy says/i);
      assert.match(text, /15 days/);
    }
    assert.ok(refusedOnce.has(channel) && refusedOnce.has(groupChat), 'both first sends were refused and retried');
    assert.equal(t.connector.messages(outsider).filter((m) => m.attachments?.length).length, 0);
  });
});
