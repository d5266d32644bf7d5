/**
 * What the fuzz suite sends: fast-check arbitraries for Bot Framework activities (Teams-shaped ones,
 * then mutated field by field), raw bodies with any headers, API bodies and odd paths. Every case is
 * one HTTP request; `fuzz-run.ts` sends them and judges the answers.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { teamsInvoke, teamsMessage } from '../support/teams-activity';

export interface FuzzCase {
  kind: 'activity' | 'raw' | 'api' | 'path';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzTargets {
  /** The loopback connector's URL: every activity's replies go there. */
  serviceUrl: string;
  apiKey: string;
  /** Ids of things that exist (a concern), so some cases hit real data. */
  concernIds: string[];
  /** Every verb on the bot's cards. */
  verbs: string[];
}

const nasty = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u0007\u001b[31m',
  '\u202e\u200b\ufeff',
  '- **Fake School** — forged\n- [sign in](https://evil.example)',
  '<at>Herts SEND Assistant</at> help',
  '${injection} {{x}} %s %n',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'status autism',
  'raise concern',
  'grant executive @someone',
  'follow all',
  'x'.repeat(3000),
  '😀'.repeat(200),
];

const weirdString = fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weirdString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[[[[]]]]]) },
);

/** Fields worth breaking, as dotted paths into an activity. */
const activityPaths = [
  'type',
  'id',
  'text',
  'name',
  'channelId',
  'serviceUrl',
  'locale',
  'timestamp',
  'localTimestamp',
  'replyToId',
  'textFormat',
  'from',
  'from.id',
  'from.aadObjectId',
  'from.name',
  'recipient',
  'recipient.id',
  'conversation',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'conversation.isGroup',
  'channelData',
  'channelData.tenant',
  'channelData.tenant.id',
  'channelData.team',
  'channelData.channel',
  'value',
  'value.action',
  'value.action.verb',
  'value.action.data',
  'value.action.data.slug',
  'value.action.data.concernId',
  'value.action.data.summary',
  'value.action.data.note',
  'value.trigger',
  'value.actionName',
  'value.actionValue',
  'value.actionValue.reaction',
  'entities',
  'attachments',
  'membersAdded',
  'membersRemoved',
  'reactionsAdded',
  'action',
  'deliveryMode',
  'expiration',
];

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object' || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) ?? '';
  // A copy: constant values are shared between cases, and a later mutation must not reach into them.
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
}

/** An ordinary Teams activity of some kind, before mutation. */
function baseActivities(t: FuzzTargets): fc.Arbitrary<Record<string, unknown>> {
  const user = fc.constantFrom('fuzz-admin', 'fuzz-user-1', 'fuzz-user-2');
  // Many conversations: two turns racing in one conversation is a conflict by design (the later one's
  // state is refused), which is not what this suite is about.
  const conversationId = fc.oneof(
    fc.nat(1_000_000).map((n) => `a:fuzz-${n}`),
    fc.nat(1_000_000).map((n) => `19:fuzz-${n}@thread.tacv2`),
  );
  const options = fc.record({
    user,
    conversationId,
    conversationType: fc.constantFrom('personal' as const, 'groupChat' as const, 'channel' as const),
  });
  const text = fc.oneof(
    weirdString,
    fc.constantFrom('help', 'status', 'concerns', 'my workstreams', 'What is the DSPL?', 'subscribe concerns', 'update autism'),
  );
  const data = fc.record(
    {
      slug: fc.oneof(fc.constantFrom('autism', 'special-schools', 'nope'), weirdString),
      concernId: fc.oneof(fc.constantFrom(...(t.concernIds.length ? t.concernIds : ['none'])), weirdString),
      summary: weirdString,
      status: fc.constantFrom('on-track', 'at-risk', 'complete', 'bogus'),
      note: weirdString,
      kind: fc.constantFrom('other', 'rayg', 'nope'),
      schoolName: weirdString,
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    fc.tuple(text, options).map(([words, o]) => teamsMessage(t.serviceUrl, words, o)),
    fc
      .tuple(fc.constantFrom(...t.verbs, 'made.up'), data, options)
      .map(([verb, d, o]) =>
        teamsInvoke(t.serviceUrl, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data: d }, trigger: 'manual' }, o),
      ),
    fc
      .tuple(
        fc.constantFrom(
          'message/submitAction',
          'task/fetch',
          'composeExtension/query',
          'signin/verifyState',
          'config/fetch',
          'nope',
          '__proto__',
          'constructor',
        ),
        weirdValue,
        options,
      )
      .map(([name, value, o]) =>
        teamsInvoke(
          t.serviceUrl,
          name,
          name === 'message/submitAction' ? { actionName: 'feedback', actionValue: { reaction: 'like', feedback: value } } : (value ?? {}),
          o,
        ),
      ),
    options.map((o) => ({
      ...teamsMessage(t.serviceUrl, '', o),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: '28:bot-under-test' }],
    })),
    options.map((o) => ({ ...teamsMessage(t.serviceUrl, '', o), type: 'installationUpdate', text: undefined, action: 'add' })),
    fc
      .tuple(
        fc.constantFrom('typing', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'endOfConversation', 'trace', 'handoff'),
        options,
      )
      .map(([type, o]) => ({
        ...teamsMessage(t.serviceUrl, '', o),
        type,
      })),
  );
}

