/**
 * With a MicrosoftAppId, /api/messages authenticates every request: the token is checked before the body
 * is read, a request that is not authenticated is 401, and when the identity metadata cannot be fetched
 * (no network here: test/setup.ts refuses it, as a DNS failure would) the answer is 503. Both in the
 * project's JSON error shape, with nothing of the upstream error in it.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import type { Server } from 'restify';
import { createServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { createAdapter } from '../../src/teams/bot-adapter';
import { createBot } from '../../src/teams/bot-app';
import { teamsMessage } from '../support/teams-activity';

const appId = '00000000-0000-0000-0000-00000000a11d';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A well-formed token that claims to come from the Bot Framework, signed by nobody. */
function forgedToken(serviceUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' });
  const payload = b64({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 });
  return `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`;
}

describe('authentication on /api/messages with a MicrosoftAppId', () => {
  let server: Server;
  let url: string;
  before(async () => {
    const logger = createLogger('silent');
    const bot = createBot({
      config: { bot: { appId, appPassword: 'not-used', appType: 'MultiTenant', anonymous: false } },
      logger,
      adapter: createAdapter({ appId, appPassword: 'not-used', appType: 'MultiTenant', anonymous: false }, logger),
      storage: new MemoryStorage(),
      answerer: async (_q, context) => ({ answer: { kind: 'decline', text: 'answered', citations: [], context } }),
      recordFeedback: async () => undefined,
    });
    server = createServer({ logger, maxBodyBytes: 64 * 1024, onMessages: bot.process, health: async () => ({ ok: true }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = async (headers: Record<string, string>, body: string) => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as { error: { code: string; message: string } } };
  };
  const activity = JSON.stringify(teamsMessage('https://smba.trafficmanager.net/uk/', 'hello'));

  it('when a forged token arrives and the identity metadata cannot be fetched, then 503 in the JSON error shape, naming no upstream host or error', async () => {
    const res = await post({ authorization: `Bearer ${forgedToken('https://smba.trafficmanager.net/uk/')}` }, activity);
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'ServiceUnavailable');
    assert.doesNotMatch(res.text, /botframework\.com|microsoftonline|network|ENOTFOUND|EAI_AGAIN|fetch|openID/i);
  });

  it('when there is no token, or it is not a Bot Framework token, then 401 in the JSON error shape', async () => {
    for (const authorization of [
      undefined,
      'Basic dXNlcjpwYXNz',
      'Bearer not-a-jwt',
      `Bearer ${b64({ alg: 'none' })}.${b64({ iss: 'https://evil.example' })}.`,
    ]) {
      const res = await post(authorization ? { authorization } : {}, activity);
      assert.equal(res.status, 401, String(authorization));
      assert.equal(res.json.error.code, 'Unauthorized');
      assert.doesNotMatch(res.text, /Unauthorized Access|Issuer Claim|Invalid AppId/);
    }
  });

  it('the token is checked before the body is read: a body that is not even JSON gets 401, not 400', async () => {
    const res = await post({}, '{"type": "message", this is not json');
    assert.equal(res.status, 401);
  });
});
