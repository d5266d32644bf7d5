/**
 * Requests built to hurt, against the built bot in a process of its own (production mode): "the process
 * stays up" is what is tested (an in-process bot that crashed would take the test runner along), and
 * concurrent requests arrive together, as from Teams, rather than interleaved with the test's own work.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activity';

interface Reply {
  status: number;
  body: string;
  json?: { error?: { code?: string; message?: string } };
}

/** A raw HTTP request (fetch would refuse some of these headers, or decompress for us). */
function request(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${options.path}`, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Reply['json'];
        try {
          json = body ? (JSON.parse(body) as Reply['json']) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body, json });
      });
    });
    // The server may close the connection once it has answered, before taking the whole body.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end(options.body);
  });
}

/** Peak resident memory of a process, in MB (Linux). */
async function peakRssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

describe('hostile requests (the built bot, in production mode, in its own process)', () => {
  let bot: BotProcess;
  let connector: LoopbackConnector;
  before(async function () {
    this.timeout(90_000);
    connector = await new LoopbackConnector().listen();
    bot = await startBotProcess({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', API_KEYS: 'fuzz-key', REQUEST_TIMEOUT_MS: '1500' });
  });
  after(async () => {
    await bot?.stop();
    await connector?.close();
  });

  const stillServing = async () => {
    assert.ok(bot.alive(), 'the bot process is still running');
    const health = await request(bot.url, { method: 'GET', path: '/healthz' });
    assert.equal(health.status, 200);
  };

  it('when a body says Content-Encoding: gzip but is not gzip, then 400 (or 401 without credentials) and the process stays up', async () => {
    const garbage = '{"type":"message", not gzip at all';
    const json = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const messages = await request(bot.url, { path: '/api/messages', headers: json, body: garbage });
    assert.equal(messages.status, 400);
    assert.match(messages.json?.error?.message ?? '', /decompress/);
    const anonymousApi = await request(bot.url, { path: '/api/concerns', headers: json, body: garbage });
    assert.equal(anonymousApi.status, 401, 'the API key is checked before the body is read');
    const api = await request(bot.url, { path: '/api/concerns', headers: { ...json, authorization: 'Bearer fuzz-key' }, body: garbage });
    assert.equal(api.status, 400);
    assert.equal(api.json?.error?.code, 'BadRequest');
    const health = await request(bot.url, {
      method: 'GET',
      path: '/healthz',
      headers: { 'content-encoding': 'gzip', 'content-length': String(garbage.length) },
      body: garbage,
    });
    assert.equal(health.status, 200);
    await stillServing();
  });

  it('when a ~200 KB gzip body would expand to 200 MB, then 413 once the limit is passed, and memory stays small', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(200 * 1024 * 1024, 0x61), Buffer.from('"}')]), {
      level: 9,
    });
    assert.ok(bomb.length < 256 * 1024, `the bomb is ${bomb.length} bytes on the wire, under the limit`);
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const replies = await Promise.all([1, 2, 3, 4].map(() => request(bot.url, { path: '/api/messages', headers, body: bomb })));
    for (const reply of replies) {
      assert.equal(reply.status, 413);
      assert.match(reply.json?.error?.message ?? '', /after decompression/);
    }
    const peak = await peakRssMb(bot.process.pid!);
    assert.ok(peak < 600, `peak RSS ${peak.toFixed(0)} MB (before the fix: 1.5-2.2 GB)`);
    await stillServing();
  });

  it('when a gzip body is an ordinary activity, then it is decompressed and answered', async () => {
    const activity = teamsMessage(connector.url, 'help', { conversationId: 'a:gzip-ok' });
    const res = await request(bot.url, {
      path: '/api/messages',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(activity)),
    });
    assert.equal(res.status, 200);
    const replies = await connector.waitFor('a:gzip-ok', (m) => m.length > 0);
    assert.ok(replies[0]?.attachments?.length, 'the help card');
  });

  it('when the encoding is not one the bot reads, or the body is not JSON, then 415', async () => {
    const compress = await request(bot.url, {
      path: '/api/messages',
      headers: { 'content-type': 'application/json', 'content-encoding': 'compress' },
      body: 'x',
    });
    assert.equal(compress.status, 415);
    const text = await request(bot.url, { path: '/api/messages', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    assert.equal(text.status, 415);
    await stillServing();
  });

  it('when a body arrives too slowly, then 408 and the connection is let go', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        `${bot.url}/api/messages`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: JSON.parse(body) as Reply['json'] }));
        },
      );
      req.on('error', reject);
      req.write('{"type":"mess');
      // …and nothing more: the rest never comes.
    });
    assert.equal(reply.status, 408);
    assert.equal(reply.json?.error?.code, 'RequestTimeout');
    await stillServing();
  });

  it('when one message with a lone surrogate arrives among 20 ordinary ones, then all 21 people get answers', async () => {
    for (let round = 0; round < 2; round++) {
      const conversations = Array.from({ length: 21 }, (_, i) => `a:surrogate-${round}-${i}`);
      const results = await Promise.all(
        conversations.map((conversationId, i) =>
          postActivity(
            bot.url,
            teamsMessage(connector.url, i === 10 ? 'What is the DSPL? \ud800' : `What is the DSPL? (${i})`, { conversationId, user: `batch-${i}` }),
          ),
        ),
      );
      assert.deepEqual(
        results.map((r) => r.status),
        Array(21).fill(200),
      );
      for (const conversationId of conversations) await connector.waitFor(conversationId, (m) => m.length > 0);
      await new Promise((r) => setTimeout(r, 200)); // a failed save adds its apology just after the answer
      const apologised = conversations.filter((c) => /something went wrong/i.test(visibleText(connector.messages(c))));
      assert.deepEqual(apologised, [], `round ${round}: ${apologised.length} of 21 turns failed`);
    }
    await stillServing();
  });

  it('in anonymous local mode it listens on loopback only, and says so in its log', async () => {
    const { readFile } = await import('node:fs/promises');
    const portHex = bot.port.toString(16).toUpperCase().padStart(4, '0');
    // /proc/net/tcp lists each socket's local address as hex IP:port; state 0A is LISTEN.
    const listening = [
      ...(await readFile('/proc/net/tcp', 'utf8')).split('\n'),
      ...(await readFile('/proc/net/tcp6', 'utf8').catch(() => '')).split('\n'),
    ]
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${portHex}`) && cols[3] === '0A')
      .map((cols) => cols[1]?.split(':')[0]);
    assert.deepEqual(listening, ['0100007F'], `listening on ${listening.join(', ')} (0100007F is 127.0.0.1, 00000000 would be every interface)`);
    assert.ok(
      bot.logs.some((l) => /loopback only/.test(String(l.msg))),
      'the log says so',
    );
  });
});
