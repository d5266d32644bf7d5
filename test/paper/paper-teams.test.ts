import assert from 'node:assert/strict';
import { formatDate } from '../../src/workstreams/status-model';
import { cardBytes, cardWarnings, maxCardBytes } from '../workstreams/card-check';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsInvoke, teamsMessage, visibleText } from '../support/teams-activity';

type Citation = { position: number; appearance: { name: string; abstract: string } };

describe('the meeting paper in Teams: made in chat, downloaded, then answered from', function () {
  this.timeout(120_000);
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  const say = async (text: string, conversationId: string, user = 'user-1') => {
    const before = t.connector.messages(conversationId).length;
    assert.equal((await postActivity(t.bot.url, teamsMessage(t.connector.url, text, { conversationId, user }))).status, 200);
    return (await t.connector.waitFor(conversationId, (m) => m.length > before, 30_000)).slice(before);
  };

  it('when someone without the Executive role types "paper", then they are told who can, and no paper is made', async () => {
    const replies = await say('paper', 'a:paper-refused');
    assert.match(visibleText(replies), /Only admins and SEND Executive members can make the meeting paper/);
    assert.equal(
      replies.some((r) => r.attachments?.length),
      false,
    );
  });

  it('when an admin types "paper", then a card links to the Word file, and "what did the <month> paper say about autism?" is answered citing it', async () => {
    const [reply] = await say('paper', 'a:paper-made', 'admin-1');
    const card = reply?.attachments?.[0]?.content as Record<string, unknown>;
    assert.ok(card, JSON.stringify(reply));
    assert.deepEqual(cardWarnings(card), []);
    assert.ok(cardBytes(card) < maxCardBytes);
    const title = (card.body as { text: string }[])[0]?.text ?? '';
    assert.match(title, /^Progress on SEND Strategy and Workstreams – /);
    const url = (card.actions as { url: string }[])[0]?.url ?? '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/papers\/\d+\/download\?exp=\d+&sig=/);
    const file = await fetch(url);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const month = formatDate(new Date().toISOString().slice(0, 10)).split(' ')[1];
    const [answer] = await say(`What did the ${month} paper say about autism?`, 'a:paper-question');
    const citations = ((answer?.entities ?? []) as { citation?: Citation[] }[]).flatMap((e) => e.citation ?? []);
    assert.ok(
      citations.some((c) => c.appearance.name.startsWith(title)),
      `cited: ${citations.map((c) => c.appearance.name).join(' | ')}\n${answer?.text}`,
    );
    // Where the workstream stood, from the paper's "Summary of Current Position" column, not some other line.
    assert.match(answer?.text ?? '', /Where the Autism workstream stood on \d+ \w+ \d{4}/);
    assert.ok(
      citations.some((c) => /Autism › Summary of Current Position/.test(c.appearance.name)),
      citations.map((c) => c.appearance.name).join(' | '),
    );
  });

  it('the dashboard card offers the paper, and its button makes it for an admin and refuses others', async () => {
    const [dashboard] = await say('status', 'a:paper-dashboard');
    const actions = (dashboard?.attachments?.[0]?.content as { actions?: { verb?: string; title: string }[] }).actions ?? [];
    assert.ok(
      actions.some((a) => a.verb === 'paper.make'),
      JSON.stringify(actions),
    );
    const click = async (user: string) => {
      const invoke = teamsInvoke(
        t.connector.url,
        'adaptiveCard/action',
        { action: { type: 'Action.Execute', verb: 'paper.make', data: {} }, trigger: 'manual' },
        { conversationId: 'a:paper-dashboard', user },
      );
      const res = await postActivity(t.bot.url, invoke);
      return res.json as { statusCode: number; value: unknown };
    };
    const refused = await click('user-2');
    assert.match(String(refused.value), /Only admins and SEND Executive members/);
    const before = t.connector.messages('a:paper-dashboard').length;
    const made = await click('admin-1');
    assert.match(String(made.value), /ready/);
    const posted = await t.connector.waitFor('a:paper-dashboard', (m) => m.length > before);
    assert.match(JSON.stringify(posted.at(-1)?.attachments), /Download the paper/);
  });

  it('when a question is not answered, the hint counts the papers made as one entry instead of listing each', async () => {
    const [reply] = await say("What's the best restaurant in St Albans?", 'a:paper-decline');
    assert.match(
      reply?.text ?? '',
      /I can answer questions about .*Progress on SEND Strategy and Workstreams \(HLN Item 9\); \d+ meeting papers made since \(the latest: Progress on SEND Strategy and Workstreams – \d+ \w+ \d{4}\)\./,
    );
  });
});
