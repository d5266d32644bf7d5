import assert from 'node:assert/strict';
import { Cron } from 'croner';
import { createLogger } from '../../src/logger';
import { isoWeek, runDigest, scheduleDigest, type DigestDeps } from '../../src/workstreams/weekly-digest';
import { cardWarnings } from './card-check';
import { startWorkstreamHarness, type WorkstreamHarness } from './workstream-harness';

const digestChannel = { user: 'exec-1', conversationId: '19:digest@thread.tacv2', conversationType: 'channel' as const };
const oneWorkstreamChat = { user: 'exec-2', conversationId: 'a:exec-2-chat' };

describe('the weekly workstream digest', () => {
  let h: WorkstreamHarness;
  let deps: (instanceId: string) => DigestDeps;
  before(async () => {
    h = await startWorkstreamHarness();
    deps = (instanceId) => ({
      store: h.store,
      workstreams: h.registry.workstreams,
      timeZone: 'Europe/London',
      logger: createLogger('silent'),
      instanceId,
      announce: h.app.notices.workstreams,
      wakeDelivery: () => h.worker.wake(),
    });
    await h.say('follow all', digestChannel);
    await h.say('follow autism', oneWorkstreamChat);
    await h.act(
      'workstream.update',
      { slug: 'autism', status: 'off-track', summary: 'Funding for the pilot was withdrawn.' },
      { user: 'admin-1', conversationId: 'a:admin-1-chat' },
    );
  });
  after(async () => h.close());

  const digests = (conversationId: string) =>
    h.connector.messages(conversationId).filter((m) => /weekly digest/.test(JSON.stringify(m.attachments ?? [])));

  it('ISO weeks: Monday 8:00 in London names the week it starts', () => {
    assert.equal(isoWeek('2026-03-09'), '2026-W11');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.equal(isoWeek('2024-12-30'), '2025-W01');
  });

  it('goes once per week to conversations following all workstreams, even when triggered twice by two instances', async () => {
    const at = new Date('2026-03-09T08:00:00Z');
    const outcomes = await Promise.all([runDigest(deps('instance-a'), at), runDigest(deps('instance-b'), at)]);
    assert.deepEqual(outcomes.map((o) => o.ran).sort(), [false, true]);
    assert.equal((await runDigest(deps('instance-a'), new Date('2026-03-09T08:00:05Z'))).ran, false);
    await h.connector.waitFor(digestChannel.conversationId, () => digests(digestChannel.conversationId).length > 0);
    await h.worker.drain(5000);
    const sent = digests(digestChannel.conversationId);
    assert.equal(sent.length, 1);
    const card = sent[0]?.attachments?.[0]?.content;
    assert.ok(card);
    assert.deepEqual(cardWarnings(card), []);
    const text = JSON.stringify(card);
    assert.match(text, /Autism/);
    assert.match(text, /Funding for the pilot was withdrawn/);
    assert.match(text, /Overdue \(\d+\)/);
    assert.match(text, /Due next/);
    assert.equal(digests(oneWorkstreamChat.conversationId).length, 0, 'a chat following one workstream gets its updates, not the digest');
    const runs = await h.store.query<{ period_key: string }>("SELECT period_key FROM job_runs WHERE job_name = 'workstreams.weekly-digest'");
    assert.deepEqual(
      runs.map((r) => r.period_key),
      ['2026-W11'],
    );
  });

  it('two schedulers firing at the same moment send it once', async () => {
    await h.store.query("DELETE FROM job_runs WHERE job_name = 'workstreams.weekly-digest'");
    await h.store.query("DELETE FROM outbox WHERE dedupe_key LIKE 'digest:%'");
    const before = digests(digestChannel.conversationId).length;
    // Every second, so both fire within the test; the job-run row lets only one through for this week.
    const jobs: Cron[] = [scheduleDigest(deps('scheduler-1'), '* * * * * *'), scheduleDigest(deps('scheduler-2'), '* * * * * *')];
    try {
      await new Promise((r) => setTimeout(r, 2300));
    } finally {
      for (const job of jobs) job.stop();
    }
    await h.worker.drain(5000);
    assert.equal(digests(digestChannel.conversationId).length, before + 1);
    const runs = await h.store.query<{ started_by: string }>("SELECT started_by FROM job_runs WHERE job_name = 'workstreams.weekly-digest'");
    assert.equal(runs.length, 1);
  });
});
