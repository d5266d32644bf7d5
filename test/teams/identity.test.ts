/**
 * Who the bot believes it is talking to, and where it will talk back: only Microsoft Teams by default,
 * roles only from the AAD object id, an optional tenant allow-list, and a stored conversation that an
 * unauthenticated turn cannot redirect.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import { createServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { createAdapter } from '../../src/teams/bot-adapter';
import { createBot } from '../../src/teams/bot-app';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activity';

describe('identity: channels, AAD object ids, tenants, stored conversations', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  it("when a webchat activity names an admin's AAD id as from.id without an aadObjectId, then it is refused with 403", async () => {
    const activity = teamsMessage(t.connector.url, 'roles', { conversationId: 'a:webchat-admin' });
    activity.channelId = 'webchat';
    activity.from = { id: 'admin-1', name: 'Not The Admin' };
    const res = await postActivity(t.bot.url, activity);
    assert.equal(res.status, 403);
    assert.deepEqual(Object.keys(res.json as object), ['error']);
    assert.match(res.body, /only serves the channel msteams/);
    assert.equal(t.connector.messages('a:webchat-admin').length, 0, 'nothing was said in that conversation');
  });

  it("when a Teams activity has an admin's id as from.id but no aadObjectId, then the sender holds no role", async () => {
    const activity = teamsMessage(t.connector.url, 'roles', { conversationId: 'a:teams-no-aad' });
    activity.from = { id: 'admin-1', name: 'Not The Admin' };
    assert.equal((await postActivity(t.bot.url, activity)).status, 200);
    const replies = await t.connector.waitFor('a:teams-no-aad', (m) => m.length > 0);
    assert.match(visibleText(replies), /Only the bot's admins can list roles/);
  });

  it('when ALLOWED_TENANTS is set, then activities from other tenants (or naming two tenants) are refused with 403', async () => {
    const logger = createLogger('silent');
    const bot = createBot({
      config: { bot: { appType: 'MultiTenant', anonymous: true }, allowedTenants: ['tenant-1'] },
      logger,
      adapter: createAdapter({ appType: 'MultiTenant', anonymous: true }, logger),
      storage: new MemoryStorage(),
      answerer: async (_q, context) => ({ answer: { kind: 'decline', text: 'answered', citations: [], context } }),
      recordFeedback: async () => undefined,
    });
    const server = createServer({ logger, maxBodyBytes: 64 * 1024, onMessages: bot.process, health: async () => ({ ok: true }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ours = await postActivity(url, teamsMessage(t.connector.url, 'hello', { conversationId: 'a:tenant-ok' }));
      assert.equal(ours.status, 200);
      const other = teamsMessage(t.connector.url, 'hello', { conversationId: 'a:tenant-other', channelData: { tenant: { id: 'tenant-2' } } });
      (other.conversation as { tenantId: string }).tenantId = 'tenant-2';
      const refused = await postActivity(url, other);
      assert.equal(refused.status, 403);
      assert.match(refused.body, /does not serve your organisation/);
      const mixed = teamsMessage(t.connector.url, 'hello', { conversationId: 'a:tenant-mixed', channelData: { tenant: { id: 'tenant-1' } } });
      (mixed.conversation as { tenantId: string }).tenantId = 'tenant-2';
      assert.equal((await postActivity(url, mixed)).status, 403);
      assert.equal(t.connector.messages('a:tenant-other').length + t.connector.messages('a:tenant-mixed').length, 0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('when an unauthenticated turn in a followed conversation names another serviceUrl, then later alerts still go to the stored one', async () => {
    const conversationId = '19:redirect-test@thread.tacv2';
    const channel = { conversationId, conversationType: 'channel' as const, user: 'admin-1' };
    await postActivity(t.bot.url, teamsMessage(t.connector.url, 'follow special schools', channel));
    await t.connector.waitFor(conversationId, (m) => m.some((a) => /Following/.test(a.text ?? '')));

    const elsewhere = await new LoopbackConnector().listen();
    try {
      // Someone posts in that conversation naming their own serviceUrl, and asks for a card the bot remembers posting.
      await postActivity(t.bot.url, teamsMessage(elsewhere.url, 'status special schools', channel));
      await elsewhere.waitFor(conversationId, (m) => m.length > 0);
      const before = t.connector.messages(conversationId).length;

      const res = await fetch(`${t.bot.url}/api/workstreams/special-schools/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1' },
        body: JSON.stringify({ status: 'at-risk', summary: 'Redirect test: where does this alert go?' }),
      });
      assert.equal(res.status, 201);
      const alerts = await t.connector.waitFor(conversationId, (m) => m.slice(before).some((a) => /Redirect test/.test(visibleText([a]))), 10_000);
      assert.ok(alerts.length > before);
      assert.equal(
        elsewhere.messages(conversationId).filter((a) => /Redirect test/.test(visibleText([a]))).length,
        0,
        'the alert did not go to the serviceUrl named by the unauthenticated turn',
      );
      const [row] = await t.bot.services.store.query<{ service_url: string; reference: { serviceUrl: string } }>(
        'SELECT service_url, reference FROM conversations WHERE conversation_id = $1',
        [conversationId],
      );
      assert.equal(row?.service_url, t.connector.url);
      assert.equal(row?.reference.serviceUrl, t.connector.url);
    } finally {
      await elsewhere.close();
    }
  });
});
