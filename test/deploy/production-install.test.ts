/**
 * The production path as an operator takes it: a copy of the project built once (`npm run build`), its
 * development dependencies removed (`npm prune --omit=dev`), then started with `npm start` — or with
 * `node dist/src/index.js`, as the container image does — and stopped with SIGTERM, as a platform does.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoopbackConnector } from '../support/loopback-connector';
import { teamsMessage } from '../support/teams-activity';
import { copyProject, ensureStopped, freePort, logLines, npm, productionEnv, startBot, type BotProcess } from './install-harness';

interface Citation {
  appearance: { name: string; abstract: string };
}

const post = (bot: BotProcess, activity: Record<string, unknown>) =>
  fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

describe('a production install (npm run build, then npm prune --omit=dev)', function () {
  this.timeout(300_000);
  let dir: string;
  let connector: LoopbackConnector;
  let bot: BotProcess | undefined;
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'prod-data-'));
    dataDirs.push(d);
    return d;
  };

  before(async () => {
    dir = await copyProject('prod-install-');
    await npm(dir, ['run', 'build', '--silent']);
    await npm(dir, ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund']);
    connector = await new LoopbackConnector().listen();
  });
  afterEach(async () => {
    await ensureStopped(bot);
    bot = undefined;
    connector.delay = undefined;
  });
  after(async () => {
    await connector?.close();
    for (const d of [dir, ...dataDirs]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('has no development tools left, only the build and the production dependencies', () => {
    for (const devOnly of ['typescript', 'tsx', 'mocha', '@microsoft/m365agentsplayground']) {
      assert.equal(fs.existsSync(path.join(dir, 'node_modules', devOnly)), false, `${devOnly} should have been pruned`);
    }
    for (const needed of ['botbuilder', '@microsoft/teams-ai', '@electric-sql/pglite', 'restify']) {
      assert.ok(fs.existsSync(path.join(dir, 'node_modules', needed)), `${needed} is a production dependency`);
    }
    for (const built of ['dist/src/index.js', 'dist/tab/progress-tab.js', 'dist/pglite-template', 'dist/knowledge-seed.json', 'dist/.build-stamp']) {
      assert.ok(fs.existsSync(path.join(dir, built)), `npm run build should have made ${built}`);
    }
  });

  it('npm start serves /healthz 200 and answers a question over /api/messages with citations', async () => {
    const port = await freePort();
    bot = startBot(dir, 'npm', ['start'], productionEnv(newDataDir(), port));
    const health = (await (await bot.healthy()).json()) as Record<string, unknown>;
    assert.equal(health.ok, true);
    assert.equal(health.store, 'embedded');
    assert.ok(Number(health.documents) > 0, JSON.stringify(health));
    assert.doesNotMatch(bot.output(), /tsc: not found|building first/i, 'a built install must not build again');
    // The Progress tab's page and its bundle come from the build: esbuild is not installed here.
    for (const [route, type] of [
      ['/tab/progress', 'text/html'],
      ['/tab/assets/progress-tab.js', 'text/javascript'],
    ] as const) {
      const res: Response = await fetch(`${bot.url}${route}`);
      assert.equal(res.status, 200, route);
      assert.match(res.headers.get('content-type') ?? '', new RegExp(type));
    }

    const activity = teamsMessage(connector.url, 'What happens when a school is rated amber or red?');
    const res = await post(bot, activity);
    assert.equal(res.status, 200);
    const [reply] = await connector.waitFor(String((activity.conversation as { id: string }).id), (m) => m.length > 0, 10_000);
    assert.match(reply?.text ?? '', /\[1\]/, reply?.text);
    const message = (reply?.entities ?? []).find((e) => e.type === 'https://schema.org/Message');
    const citations = (message?.citation ?? []) as Citation[];
    assert.ok(citations.length > 0, JSON.stringify(reply?.entities));
    assert.ok(
      citations.every((c) => c.appearance.name && c.appearance.abstract),
      JSON.stringify(citations),
    );
  });

  it('npm start without a build says what to do and exits 1, rather than failing on a missing compiler', async () => {
    fs.renameSync(path.join(dir, 'dist'), path.join(dir, 'dist.away'));
    try {
      bot = startBot(dir, 'npm', ['start'], productionEnv(newDataDir(), await freePort()));
      assert.notEqual(await bot.exited, 0);
      assert.match(bot.output(), /no build to start/i);
      assert.match(bot.output(), /npm run build/);
      assert.doesNotMatch(bot.output(), /tsc: not found/);
    } finally {
      fs.renameSync(path.join(dir, 'dist.away'), path.join(dir, 'dist'));
    }
  });

  it('on SIGTERM a turn in flight is still answered, new connections are refused, and the process exits 0', async () => {
    const port = await freePort();
    bot = startBot(dir, process.execPath, ['dist/src/index.js'], productionEnv(newDataDir(), port));
    await bot.healthy();
    // The Bot Connector takes 1.5 s to accept each reply, so the turn is still running when SIGTERM lands.
    connector.delay = () => 1_500;
    const activity = teamsMessage(connector.url, 'Who leads the autism workstream?');
    const turn = post(bot, activity);
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    bot.signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await assert.rejects(fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(2_000) }), 'a stopping bot takes no new requests');

    assert.equal((await turn).status, 200);
    assert.equal(await bot.exited, 0);
    assert.ok(Date.now() - t0 < 8_000, 'stopped within the default grace period');
    assert.equal(connector.messages(String((activity.conversation as { id: string }).id)).length, 1, 'the reply was delivered');
    const messages = logLines(bot.output()).map((l) => l.msg);
    assert.ok(messages.includes('stopping: finishing the turns in flight'), messages.join('\n'));
    assert.ok(messages.includes('stopped'), messages.join('\n'));
  });

  it('on SIGTERM after whoever read its output has gone, it still exits (no flush waiting on a dead pipe)', async () => {
    const port = await freePort();
    bot = startBot(dir, process.execPath, ['dist/src/index.js'], productionEnv(newDataDir(), port));
    await bot.healthy();
    // A supervisor that sends SIGTERM and quits: nobody reads the bot's stdout and stderr any more.
    bot.child.stdout?.destroy();
    bot.child.stderr?.destroy();
    bot.signal('SIGTERM');
    const outcome = await Promise.race([bot.exited, new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000))]);
    assert.equal(outcome, 0);
  });

  it('on SIGTERM during a fan-out, sends in flight finish, claimed messages go back to the queue, and a restart delivers each exactly once', async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    // Slow delivery: two sends a second, each taking the connector 0.8 s, so most of the fan-out is still
    // claimed but unsent when the signal comes.
    const env = productionEnv(dataDir, port, { DELIVERY_RATE_PER_SECOND: '2' });
    bot = startBot(dir, process.execPath, ['dist/src/index.js'], env);
    await bot.healthy();
    const followers = Array.from({ length: 8 }, (_, i) => `19:fanout-${i}@thread.tacv2`);
    for (const conversationId of followers) {
      const res = await post(bot, teamsMessage(connector.url, 'follow autism', { conversationId, conversationType: 'channel', user: 'member-1' }));
      assert.equal(res.status, 200);
    }
    await Promise.all(followers.map((id) => connector.waitFor(id, (m) => m.length === 1)));
    const confirmations = followers.length;

    connector.delay = (_conversation, method) => (method === 'POST' ? 800 : 0);
    const update = await fetch(`${bot.url}/api/workstreams/autism/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer deploy-test-key' },
      body: JSON.stringify({ status: 'at-risk', summary: 'The diagnostic pathway review has slipped to May.' }),
    });
    assert.equal(update.status, 201);
    const updatesSeen = () => followers.reduce((n, id) => n + connector.messages(id).length, 0) - confirmations;
    const t0 = Date.now();
    while (updatesSeen() === 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));
    bot.signal('SIGTERM');
    assert.equal(await bot.exited, 0);
    const deliveredBeforeStop = updatesSeen();
    assert.ok(deliveredBeforeStop >= 1 && deliveredBeforeStop < followers.length, `delivered before the stop: ${deliveredBeforeStop}`);

    // What the stopped process left in its store, read as an operator would (npm run sql): nothing still
    // claimed, the rest waiting.
    const rows = JSON.parse(
      await npm(dir, ['run', 'sql', '--silent', '--', 'SELECT state, count(*)::int AS n FROM outbox GROUP BY state'], { DATA_DIR: dataDir }),
    ) as { state: string; n: number }[];
    const byState = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    assert.equal(byState.sending ?? 0, 0, JSON.stringify(byState));
    assert.equal(byState.sent, deliveredBeforeStop, JSON.stringify(byState));
    assert.equal((byState.pending ?? 0) + (byState.failed ?? 0), followers.length - deliveredBeforeStop, JSON.stringify(byState));

    connector.delay = undefined;
    bot = startBot(dir, process.execPath, ['dist/src/index.js'], { ...env, DELIVERY_RATE_PER_SECOND: '50' });
    await bot.healthy();
    await Promise.all(followers.map((id) => connector.waitFor(id, (m) => m.length === 2, 15_000)));
    await new Promise((r) => setTimeout(r, 500));
    for (const id of followers) assert.equal(connector.messages(id).length, 2, `${id}: one confirmation and exactly one update`);
  });
});
