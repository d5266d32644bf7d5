import assert from 'node:assert/strict';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { Answer, AnswerContext } from '../../src/answering/answer-types';
import { createLogger } from '../../src/logger';
import { createAdapter } from '../../src/teams/bot-adapter';
import { createBot, type FeedbackEntry } from '../../src/teams/bot-app';

/** A bot whose answerer records what it was asked; `delayMs` makes it slow like a model. */
function botWith(options: { delayMs?: number } = {}) {
  const asked: { question: string; context: AnswerContext }[] = [];
  const feedback: FeedbackEntry[] = [];
  const bot = createBot({
    config: { bot: { appType: 'MultiTenant', anonymous: true } },
    logger: createLogger('silent'),
    adapter: createAdapter({ appType: 'MultiTenant', anonymous: true }, createLogger('silent')),
    storage: new MemoryStorage(),
    answerer: async (question, context) => {
      asked.push({ question, context });
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const answer: Answer = {
        kind: 'answer',
        text: `Answer to "${question}" [1].`,
        citations: [{ docId: 'd', title: 'Doc', section: 'S', abstract: 'A' }],
        context: { subject: 'autism workstream' },
      };
      return { answer };
    },
    recordFeedback: async (entry) => void feedback.push(entry),
  });
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    context.onSendActivities(async (_ctx, activities, next) => {
      sent.push(...activities);
      return next();
    });
    await bot.app.run(context);
  });
  return { adapter, asked, feedback, sent };
}

const channelTemplate = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  channelId: 'msteams',
  text,
  from: { id: '29:u1', name: 'Officer', aadObjectId: 'u1' } as Activity['from'],
  recipient: { id: '28:bot', name: 'Herts SEND Assistant' } as Activity['recipient'],
  conversation: { id: '19:channel@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true } as Activity['conversation'],
  ...extra,
});

describe('conversations in Teams', () => {
  it('in a channel, the @mention of the bot is removed before the question is read', async () => {
    const t = botWith();
    await t.adapter.processActivity(
      channelTemplate('<at>Herts SEND Assistant</at> who leads the autism workstream?', {
        entities: [{ type: 'mention', text: '<at>Herts SEND Assistant</at>', mentioned: { id: '28:bot', name: 'Herts SEND Assistant' } }],
      }),
    );
    assert.equal(t.asked[0]?.question, 'who leads the autism workstream?');
  });

  it('a follow-up question receives the context the previous answer left', async () => {
    const t = botWith();
    await t.adapter.processActivity(channelTemplate('who leads the autism workstream?'));
    await t.adapter.processActivity(channelTemplate('who else is on it?'));
    assert.equal(t.asked[1]?.context.subject, 'autism workstream');
    assert.equal(t.asked[1]?.context.lastQuestion, 'who leads the autism workstream?');
  });

  it('when the bot is added to a team, it posts the welcome card', async () => {
    const t = botWith();
    await t.adapter.processActivity({
      type: 'conversationUpdate',
      channelId: 'msteams',
      recipient: { id: '28:bot', name: 'Herts SEND Assistant' } as Activity['recipient'],
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel' } as Activity['conversation'],
      membersAdded: [{ id: '28:bot', name: 'Herts SEND Assistant' }],
    });
    const card = t.sent.find((a) => a.attachments?.length)?.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(card?.content), /Hello — I am the Herts SEND Assistant/);
  });

  it('`help` shows what the bot can do, without calling the answerer', async () => {
    const t = botWith();
    await t.adapter.processActivity(channelTemplate('help'));
    assert.equal(t.asked.length, 0);
    assert.match(JSON.stringify(t.sent[0]?.attachments?.[0]?.content), /What I can do/);
  });

  it('while a slow answer is being worked out, a typing indicator is shown; a fast one sends none', async () => {
    const slow = botWith({ delayMs: 700 });
    await slow.adapter.processActivity(channelTemplate('a slow question'));
    assert.deepEqual(
      slow.sent.map((a) => a.type),
      ['typing', 'message'],
    );
    const fast = botWith();
    await fast.adapter.processActivity(channelTemplate('a fast question'));
    assert.deepEqual(
      fast.sent.map((a) => a.type),
      ['message'],
    );
  });

  it('👍/👎 on an answer is recorded with the question it was about', async () => {
    const t = botWith();
    await t.adapter.processActivity(channelTemplate('what is the great school framework?'));
    const replyId = (t.sent[0] as { id?: string }).id;
    assert.ok(replyId, 'the answer has an activity id');
    await t.adapter.processActivity({
      ...channelTemplate(''),
      type: 'invoke',
      name: 'message/submitAction',
      replyToId: replyId,
      value: { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"too vague"}' } },
    });
    assert.equal(t.feedback.length, 1);
    assert.equal(t.feedback[0]?.reaction, 'dislike');
    assert.equal(t.feedback[0]?.text, 'too vague');
    assert.equal(t.feedback[0]?.question, 'what is the great school framework?');
  });
});
