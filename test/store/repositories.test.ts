import assert from 'node:assert/strict';
import { listAudit } from '../../src/store/audit-repo';
import {
  findPersonalConversation,
  getConversation,
  listConversations,
  markConversationInactive,
  upsertConversation,
  type ConversationUpsert,
} from '../../src/store/conversations-repo';
import { listFeedback, recordFeedback, summariseFeedback } from '../../src/store/feedback-repo';
import { getIdempotentResponse, putIdempotentResponse } from '../../src/store/idempotency-repo';
import { tryStartRun } from '../../src/store/job-runs-repo';
import { grantRole, hasRole, listRoles, revokeRole } from '../../src/store/roles-repo';
import type { Store } from '../../src/store/store-types';
import { listSubscribers, listTopics, subscribe, unsubscribe } from '../../src/store/subscriptions-repo';
import { appendStatus, latestStatuses, statusChangesSince, statusHistory } from '../../src/store/workstream-status-repo';
import { describeEachEngine } from './shared-store';

const conversation = (id: string, extra: Partial<ConversationUpsert> = {}): ConversationUpsert => ({
  conversationId: id,
  conversationType: 'channel',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
  tenantId: 'tenant-1',
  teamId: 'team-1',
  channelId: `${id}-channel`,
  reference: { conversation: { id }, serviceUrl: 'https://smba.trafficmanager.net/uk/', bot: { id: 'bot' } },
  ...extra,
});

const lead = { id: 'aad-lead', name: 'Priya Lead' };

