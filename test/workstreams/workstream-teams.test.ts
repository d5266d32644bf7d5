import assert from 'node:assert/strict';
import { listAudit } from '../../src/store/audit-repo';
import { listRoles } from '../../src/store/roles-repo';
import { statusHistory } from '../../src/store/workstream-status-repo';
import { visibleText } from '../support/teams-activity';
import { cardBytes, cardWarnings, maxCardBytes } from './card-check';
import { lastCard, mentionOf, startWorkstreamHarness, type WorkstreamHarness } from './workstream-harness';

const chat = (user: string) => ({ user, conversationId: `a:${user}-chat` });
const channel = {
  user: 'member-9',
  conversationId: '19:send-exec@thread.tacv2',
  conversationType: 'channel' as const,
  channelData: { team: { id: '19:team' }, channel: { id: '19:send-exec@thread.tacv2' } },
};

describe('workstreams in Teams', () => {
  let h: WorkstreamHarness;
  before(async () => {
    h = await startWorkstreamHarness();
  });
  after(async () => h.close());

  it('`status` posts the dashboard: all ten workstreams, overdue ones marked, a valid card under 28 KB', async () => {
    await h.say('status', chat('viewer-1'));
    const card = lastCard(h.connector, 'a:viewer-1-chat')!;
    assert.deepEqual(cardWarnings(card), []);
    assert.ok(cardBytes(card) < maxCardBytes, `${cardBytes(card)} bytes`);
    const text = JSON.stringify(card);
    for (const ws of h.registry.workstreams) assert.ok(text.includes(ws.name.replace(/"/g, '\\"')), ws.name);
    assert.match(text, /OVERDUE — /);
    assert.match(text, /10 workstreams: 10 not started/);
  });

  it('`status autism` and `status of SLCN` post the workstream card; anything else, "show me the autism workstream" included, is a question', async () => {
    await h.say('status autism', chat('viewer-2'));
    await h.say('status of autism', chat('viewer-2'));
    const [a, b] = h.connector.messages('a:viewer-2-chat').map((m) => m.attachments?.[0]?.content);
    for (const card of [a, b]) {
      assert.ok(card);
      assert.deepEqual(cardWarnings(card), []);
      assert.ok(cardBytes(card) < maxCardBytes);
      assert.match(JSON.stringify(card), /John Short/);
    }
    await h.say('Who leads the autism workstream?', chat('viewer-2'));
    await h.say('show me the autism workstream', chat('viewer-2'));
    assert.deepEqual(h.answered, ['Who leads the autism workstream?', 'show me the autism workstream']);
  });

  it('`status` with an unknown name says so; "what\'s overdue?", "what changed since 1 March?" and "my workstreams" answer with cards', async () => {
    const answeredBefore = h.answered.length;
    await h.say('status weather', chat('viewer-3'));
    assert.match(visibleText(h.connector.messages('a:viewer-3-chat')), /I don't know a workstream called "weather"/);
    await h.say("what's overdue?", chat('viewer-3'));
    await h.say('what changed since 1 March?', chat('viewer-3'));
    await h.say('my workstreams', chat('viewer-3'));
    const cards = h.connector
      .messages('a:viewer-3-chat')
      .slice(1)
      .map((m) => m.attachments?.[0]?.content as object);
    assert.equal(cards.length, 3);
    for (const c of cards) assert.deepEqual(cardWarnings(c), []);
    assert.match(JSON.stringify(cards[0]), /What's overdue/);
    assert.match(JSON.stringify(cards[1]), /What changed since 1 March/);
    assert.match(JSON.stringify(cards[2]), /My workstreams/);
    assert.equal(h.answered.length, answeredBefore, 'commands, not questions');
  });

  it('only an admin can grant roles; a grant and a revoke are each audited', async () => {
    await h.say('grant lead autism <at>Lead One</at>', { ...chat('intruder-1'), entities: [mentionOf('lead-1', 'Lead One')] });
    assert.match(visibleText(h.connector.messages('a:intruder-1-chat')), /Only the bot's admins/);
    assert.deepEqual(await listRoles(h.store, 'lead-1'), []);

    await h.say('grant lead autism <at>Lead One</at>', { ...chat('admin-1'), entities: [mentionOf('lead-1', 'Lead One')] });
    await h.say('grant officer <at>Temp Person</at>', { ...chat('admin-1'), entities: [mentionOf('temp-1', 'Temp Person')] });
    await h.say('revoke officer <at>Temp Person</at>', { ...chat('admin-1'), entities: [mentionOf('temp-1', 'Temp Person')] });
    const replies = visibleText(h.connector.messages('a:admin-1-chat'));
    assert.match(replies, /Lead One is now a lead of Autism/);
    assert.match(replies, /Temp Person is no longer an officer/);
    // The mention had no aadObjectId: the bot asked Teams for the member and stored the AAD object id.
    assert.deepEqual(
      (await listRoles(h.store, 'lead-1')).map((g) => [g.role, g.scope, g.grantedBy]),
      [['lead', 'autism', 'admin-1']],
    );
    assert.deepEqual(await listRoles(h.store, 'temp-1'), []);
    const audit = await listAudit(h.store, { action: 'role.' });
    assert.deepEqual(audit.map((a) => [a.action, a.target, a.actor]).reverse(), [
      ['role.grant', 'lead-1:lead:autism', 'admin-1'],
      ['role.grant', 'temp-1:officer', 'admin-1'],
      ['role.revoke', 'temp-1:officer', 'admin-1'],
    ]);
  });

  it('follow and unfollow a workstream from a channel', async () => {
    await h.say('follow autism', channel);
    await h.say('follow autism', channel);
    await h.say('following', channel);
    const texts = h.connector.messages(channel.conversationId).map((m) => m.text);
    assert.match(texts[0]!, /Following Autism/);
    assert.match(texts[1]!, /already follows Autism/);
    assert.match(texts[2]!, /follows: Autism/);
    const rows = await h.store.query<{ topic: string }>('SELECT topic FROM subscriptions WHERE conversation_id = $1 AND active', [
      channel.conversationId,
    ]);
    assert.deepEqual(
      rows.map((r) => r.topic),
      ['workstream:autism'],
    );
    await h.say('unfollow autism', { ...channel, conversationId: '19:other@thread.tacv2' });
    assert.match(visibleText(h.connector.messages('19:other@thread.tacv2')), /wasn't following Autism/);
  });

  it("a lead's update is stored, refreshes the card in place, and reaches the following channel", async () => {
    await h.say('status autism', chat('lead-1'));
    const posted = h.connector.messages('a:lead-1-chat').at(-1)!;
    const form = await h.act('workstream.edit', { slug: 'autism' }, { ...chat('lead-1'), replyToId: posted.id });
    assert.equal(form.status, 200);
    assert.match(JSON.stringify(form.json.value), /Save update/);

    const submitted = await h.act(
      'workstream.update',
      {
        slug: 'autism',
        status: 'at-risk',
        summary: 'Recruitment to the outreach team is behind plan.',
        milestoneTitle: 'Outreach team in post',
        milestoneDue: '2099-09-01',
      },
      { ...chat('lead-1'), replyToId: posted.id },
    );
    assert.equal(submitted.json.type, 'application/vnd.microsoft.card.adaptive');
    const card = submitted.json.value as Record<string, unknown>;
    assert.deepEqual(cardWarnings(card), []);
    assert.match(JSON.stringify(card), /At risk/);
    assert.ok(card.refresh, 'the refreshed card keeps its refresh block');

    const history = await statusHistory(h.store, 'autism');
    assert.equal(history.length, 1);
    assert.equal(history[0]?.status, 'at-risk');
    assert.equal(history[0]?.nextMilestoneDue, '2099-09-01');
    assert.equal(history[0]?.authorId, 'lead-1');

    const updated = h.connector.activities('a:lead-1-chat').find((a) => a.id === posted.id)!;
    assert.equal(updated.updated, true);
    assert.match(JSON.stringify(updated.attachments), /At risk/);

    const [notice] = await h.connector.waitFor(channel.conversationId, (m) =>
      m.some((x) => /Recruitment to the outreach team/.test(JSON.stringify(x.attachments ?? []))),
    );
    assert.ok(notice);
    const delivered = h.connector
      .messages(channel.conversationId)
      .filter((x) => /Recruitment to the outreach team/.test(JSON.stringify(x.attachments ?? [])));
    assert.equal(delivered.length, 1);
    const deliveredCard = delivered[0]?.attachments?.[0]?.content;
    assert.ok(deliveredCard);
    assert.deepEqual(cardWarnings(deliveredCard), []);

    // A second update keeps the first in the history.
    await h.act('workstream.update', { slug: 'autism', status: 'on-track', summary: 'Two outreach posts filled.' }, chat('lead-1'));
    assert.deepEqual(
      (await statusHistory(h.store, 'autism')).map((e) => e.status),
      ['on-track', 'at-risk'],
    );
  });

  it('unfollow stops a workstream in that conversation only', async () => {
    const other = { ...channel, conversationId: '19:temp@thread.tacv2' };
    await h.say('follow autism', other);
    await h.say('unfollow the autism workstream', other);
    assert.match(h.connector.messages(other.conversationId).at(-1)!.text!, /Stopped following Autism here/);
    const rows = await h.store.query<{ conversation_id: string }>(
      "SELECT conversation_id FROM subscriptions WHERE topic = 'workstream:autism' AND active ORDER BY 1",
    );
    assert.deepEqual(
      rows.map((r) => r.conversation_id),
      [channel.conversationId],
    );
  });

  it("an outsider's update is refused and nothing is stored or sent", async () => {
    const before = (await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox'))[0]?.n;
    const edit = await h.act('workstream.edit', { slug: 'special-schools' }, chat('outsider-1'));
    assert.match(String(edit.json.value), /Only the leads of Special Schools/);
    const res = await h.act('workstream.update', { slug: 'special-schools', status: 'complete', summary: 'Done!' }, chat('outsider-1'));
    assert.equal(res.json.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(res.json.value), /Nothing was changed/);
    assert.deepEqual(await statusHistory(h.store, 'special-schools'), []);
    assert.equal((await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox'))[0]?.n, before);
    await h.say('update special schools', chat('outsider-1'));
    assert.match(visibleText(h.connector.messages('a:outsider-1-chat')), /Only the leads of Special Schools/);
  });

  it('invalid input brings the form back with the errors, and nothing is stored', async () => {
    const res = await h.act('workstream.update', { slug: 'autism', status: '', summary: '   ', milestoneDue: '2026-02-30' }, chat('admin-1'));
    const text = JSON.stringify(res.json.value);
    assert.deepEqual(cardWarnings(res.json.value as object), []);
    assert.match(text, /Choose a status\./);
    assert.match(text, /Write a summary of the current position\./);
    assert.match(text, /Give the milestone a title, or clear its date\./);
    assert.match(text, /That is not a real date\./);
    const long = await h.act('workstream.update', { slug: 'autism', status: 'on-track', summary: 'x'.repeat(2001) }, chat('admin-1'));
    assert.match(JSON.stringify(long.json.value), /too long: 2,001 characters/);
    assert.equal((await statusHistory(h.store, 'autism')).length, 2);
  });
});
