import assert from 'node:assert/strict';
import { statusHistory } from '../../src/store/workstream-status-repo';
import { startWorkstreamHarness, type WorkstreamHarness } from './workstream-harness';

const channel = { user: 'member-7', conversationId: '19:api-followers@thread.tacv2', conversationType: 'channel' as const };

describe('the workstreams API', () => {
  let h: WorkstreamHarness;
  before(async () => {
    h = await startWorkstreamHarness();
    await h.say('follow exceptional needs funding', channel);
  });
  after(async () => h.close());

  /** The API's answers, as far as these tests read them (each response has some of these). */
  interface ApiJson {
    error: { message: string; details: { fields: Record<string, string> } };
    entry: { status: string; nextMilestone: unknown; source: string };
    workstreams: { slug: string; status: string; overdue: boolean; nextMilestone: { estimatedFromPaper: boolean } }[];
  }

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.url}${path}`, {
      method,
      headers: { authorization: 'Bearer test-key-2', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as ApiJson, headers: res.headers };
  };
  const good = {
    status: 'at-risk',
    summary: 'The independent review report is delayed to April.',
    nextMilestone: { title: 'Review report published', due: '2099-04-30' },
  };

  it('401 without a key or with a wrong one, and nothing is stored', async () => {
    assert.equal((await call('GET', '/api/workstreams', undefined, { authorization: '' })).status, 401);
    assert.equal((await call('POST', '/api/workstreams/autism/updates', good, { authorization: 'Bearer nope' })).status, 401);
    assert.equal((await call('POST', '/api/workstreams/autism/updates', good, { authorization: 'Basic dGVzdC1rZXktMQ==' })).status, 401);
    assert.deepEqual(await statusHistory(h.store, 'autism'), []);
  });

  it('404 for an unknown workstream', async () => {
    const res = await call('POST', '/api/workstreams/no-such-thing/updates', good);
    assert.equal(res.status, 404);
    assert.match(res.json.error.message, /no workstream "no-such-thing"/);
  });

  it('400 names each bad field, and nothing is stored', async () => {
    const res = await call('POST', '/api/workstreams/autism/updates', {
      status: 'green',
      summary: '',
      nextMilestone: { title: 'x', due: '2026-13-01' },
      extra: 1,
    });
    assert.equal(res.status, 400);
    const fields = res.json.error.details.fields;
    assert.deepEqual(Object.keys(fields).sort(), ['extra', 'nextMilestone.due', 'status', 'summary']);
    assert.equal((await call('POST', '/api/workstreams/autism/updates', { ...good, summary: 'y'.repeat(2001) })).status, 400);
    assert.deepEqual(await statusHistory(h.store, 'autism'), []);
  });

  it('201 with the entry; it notifies followers exactly as a Teams update does; GET shows the new status', async () => {
    const res = await call('POST', '/api/workstreams/exceptional-needs-funding/updates', good);
    assert.equal(res.status, 201);
    assert.equal(res.json.entry.status, 'at-risk');
    assert.deepEqual(res.json.entry.nextMilestone, { title: 'Review report published', due: '2099-04-30' });
    assert.equal(res.json.entry.source, 'api');
    await h.connector.waitFor(channel.conversationId, (m) =>
      m.some((x) => /independent review report is delayed/.test(JSON.stringify(x.attachments ?? []))),
    );

    const list = await call('GET', '/api/workstreams');
    assert.equal(list.status, 200);
    assert.equal(list.json.workstreams.length, 10);
    const enf = list.json.workstreams.find((w) => w.slug === 'exceptional-needs-funding');
    assert.ok(enf);
    assert.equal(enf.status, 'at-risk');
    assert.equal(enf.overdue, false);
    const special = list.json.workstreams.find((w) => w.slug === 'special-schools');
    assert.ok(special);
    assert.equal(special.status, 'not-started');
    assert.equal(special.overdue, true, 'its 2016 milestone has passed with no update');
    assert.equal(special.nextMilestone.estimatedFromPaper, true);
  });

  it('Idempotency-Key: the same key and body replay the first response; a different body is 422', async () => {
    const headers = { 'idempotency-key': 'sync-2026-03-10-autism' };
    const body = { status: 'on-track', summary: 'Autism outreach pilot started in two areas.' };
    const first = await call('POST', '/api/workstreams/autism/updates', body, headers);
    assert.equal(first.status, 201);
    // Key order in the JSON does not make it a different request.
    const again = await call('POST', '/api/workstreams/autism/updates', { summary: body.summary, status: body.status }, headers);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const other = await call('POST', '/api/workstreams/autism/updates', { ...body, status: 'at-risk' }, headers);
    assert.equal(other.status, 422);
    assert.equal((await statusHistory(h.store, 'autism')).length, 1);
    // Another key (another system) may use the same key string independently.
    const otherCaller = await call('POST', '/api/workstreams/autism/updates', body, { ...headers, authorization: 'Bearer test-key-1' });
    assert.equal(otherCaller.status, 201);
    assert.equal((await statusHistory(h.store, 'autism')).length, 2);
  });
});
