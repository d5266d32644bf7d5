import assert from 'node:assert/strict';
import { feedbackReport } from '../../src/feedback/feedback-report';
import { recordFeedback } from '../../src/store/feedback-repo';
import { resetTestStore } from '../store/shared-store';
import { sharedBot } from '../support/bot-under-test';
import { postActivity, teamsInvoke, teamsMessage } from '../support/teams-activity';

describe('feedback visible to maintainers', () => {
  it('the report totals 👍/👎 and lists every 👎 and comment with its question', async () => {
    const store = await resetTestStore();
    await recordFeedback(store, { conversationId: 'c1', reaction: 'like', question: 'Who leads autism?' });
    await recordFeedback(store, {
      conversationId: 'c1',
      reaction: 'dislike',
      question: 'What is DSG?',
      text: 'wrong fund',
      answerExcerpt: 'The DSG…',
    });
    await recordFeedback(store, { conversationId: 'c2', reaction: 'like', question: 'What is HfL?', text: 'spot on' });
    const report = await feedbackReport(store);
    assert.match(report, /3 in all — 2 👍, 1 👎 \(67% positive\), 2 with a comment/);
    assert.match(report, /👎 Q: "What is DSG\?" — "wrong fund"/);
    assert.match(report, /👍 Q: "What is HfL\?" — "spot on"/);
    assert.doesNotMatch(report, /Who leads autism/);
  });

  it('👎 given in Teams on a real answer reaches the store with the question it was about', async () => {
    const { bot, connector } = await sharedBot();
    const store = bot.services.store;
    const question = teamsMessage(connector.url, 'What does HASSH stand for?');
    const conversationId = (question.conversation as { id: string }).id;
    await postActivity(bot.url, question);
    const [reply] = await connector.waitFor(conversationId, (m) => m.length > 0);
    assert.deepEqual(reply?.channelData, { feedbackLoopEnabled: true });
    const invoke = teamsInvoke(
      connector.url,
      'message/submitAction',
      {
        actionName: 'feedback',
        actionValue: { reaction: 'dislike', feedback: JSON.stringify({ feedbackText: 'needs more detail' }) },
      },
      { conversationId },
    );
    const res = await postActivity(bot.url, { ...invoke, replyToId: reply?.id });
    assert.equal(res.status, 200);
    const report = await feedbackReport(store);
    assert.match(report, /👎 Q: "What does HASSH stand for\?" — "needs more detail"/);
  });
});
