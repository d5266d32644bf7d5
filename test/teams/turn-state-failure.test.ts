/**
 * A turn whose state cannot be stored fails alone, and its sender is told why. The bad state here comes
 * from inside (the answerer), since everything from outside is cleaned at the edge; it stands for any
 * document the database refuses.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { BotStateStorage } from '../../src/store/bot-state-storage';
import { createAdapter } from '../../src/teams/bot-adapter';
import { createBot } from '../../src/teams/bot-app';
import { LoopbackConnector } from '../support/loopback-connector';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activity';
import { resetTestStore } from '../store/shared-store';

describe('a turn whose state the database refuses', () => {
  it('fails alone: the sender is told their message had characters that cannot be stored, the turns saved with it are unharmed', async () => {
    const store = await resetTestStore();
    const logger = createLogger('silent');
    const bot = createBot({
      config: { bot: { appType: 'MultiTenant', anonymous: true } },
      logger,
      adapter: createAdapter({ appType: 'MultiTenant', anonymous: true }, logger),
      // A wide group-commit window, so that the turns below share one statement.
      storage: new BotStateStorage(store, { groupCommitMs: 30 }),
      answerer: async (question, context) => ({
        answer: {
          kind: 'decline',
          text: `You asked: ${question}`,
          citations: [],
          context: question === 'poison' ? { subject: 'x\u0000y' } : context,
        },
      }),
      recordFeedback: async () => undefined,
    });
    const server = createServer({ logger, maxBodyBytes: 256 * 1024, onMessages: bot.process, health: async () => ({ ok: true }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const connector = await new LoopbackConnector().listen();
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const questions = ['first question', 'second question', 'poison', 'third question', 'fourth question'];
      const ids = questions.map((_, i) => `a:state-failure-${i}`);
      await Promise.all(questions.map((q, i) => postActivity(url, teamsMessage(connector.url, q, { conversationId: ids[i] }))));
      for (const id of ids) await connector.waitFor(id, (m) => m.length > 0);
      const poisonedId = ids[2];
      assert.ok(poisonedId);
      const poisoned = await connector.waitFor(poisonedId, (m) => m.length > 1);
      assert.match(visibleText(poisoned), /contains characters I can't store/);
      for (const id of ids.filter((_, i) => i !== 2)) {
        assert.doesNotMatch(visibleText(connector.messages(id)), /went wrong|can't store/, id);
      }
      const saved = await store.query<{ key: string }>(`SELECT key FROM bot_state WHERE key LIKE '%state-failure%'`);
      assert.equal(saved.length, 4);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    }
  });
});
