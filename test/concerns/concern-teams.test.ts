import assert from 'node:assert/strict';
import { markOutboxSent } from '../../src/store/outbox-repo';
import { grantRole } from '../../src/store/roles-repo';
import { runDeadlineAlerts } from '../../src/concerns/deadline-alerts';
import { postActivity, teamsInvoke, teamsMessage, visibleText } from '../support/teams-activity';
import { registry, startConcernHarness, type ConcernHarness } from './concern-harness';
import { createLogger } from '../../src/logger';

describe('concerns in Teams', () => {
  let h: ConcernHarness;
  before(async () => {
    h = await startConcernHarness({ now: () => new Date('2026-03-14T09:00:00Z') });
  });
  after(async () => h.close());

  const say = async (text: string, user: string, conversationId: string, conversationType: 'personal' | 'channel' = 'personal') => {
    const before = h.connector.messages(conversationId).length;
    const res = await postActivity(h.url, teamsMessage(h.connector.url, text, { user, conversationId, conversationType }));
    assert.equal(res.status, 200);
    const all = await h.connector.waitFor(conversationId, (m) => m.length > before);
    return all.slice(before);
  };
  const act = async (verb: string, data: Record<string, unknown>, user: string) => {
    // Teams sends the id of the message the card is in as replyToId; the refreshed card replaces it.
    const invoke = teamsInvoke(
      h.connector.url,
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      { user, conversationId: `a:${user}-chat` },
    );
    const res = await postActivity(h.url, { ...invoke, replyToId: 'card-message-1' });
    assert.equal(res.status, 200);
    return res.json as { statusCode: number; type: string; value: unknown };
  };
  const outbox = async (dedupeLike: string) =>
    h.store.query<{ conversation_id: string; dedupe_key: string }>(
      `SELECT conversation_id, dedupe_key FROM outbox WHERE dedupe_key LIKE $1 ORDER BY id`,
      [dedupeLike],
    );

  it('when an outsider types `raise concern` or `subscribe concerns`, then they are refused and nothing is subscribed', async () => {
    assert.match(visibleText(await say('raise concern', 'outsider-1', 'a:out-1')), /Only admins and people granted/);
    assert.match(visibleText(await say('subscribe concerns', 'outsider-1', 'a:out-1')), /Only an admin/);
    assert.equal((await h.store.query(`SELECT 1 FROM subscriptions`)).length, 0);
  });

  it('when an admin subscribes two conversations and an officer raises a concern from the form, then each gets the alert queued exactly once', async () => {
    await say('subscribe concerns', 'admin-1', '19:exec-channel', 'channel');
    await say('subscribe concerns', 'admin-1', 'a:admin-1-chat');
    assert.match(visibleText(await say('subscribe concerns', 'admin-1', 'a:admin-1-chat')), /already subscribed/);
    await grantRole(h.store, { aadObjectId: 'officer-1', role: 'officer', grantedBy: 'admin-1' });
    const form = await say('raise concern', 'officer-1', 'a:officer-1-chat');
    assert.match(visibleText(form), /Raise a concern/);

    const bad = await act('concern.raise', { kind: 'rayg', schoolName: 'Oakfield Primary', summary: 'Fell' }, 'officer-1');
    assert.match(JSON.stringify(bad.value), /is required when kind is rayg/);
    assert.equal((await h.store.query(`SELECT 1 FROM concerns`)).length, 0);

    const ok = await act(
      'concern.raise',
      { kind: 'rayg', rating: 'red', schoolName: 'Oakfield Primary', schoolUrn: '117123', summary: 'Fell to red after the mock inspection' },
      'officer-1',
    );
    assert.equal(ok.type, 'application/vnd.microsoft.card.adaptive');
    const rows = await outbox('concern:%:raised');
    assert.deepEqual(rows.map((r) => r.conversation_id).sort(), ['19:exec-channel', 'a:admin-1-chat']);
  });

  it('when an outsider presses Acknowledge, then they are refused and the concern is unchanged', async () => {
    const [concern] = await h.service.listOpen();
    assert.ok(concern);
    const res = await act('concern.acknowledge', { concernId: concern.id }, 'outsider-1');
    assert.match(String(res.value), /Only admins and people granted/);
    const after = await h.service.get(concern.id);
    assert.equal(after?.status, 'open');
    assert.equal(after?.events.length, 1);
  });

  it('when someone with no role refreshes a concern card from another conversation, then the card reveals nothing about it', async () => {
    const [concern] = await h.service.listOpen();
    assert.ok(concern);
    const res = await act('concern.refresh', { concernId: concern.id }, 'outsider-1');
    assert.equal(res.type, 'application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(res.value);
    assert.doesNotMatch(text, /Oakfield|mock inspection|117123|Raised by|Red/);
    assert.match(text, /shown only to admins, the SEND Executive and officers/);
    const unknown = await act('concern.refresh', { concernId: '00000000-0000-4000-8000-000000000000' }, 'outsider-1');
    assert.deepEqual(unknown.value, res.value, 'an id that does not exist looks the same');
  });

  it('when a member with no role refreshes the card in a conversation the alert was posted to, then they see its current state', async () => {
    const [concern] = await h.service.listOpen();
    assert.ok(concern);
    const [row] = await h.store.query<{ id: number }>(`SELECT id FROM outbox WHERE conversation_id = '19:exec-channel' AND dedupe_key = $1`, [
      `concern:${concern.id}:raised`,
    ]);
    await markOutboxSent(h.store, Number(row?.id), 'alert-in-exec-channel');
    const invoke = teamsInvoke(
      h.connector.url,
      'adaptiveCard/action',
      { action: { type: 'Action.Execute', verb: 'concern.refresh', data: { concernId: concern.id } }, trigger: 'automatic' },
      { user: 'channel-member-1', conversationId: '19:exec-channel', conversationType: 'channel' },
    );
    const res = await postActivity(h.url, { ...invoke, replyToId: 'alert-in-exec-channel' });
    assert.equal(res.status, 200);
    assert.match(JSON.stringify((res.json as { value: unknown }).value), /Oakfield Primary/);
  });

  it('when an officer acknowledges, assigns and resolves, then each step is an event with who, and the returned card shows the trail', async () => {
    const [concern] = await h.service.listOpen();
    assert.ok(concern);
    await act('concern.acknowledge', { concernId: concern.id }, 'officer-1');
    const again = await act('concern.acknowledge', { concernId: concern.id }, 'admin-1');
    assert.match(String(again.value), /already been acknowledged/);
    await act('concern.assign', { concernId: concern.id }, 'admin-1');
    const noNote = await act('concern.resolve', { concernId: concern.id, note: '  ' }, 'admin-1');
    assert.match(String(noNote.value), /Add a note/);
    const done = await act('concern.resolve', { concernId: concern.id, note: 'Action group set up' }, 'admin-1');
    const card = JSON.stringify(done.value);
    assert.match(card, /Resolved by Test User/);
    assert.match(card, /Action group set up/);
    const after = await h.service.get(concern.id);
    assert.equal(after?.status, 'resolved');
    assert.deepEqual(
      after?.events.map((e) => [e.action, e.actor.id]),
      [
        ['raised', 'officer-1'],
        ['acknowledged', 'officer-1'],
        ['assigned', 'admin-1'],
        ['resolved', 'admin-1'],
      ],
    );
    assert.equal(after?.assignee?.id, 'admin-1');
    // The alert posted in the channel is rewritten through the outbox: one replace job for that message
    // (whichever id it was sent with: the harness's worker may have posted it before the test marked it).
    const [alert] = await h.store.query<{ sent_activity_id: string }>(
      `SELECT sent_activity_id FROM outbox WHERE kind = 'post' AND conversation_id = '19:exec-channel' AND dedupe_key = $1`,
      [`concern:${concern.id}:raised`],
    );
    const rewrites = await h.store.query<{ kind: string; target_activity_id: string; payload: unknown }>(
      `SELECT kind, target_activity_id, payload FROM outbox WHERE kind = 'replace' AND conversation_id = '19:exec-channel'`,
    );
    assert.ok(alert?.sent_activity_id);
    assert.deepEqual(
      rewrites.map((r) => [r.kind, r.target_activity_id]),
      [['replace', alert.sent_activity_id]],
    );
    assert.match(JSON.stringify(rewrites[0]?.payload), /Action group set up/);
  });

  it('when deadline alerts run twice, then each due deadline is queued once per subscribed conversation', async () => {
    const officer = { id: 'officer-1', name: 'Olive Officer' };
    await h.service.raise(
      { kind: 'warning-notice', school: { name: 'Elm Grove' }, summary: 'Notice given', issuedOn: '2026-03-01' },
      officer,
      'teams',
    );
    await h.service.raise({ kind: 'warning-notice', school: { name: 'Far Off' }, summary: 'Notice given', issuedOn: '2026-03-13' }, officer, 'teams');
    await h.service.raise({ kind: 'register', school: { name: 'Ash Lane' }, summary: 'On the register', issuedOn: '2024-08-01' }, officer, 'teams');
    const deps = {
      store: h.store,
      service: h.service,
      announce: h.app.notices.concerns,
      workstreams: () => registry.workstreams,
      logger: createLogger('silent'),
    };
    await runDeadlineAlerts(deps, '2026-03-14');
    await runDeadlineAlerts(deps, '2026-03-14');
    const deadlines = await outbox('concern:%:deadline:%');
    // Elm Grove's period ends 16 March (in 2 days) and Ash Lane left the register's 18 months on 1 Feb 2026; Far Off's ends 28 March.
    assert.equal(deadlines.length, 2 * 2);
    assert.equal(new Set(deadlines.map((r) => `${r.conversation_id}|${r.dedupe_key}`)).size, 4);
    const milestones = await outbox('workstream:%:milestone:%');
    const overdue = registry.workstreams.flatMap((w) => w.milestones.filter((m) => m.due < '2026-03-14')).length;
    assert.equal(milestones.length, overdue * 2);
  });
});
