import assert from 'node:assert/strict';
import { startConcernHarness, type ConcernHarness } from './concern-harness';

describe('POST /api/concerns and GET /api/concerns/:id', () => {
  let h: ConcernHarness;
  before(async () => {
    h = await startConcernHarness();
  });
  after(async () => h.close());

  /** The API's answers, as far as these tests read them. */
  interface ConcernJson {
    id?: string;
    status?: string;
    deadlines?: { key: string; label: string; date: string }[];
    school?: { name: string };
    events?: { action: string }[];
    error?: { code: string; message: string; details?: { fields?: { field: string }[] } };
  }

  const post = async (body: unknown, headers: Record<string, string> = {}, raw = false) => {
    const res = await fetch(`${h.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1', ...headers },
      body: raw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as ConcernJson) : undefined, headers: res.headers };
  };
  const fields = (json: ConcernJson | undefined): string[] => (json?.error?.details?.fields ?? []).map((f) => f.field);
  const count = async () => Number((await h.store.query<{ n: number }>('SELECT count(*)::int AS n FROM concerns'))[0]?.n);
  const valid = {
    kind: 'warning-notice',
    school: { name: 'Oakfield Primary', urn: '117123', phase: 'primary' },
    summary: 'Governance breakdown',
    issuedOn: '2026-03-02',
  };

  it('when there is no Authorization header, then 401 and nothing is stored', async () => {
    const before = await count();
    const res = await post(valid, { authorization: '' });
    assert.equal(res.status, 401);
    assert.equal(res.json?.error?.code, 'Unauthorized');
    assert.equal(await count(), before);
  });

  it('when the key is wrong, then 401', async () => {
    const res = await post(valid, { authorization: 'Bearer not-a-key' });
    assert.equal(res.status, 401);
  });

  it('when the body is malformed JSON, then 400', async () => {
    const res = await post('{"kind": "rayg",', {}, true);
    assert.equal(res.status, 400);
    assert.match(res.json?.error?.message ?? '', /not valid JSON/);
  });

  it('when the body is JSON but not an object, then 400 names the body', async () => {
    for (const body of [[1, 2], 'warning', 42, null]) {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(fields(res.json), ['(body)']);
    }
  });

  it('when kind and summary are missing, then 400 names both fields', async () => {
    const res = await post({ school: { name: 'Oakfield Primary' } });
    assert.equal(res.status, 400);
    assert.ok(fields(res.json).includes('kind'));
    assert.ok(fields(res.json).includes('summary'));
  });

  it('when neither a school nor a workstream is named, then 400 says to name one', async () => {
    const res = await post({ kind: 'other', summary: 'Something' });
    assert.equal(res.status, 400);
    assert.deepEqual(fields(res.json), ['school']);
    assert.match(JSON.stringify(res.json), /name a school .* or a workstream/);
  });

  it('when kind is rayg without a rating, then 400 on rating', async () => {
    const res = await post({ kind: 'rayg', school: { name: 'Oakfield Primary' }, summary: 'Dropped' });
    assert.equal(res.status, 400);
    assert.deepEqual(fields(res.json), ['rating']);
  });

  it('when dates are not real YYYY-MM-DD dates, then 400 names each', async () => {
    const res = await post({ ...valid, issuedOn: '2026-02-30', dueOn: 'next Friday' });
    assert.equal(res.status, 400);
    assert.deepEqual(fields(res.json).sort(), ['dueOn', 'issuedOn']);
  });

  it('when the workstream slug is unknown, then 400 on workstream', async () => {
    const res = await post({ kind: 'workstream-risk', workstream: 'underwater-basket-weaving', summary: 'Late' });
    assert.equal(res.status, 400);
    assert.deepEqual(fields(res.json), ['workstream']);
  });

  it('when the body is over 64 KB (but under the server-wide 256 KB), then 413 and nothing is stored', async () => {
    const before = await count();
    const res = await post({ ...valid, summary: 'x'.repeat(70 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(await count(), before);
  });

  it('when a valid warning notice is posted, then 201 with the compliance period ending 15 days after it was given', async () => {
    const res = await post(valid);
    assert.equal(res.status, 201);
    assert.equal(res.json?.status, 'open');
    assert.deepEqual(res.json?.deadlines, [{ key: 'compliance-period-end', label: 'Compliance period ends', date: '2026-03-17' }]);
    const got = await fetch(`${h.url}/api/concerns/${res.json?.id}`, { headers: { authorization: 'Bearer test-key-2' } });
    assert.equal(got.status, 200);
    const body = (await got.json()) as ConcernJson;
    assert.equal(body.school?.name, 'Oakfield Primary');
    assert.equal(body.events?.[0]?.action, 'raised');
  });

  it('when an Ofsted category and a register entry are posted, then the statement of action is due in ten days and exit in 18 months', async () => {
    const ofsted = await post({ kind: 'ofsted-category', school: { name: 'Beech Hill' }, summary: 'Special measures', issuedOn: '2026-01-26' });
    assert.equal(ofsted.json?.deadlines?.[0]?.date, '2026-02-05');
    const register = await post({ kind: 'register', school: { name: 'Beech Hill' }, summary: 'Added', issuedOn: '2025-08-31' });
    assert.equal(register.json?.deadlines?.[0]?.date, '2027-02-28');
  });

  it('when the same Idempotency-Key and body are sent twice, then the first response is replayed and one concern exists', async () => {
    const before = await count();
    const first = await post(valid, { 'idempotency-key': 'abc-1' });
    const again = await post(
      { summary: valid.summary, kind: valid.kind, issuedOn: valid.issuedOn, school: valid.school },
      { 'idempotency-key': 'abc-1' },
    );
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.json?.id, first.json?.id);
    assert.equal(await count(), before + 1);
  });

  it('when the same Idempotency-Key comes with a different body, then 422 and nothing new is stored', async () => {
    await post(valid, { 'idempotency-key': 'abc-2' });
    const before = await count();
    const res = await post({ ...valid, summary: 'Something else' }, { 'idempotency-key': 'abc-2' });
    assert.equal(res.status, 422);
    assert.equal(await count(), before);
  });

  it('when a concern id is unknown or the key is missing on GET, then 404 / 401', async () => {
    const missing = await fetch(`${h.url}/api/concerns/00000000-0000-0000-0000-000000000000`, { headers: { authorization: 'Bearer test-key-1' } });
    assert.equal(missing.status, 404);
    const anonymous = await fetch(`${h.url}/api/concerns/00000000-0000-0000-0000-000000000000`);
    assert.equal(anonymous.status, 401);
  });
});