describeEachEngine('store repositories', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await engine.open();
  });

  describe('conversations', () => {
    it('keeps the full reference and refreshes it on a second install, reactivating an inactive one', async () => {
      await upsertConversation(store, conversation('c1'));
      assert.equal(await markConversationInactive(store, 'c1'), true);
      assert.equal((await getConversation(store, 'c1'))?.active, false);

      const again = await upsertConversation(store, conversation('c1', { serviceUrl: 'https://new.example/' }));
      assert.equal(again.active, true);
      assert.equal(again.serviceUrl, 'https://new.example/');
      assert.deepEqual(again.reference.conversation, { id: 'c1' });
      assert.equal(again.teamId, 'team-1');
      assert.equal(await markConversationInactive(store, 'missing'), false);
    });

    it('lists only the ids asked for and finds a person by their personal chat', async () => {
      await upsertConversation(store, conversation('c1'));
      await upsertConversation(store, conversation('c2'));
      await upsertConversation(
        store,
        conversation('p1', { conversationType: 'personal', teamId: undefined, channelId: undefined, userAadObjectId: 'aad-1' }),
      );
      const listed = await listConversations(store, ['c2', 'p1', 'nope']);
      assert.deepEqual(listed.map((c) => c.conversationId).sort(), ['c2', 'p1']);
      assert.equal((await findPersonalConversation(store, 'aad-1'))?.conversationId, 'p1');
      assert.equal((await listConversations(store, [])).length, 0);
    });
  });

  describe('subscriptions', () => {
    it('reaches each follower once across topics, and not after they unsubscribe or the bot is removed', async () => {
      for (const id of ['c1', 'c2', 'c3']) await upsertConversation(store, conversation(id));
      assert.equal(await subscribe(store, 'c1', 'workstream:ehcp-timeliness', 'aad-1'), true);
      assert.equal(await subscribe(store, 'c1', 'workstream:ehcp-timeliness', 'aad-1'), false, 'already following');
      await subscribe(store, 'c1', 'workstreams:all');
      await subscribe(store, 'c2', 'workstreams:all');
      await subscribe(store, 'c3', 'concerns');

      const topics = ['workstream:ehcp-timeliness', 'workstreams:all'];
      assert.deepEqual(await listSubscribers(store, topics), ['c1', 'c2']);
      assert.deepEqual(
        (await listTopics(store, 'c1')).map((s) => s.topic),
        ['workstream:ehcp-timeliness', 'workstreams:all'],
      );

      assert.equal(await unsubscribe(store, 'c2', 'workstreams:all'), true);
      await markConversationInactive(store, 'c1');
      assert.deepEqual(await listSubscribers(store, topics), []);
      assert.equal(await subscribe(store, 'c2', 'workstreams:all'), true, 're-subscribing reactivates');
      assert.deepEqual(await listSubscribers(store, 'workstreams:all'), ['c2']);
    });
  });

  describe('roles', () => {
    it('audits each grant and revoke, and a scoped lead only leads their workstream', async () => {
      assert.equal(await grantRole(store, { aadObjectId: 'u1', role: 'lead', scope: 'ws-a', grantedBy: 'admin-1' }), true);
      assert.equal(await grantRole(store, { aadObjectId: 'u1', role: 'lead', scope: 'ws-a', grantedBy: 'admin-1' }), false);
      await grantRole(store, { aadObjectId: 'u2', role: 'admin', grantedBy: 'bootstrap' });

      assert.equal(await hasRole(store, 'u1', 'lead', 'ws-a'), true);
      assert.equal(await hasRole(store, 'u1', 'lead', 'ws-b'), false);
      assert.equal(await hasRole(store, 'u1', 'admin'), false);
      assert.deepEqual(
        (await listRoles(store, 'u1')).map((r) => [r.role, r.scope, r.grantedBy]),
        [['lead', 'ws-a', 'admin-1']],
      );

      assert.equal(await revokeRole(store, { aadObjectId: 'u1', role: 'lead', scope: 'ws-a', revokedBy: 'admin-2' }), true);
      assert.equal(await hasRole(store, 'u1', 'lead', 'ws-a'), false);

      const audit = await listAudit(store, { action: 'role.' });
      assert.deepEqual(
        audit.map((a) => [a.actor, a.action, a.target]),
        [
          ['admin-2', 'role.revoke', 'u1:lead:ws-a'],
          ['bootstrap', 'role.grant', 'u2:admin'],
          ['admin-1', 'role.grant', 'u1:lead:ws-a'],
        ],
      );
    });

    it('leaves neither role nor audit row when the transaction around them fails', async () => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await grantRole(tx, { aadObjectId: 'u9', role: 'officer', grantedBy: 'admin-1' });
          throw new Error('later step failed');
        }),
        /later step failed/,
      );
      assert.equal(await hasRole(store, 'u9', 'officer'), false);
      assert.equal((await listAudit(store)).length, 0);
    });
  });

  describe('idempotency keys', () => {
    it('keeps the first response for a key and refuses to overwrite it', async () => {
      const first = { scope: 'status-api', key: 'k1', requestHash: 'h1', responseStatus: 201, responseBody: { id: 7 } };
      assert.equal(await putIdempotentResponse(store, first), true);
      assert.equal(await putIdempotentResponse(store, { ...first, requestHash: 'h2', responseBody: { id: 8 } }), false);
      const stored = await getIdempotentResponse(store, 'status-api', 'k1');
      assert.deepEqual([stored?.requestHash, stored?.responseStatus, stored?.responseBody], ['h1', 201, { id: 7 }]);
      assert.equal(await getIdempotentResponse(store, 'concerns-api', 'k1'), undefined, 'keys are per scope');
    });
  });

  describe('feedback', () => {
    it('records reactions with the question and summarises them', async () => {
      await recordFeedback(store, {
        conversationId: 'c1',
        activityId: 'a1',
        userId: 'u1',
        reaction: 'like',
        question: 'What is an EHCP?',
        answerExcerpt: 'An EHCP is…',
      });
      await recordFeedback(store, { conversationId: 'c1', activityId: 'a2', userId: 'u2', reaction: 'dislike', text: 'out of date' });
      const listed = await listFeedback(store);
      assert.deepEqual(
        listed.map((f) => f.reaction),
        ['dislike', 'like'],
      );
      assert.equal(listed[1]?.question, 'What is an EHCP?');
      assert.deepEqual(await summariseFeedback(store), { likes: 1, dislikes: 1, withText: 1 });
      assert.deepEqual(await summariseFeedback(store, new Date(Date.now() + 60_000)), { likes: 0, dislikes: 0, withText: 0 });
    });
  });

  describe('workstream status', () => {
    it('keeps every update, reports the latest per workstream and what changed since a date', async () => {
      const base = { summary: '', authorId: lead.id, authorName: lead.name, source: 'teams' as const };
      const first = await appendStatus(store, { ...base, slug: 'ws-a', status: 'on-track', summary: 'kick-off done' });
      // "Since" on the database's clock, just after the first entry: the test's own clock (new Date()) can run a
      // millisecond behind it under load, which put the first entry among the changes.
      const before = new Date(first.createdAt.getTime() + 1);
      await new Promise((r) => setTimeout(r, 5));
      await appendStatus(store, { ...base, slug: 'ws-a', status: 'at-risk', nextMilestoneTitle: 'Consultation', nextMilestoneDue: '2025-03-31' });
      await appendStatus(store, { ...base, slug: 'ws-b', status: 'complete', source: 'api' });

      const latest = await latestStatuses(store);
      assert.deepEqual(
        latest.map((s) => [s.slug, s.status]),
        [
          ['ws-a', 'at-risk'],
          ['ws-b', 'complete'],
        ],
      );
      assert.equal(latest[0]?.nextMilestoneDue, '2025-03-31');
      assert.deepEqual(
        (await latestStatuses(store, ['ws-b'])).map((s) => s.slug),
        ['ws-b'],
      );
      assert.deepEqual(
        (await statusHistory(store, 'ws-a')).map((s) => s.status),
        ['at-risk', 'on-track'],
      );
      assert.deepEqual(
        (await statusChangesSince(store, before)).map((s) => `${s.slug}:${s.status}`),
        ['ws-a:at-risk', 'ws-b:complete'],
      );
    });
  });

  describe('job runs', () => {
    it('lets only the first of many simultaneous callers run a job for a period', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => tryStartRun(store, 'weekly-digest', '2025-W14', `i${i}`)));
      assert.equal(results.filter(Boolean).length, 1);
      assert.equal(await tryStartRun(store, 'weekly-digest', '2025-W15'), true, 'the next period runs again');
    });
  });
});
