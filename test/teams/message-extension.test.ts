import assert from 'node:assert/strict';
import { cardBytes, cardWarnings, maxCardBytes } from '../workstreams/card-check';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsInvoke } from '../support/teams-activity';

interface ExtensionResponse {
  composeExtension: {
    type: 'result' | 'message';
    text?: string;
    attachmentLayout?: string;
    attachments?: { contentType: string; content: Record<string, unknown>; preview?: { content: { title: string; text: string } } }[];
  };
}

describe('the message extension over /api/messages (composeExtension/query and queryLink)', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
    // A concern to find (admins may raise them; the API is the quickest way in).
    const res = await fetch(`${t.bot.url}/api/concerns`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key-1', 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'warning-notice',
        school: { name: 'Larkspur Academy', urn: '139999' },
        summary: 'Warning notice issued for safeguarding weaknesses.',
        issuedOn: '2026-03-02',
      }),
    });
    assert.equal(res.status, 201);
  });

  const query = async (commandId: string, text: string, user = 'user-1') => {
    const res = await postActivity(
      t.bot.url,
      teamsInvoke(
        t.connector.url,
        'composeExtension/query',
        { commandId, parameters: [{ name: 'query', value: text }], queryOptions: { skip: 0, count: 25 } },
        { user, conversationId: `a:me-${user}` },
      ),
    );
    assert.equal(res.status, 200, res.body);
    return (res.json as ExtensionResponse).composeExtension;
  };

  const assertValidCards = (result: ExtensionResponse['composeExtension']) => {
    for (const a of result.attachments ?? []) {
      assert.equal(a.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.deepEqual(cardWarnings(a.content), [], JSON.stringify(a.content).slice(0, 300));
      assert.ok(cardBytes(a.content) < maxCardBytes, `${cardBytes(a.content)} bytes`);
      assert.ok(a.preview?.content.title, 'a preview for the results list');
    }
  };

  it('when anyone searches "autism", then the Autism status card is offered, valid and under 28 KB', async () => {
    const result = await query('workstreams', 'autism');
    assert.equal(result.type, 'result');
    assert.deepEqual(
      result.attachments?.map((a) => a.preview?.content.title),
      ['Autism'],
    );
    assertValidCards(result);
    assert.match(JSON.stringify(result.attachments?.[0]?.content), /John Short/);
  });

  it('when the search is empty (initial run), then every workstream is offered; a search that matches nothing says so', async () => {
    const all = await query('workstreams', '');
    assert.equal(all.attachments?.length, 10);
    assertValidCards(all);
    const none = await query('workstreams', 'underwater basket weaving');
    assert.equal(none.type, 'message');
    assert.match(none.text ?? '', /No workstream matches/);
  });

  it('when someone without a role searches concerns, then they are told who can, and see none', async () => {
    const result = await query('concerns', 'Larkspur', 'user-1');
    assert.equal(result.type, 'message');
    assert.match(result.text ?? '', /Only admins, SEND Executive members and officers/);
    assert.equal(result.attachments, undefined);
  });

  it('when an admin searches concerns, then the concern card is offered, valid and under 28 KB', async () => {
    const result = await query('concerns', 'larkspur', 'admin-1');
    assert.equal(result.type, 'result');
    assert.equal(result.attachments?.length, 1);
    assertValidCards(result);
    assert.match(JSON.stringify(result.attachments?.[0]?.content), /Larkspur Academy/);
  });

  it("when a link to the tab's workstream is pasted, then it unfurls into that workstream's card; other links do not", async () => {
    const unfurl = async (url: string) => {
      const res = await postActivity(
        t.bot.url,
        teamsInvoke(t.connector.url, 'composeExtension/queryLink', { url }, { conversationId: 'a:me-links' }),
      );
      assert.equal(res.status, 200, res.body);
      return (res.json as ExtensionResponse).composeExtension;
    };
    const ours = await unfurl('https://send-bot.example.org/tab/progress?workstream=special-schools');
    assert.equal(ours.attachments?.length, 1);
    assert.equal(ours.attachments?.[0]?.preview?.content.title, 'Special Schools');
    assertValidCards(ours);
    assert.deepEqual((await unfurl('https://send-bot.example.org/tab/progress?workstream=nope')).attachments, []);
    assert.deepEqual((await unfurl('https://elsewhere.example/tab/progress/other')).attachments, []);
  });
});