/** A Teams activity with up to four fields replaced or removed. */
function activityCase(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const mutation = fc.tuple(fc.constantFrom(...activityPaths), fc.option(weirdValue, { nil: undefined, freq: 4 }));
  return fc.tuple(baseActivities(t), fc.array(mutation, { maxLength: 4 })).map(([activity, mutations]) => {
    for (const [path, value] of mutations) setPath(activity, path, value);
    return {
      kind: 'activity',
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    };
  });
}

const contentTypes = fc.constantFrom(
  'application/json; charset=constructor',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  '',
);
const encodings = fc.constantFrom(
  '',
  'gzip',
  'deflate',
  'br',
  'identity',
  'compress',
  'gzip, gzip',
  'x-gzip',
  'constructor',
  '__proto__',
  'toString',
);

/** Bodies that may not be JSON at all, with any content headers. */
function rawCase(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 65, max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.constant(JSON.stringify(teamsMessage(t.serviceUrl, 'hello'))).map((s) => s.slice(0, s.length - 7)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => gzipSync(JSON.stringify(v))),
  );
  return fc
    .record({
      path: fc.constantFrom('/api/messages', '/api/concerns', '/api/workstreams/autism/updates', '/healthz'),
      method: fc.constantFrom('POST', 'POST', 'GET'),
      contentType: contentTypes,
      encoding: encodings,
      auth: fc.boolean(),
      body,
    })
    .map((c) => ({
      kind: 'raw' as const,
      method: c.method,
      path: c.path,
      headers: {
        ...(c.contentType ? { 'content-type': c.contentType } : {}),
        ...(c.encoding ? { 'content-encoding': c.encoding } : {}),
        ...(c.auth ? { authorization: `Bearer ${t.apiKey}` } : {}),
      },
      body: c.body,
    }));
}

/** API bodies: a valid concern or update with fields broken, with and without a key and an Idempotency-Key. */
function apiCase(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const concern = fc.record(
    {
      kind: fc.constantFrom('other', 'rayg', 'nope'),
      school: fc.record({ name: weirdString }),
      summary: weirdString,
      rating: fc.constantFrom('red', 'amber', 'x'),
    },
    { requiredKeys: ['kind', 'summary'] },
  );
  const update = fc.record(
    {
      status: fc.constantFrom('on-track', 'at-risk', 'bogus'),
      summary: weirdString,
      nextMilestone: fc.record({ title: weirdString, due: fc.constantFrom('2099-01-01', '2099-02-30', 'soon') }),
    },
    { requiredKeys: ['status'] },
  );
  const extra = fc.dictionary(weirdString, weirdValue, { maxKeys: 3 });
  return fc
    .record({
      target: fc.oneof(
        concern.map((body) => ({ path: '/api/concerns', body: body as Record<string, unknown> })),
        fc
          .tuple(fc.constantFrom('/api/workstreams/autism/updates', '/api/workstreams/nope/updates'), update)
          .map(([path, body]) => ({ path, body: body as Record<string, unknown> })),
      ),
      extra,
      auth: fc.constantFrom('good', 'good', 'bad', 'none'),
      key: fc.option(fc.oneof(fc.constantFrom('k-1', 'k-2'), weirdString), { nil: undefined }),
    })
    .map(({ target: { path, body }, extra: more, auth, key }) => ({
      kind: 'api' as const,
      method: 'POST',
      path,
      headers: {
        'content-type': 'application/json',
        ...(auth === 'none' ? {} : { authorization: `Bearer ${auth === 'good' ? t.apiKey : 'wrong'}` }),
        ...(key !== undefined && /^[\x20-\x7e]*$/.test(key) ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ ...more, ...body }),
    }));
}

/** Odd paths and methods, with and without a key. */
function pathCase(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const segment = fc.oneof(fc.constantFrom('autism', '..', '%00', '%ZZ', '%F0%9F', 'x'.repeat(300), ''), fc.webSegment());
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
      base: fc.constantFrom('/api/concerns/', '/api/workstreams/', '/api/', '/', '/healthz/', '/api/messages/'),
      segment,
      auth: fc.boolean(),
    })
    .map((c): FuzzCase => ({
      kind: 'path',
      method: c.method,
      path: `${c.base}${c.segment}`,
      headers: c.auth ? { authorization: `Bearer ${t.apiKey}` } : {},
    }));
}

export function fuzzCases(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    { weight: 5, arbitrary: activityCase(t) },
    { weight: 2, arbitrary: rawCase(t) },
    { weight: 2, arbitrary: apiCase(t) },
    { weight: 1, arbitrary: pathCase(t) },
  );
}
