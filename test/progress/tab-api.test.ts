import assert from 'node:assert/strict';
import { OTHER_TENANT } from '../support/entra-fake';
import { startProgressHarness, type ProgressHarness } from './progress-harness';

describe('the Progress tab API with tab sign-on (GET /api/tab/progress, POST /api/tab/paper)', () => {
  let h: ProgressHarness;
  before(async () => {
    h = await startProgressHarness();
    await h.update('autism', {
      status: 'at-risk',
      summary: 'Outreach waiting list has doubled since September.',
      nextMilestone: { title: 'Bid for two advisory teachers', due: '2099-01-15' },
    });
    await h.update('special-schools', { status: 'on-track', summary: 'Capital plan agreed for two new satellite classes.' });
    await h.update('special-schools', { status: 'complete', summary: 'Both satellite classes open.' });
    await h.concern({
      kind: 'rayg',
      rating: 'red',
      school: { name: 'Oakfield Primary', urn: '117123' },
      summary: 'Rated red after the autumn visit.',
    });
    await h.concern({ kind: 'warning-notice', school: { name: 'Beech Hill School' }, summary: 'Warning notice issued.', issuedOn: '2026-03-02' });
  });
  after(() => h.close());

  it('when there is no token, then 401 in the JSON error shape and nothing about the workstreams', async () => {
    const res = await h.call('/api/tab/progress');
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'Unauthorized');
    assert.equal(res.json.snapshot, undefined);
  });

  it('when the token is expired, forged, for another app or another tenant, then it is refused', async () => {
    const expired = await h.entra!.token({}, { expiresIn: Math.floor(Date.now() / 1000) - 600 });
    const forged = await h.entra!.token({}, { forge: true });
    const otherApp = await h.entra!.token({}, { audience: 'api://other.example/app' });
    const otherTenant = await h.entra!.token({ tid: OTHER_TENANT });
    for (const [token, status] of [
      [expired, 401],
      [forged, 401],
      [otherApp, 401],
      [otherTenant, 403],
    ] as const) {
      assert.equal((await h.call('/api/tab/progress', { token })).status, status);
    }
  });

  it("when someone with no role signs in, then they see every workstream, the charts' counts and the timelines, but no concerns and no paper links", async () => {
    const res = await h.call('/api/tab/progress', { who: 'nobody' });
    assert.equal(res.status, 200);
    const { viewer, snapshot, paperLinks } = res.json;
    assert.deepEqual([viewer.mode, viewer.canSeeConcerns, viewer.canMakePaper], ['signed-in', false, false]);
    assert.equal(snapshot.workstreams.length, 10);
    assert.equal(snapshot.concerns, undefined, 'concerns are left out on the server, not hidden on the page');
    assert.deepEqual(paperLinks, {});
    const count = (status: string) => snapshot.counts.find((c: { status: string }) => c.status === status).count;
    assert.deepEqual([count('at-risk'), count('complete'), count('not-started')], [1, 1, 8]);
    const autism = snapshot.workstreams.find((w: { slug: string }) => w.slug === 'autism');
    assert.equal(autism.statusLabel, 'At risk');
    const kinds = autism.timeline.map((t: { kind: string }) => t.kind);
    assert.ok(kinds.includes('paper') && kinds.includes('update') && kinds.includes('milestone'), kinds.join());
    assert.deepEqual(
      autism.timeline.map((t: { date: string }) => t.date),
      [...autism.timeline.map((t: { date: string }) => t.date)].sort(),
      'in date order',
    );
    // Nobody has reported on these since the 2016 paper, whose milestones they still carry; special schools is complete.
    assert.deepEqual(snapshot.overdue.map((o: { slug: string }) => o.slug).sort(), [
      'dspl-area-groups',
      'exceptional-needs-funding',
      'quality-send-offer',
      'sensory-and-physical-needs',
      'specific-learning-difficulties',
      'speech-language-and-communication-needs',
    ]);
    assert.ok(snapshot.overdue.every((o: { estimated: boolean }) => o.estimated));
  });

  it('"what changed since" runs from the date asked, and the then-and-now counts differ by what changed', async () => {
    const res = await h.call(`/api/tab/progress?since=${new Date().toISOString().slice(0, 10)}`, { who: 'nobody' });
    const { snapshot } = res.json;
    assert.equal(snapshot.sinceBasis, 'chosen');
    const special = snapshot.changes.find((c: { slug: string }) => c.slug === 'special-schools');
    assert.deepEqual([special.fromLabel, special.toLabel, special.updates.length], ['Not started', 'Complete', 2]);
    assert.equal(snapshot.countsThen.find((c: { status: string }) => c.status === 'not-started').count, 10);
    assert.equal((await h.call('/api/tab/progress?since=yesterday', { who: 'nobody' })).status, 400);
  });

  it('when an officer signs in, then open concerns are counted by kind and rating', async () => {
    const { json } = await h.call('/api/tab/progress', { who: 'officer' });
    assert.equal(json.viewer.role, 'officer');
    assert.equal(json.snapshot.concerns.total, 2);
    assert.deepEqual(json.snapshot.concerns.byRating, [{ rating: 'red', label: 'Red', count: 1 }]);
    assert.deepEqual(json.snapshot.concerns.byKind.map((k: { kind: string }) => k.kind).sort(), ['rayg', 'warning-notice']);
    assert.equal(json.viewer.canMakePaper, false);
  });

  it('when a lead or an officer asks for the paper, then 403 and no paper is made', async () => {
    for (const who of ['lead', 'officer'] as const) assert.equal((await h.call('/api/tab/paper', { who, method: 'POST' })).status, 403);
    const { json } = await h.call('/api/tab/progress', { who: 'executive' });
    assert.deepEqual(json.snapshot.papers, []);
  });

  it('when an Executive member makes the paper, then it downloads as Word through a signed link, and a changed or expired link gets a clear 4xx', async () => {
    const made = await h.call('/api/tab/paper', { who: 'executive', method: 'POST' });
    assert.equal(made.status, 201);
    assert.match(made.json.title, /^Progress on SEND Strategy and Workstreams – \d+ \w+ \d{4}$/);
    const file = await fetch(`${h.bot.url}${made.json.url}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(file.headers.get('content-disposition') ?? '', /attachment; filename="send-progress-paper-.*\.docx"/);
    const bytes = Buffer.from(await file.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a Word file is a zip');

    const url = new URL(made.json.url, h.bot.url);
    const tampered = new URL(url);
    tampered.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    const res = await fetch(tampered);
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /not valid/);
    const otherPaper = new URL(url);
    otherPaper.pathname = otherPaper.pathname.replace(/\/papers\/\d+\//, '/papers/999/');
    assert.equal((await fetch(otherPaper)).status, 403);

    // The tab lists it, with a fresh link for those who may have it and none for others.
    const listed = await h.call('/api/tab/progress', { who: 'executive' });
    assert.equal(listed.json.snapshot.papers[0].id, made.json.id);
    assert.ok(listed.json.paperLinks[String(made.json.id)].url.startsWith(`/papers/${made.json.id}/download?`));
    assert.deepEqual((await h.call('/api/tab/progress', { who: 'nobody' })).json.paperLinks, {});
    assert.equal(listed.json.snapshot.sinceBasis, 'last-paper');
  });

  it('serves the tab page and its bundle from this server, framable by Teams only', async () => {
    const page = await fetch(`${h.bot.url}/tab/progress`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    assert.match(csp, /default-src 'self'/);
    assert.match(await page.text(), /<script src="\/tab\/assets\/progress-tab\.js" defer><\/script>/);
    const script = await fetch(`${h.bot.url}/tab/assets/progress-tab.js`);
    assert.equal(script.status, 200);
    assert.ok((await script.text()).length > 50_000, 'Teams JS and Chart.js are bundled in');
    assert.equal((await fetch(`${h.bot.url}/tab/assets/..%2Fsrc%2Findex.js`)).status, 404);
    assert.equal((await fetch(`${h.bot.url}/tab/configure`)).status, 200);
  });
});

describe('the Progress tab API in anonymous local mode', () => {
  let h: ProgressHarness;
  before(async () => {
    h = await startProgressHarness({ anonymous: true });
  });
  after(() => h.close());

  it('answers on loopback without sign-in, says it is anonymous local mode, and shows everything', async () => {
    const { status, json } = await h.call('/api/tab/progress');
    assert.equal(status, 200);
    assert.equal(json.viewer.mode, 'anonymous-local');
    assert.ok(json.snapshot.concerns, 'nobody signs in locally, so nothing is hidden');
  });

  it('refuses a request that names another host (DNS rebinding), and a paper request that is not JSON (a cross-site form)', async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, method = 'GET', route = '/api/tab/progress') =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${h.bot.url}${route}`, { method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? 'x=1' : undefined);
      });
    assert.equal(await status({ host: 'attacker.example:3978' }), 403);
    assert.equal(await status({ host: `localhost:${h.bot.port}` }), 200);
    assert.equal(await status({ 'content-type': 'application/x-www-form-urlencoded' }, 'POST', '/api/tab/paper'), 415);
  });
});
