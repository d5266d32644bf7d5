/**
 * Personal chats see a model answer stream in, in Teams' streaming shape: an informative update,
 * streaming updates under one stream id with rising sequence numbers, and a final message that
 * carries the citations, the AI label and the feedback buttons.
 */
import assert from 'node:assert/strict';
import { FakeOpenAI } from '../support/fake-openai';
import type { ReceivedActivity } from '../support/loopback-connector';
import { answerQuestion } from '../../src/answering/answer-question';
import { searchingUpdate } from '../../src/teams/model/answer-stream';
import { modelUnavailableNotice } from '../../src/teams/model/model-answerer';
import { usedCitations } from '../../src/answering/citations';
import { openAIConfig, startModelBot, type ModelBot } from './model-bot';

const question = 'How are schools categorised by the RAYG ratings?';
const reply =
  'Schools are grouped by the level of risk they present [3], and the rating decides how much support they receive [1]. ' +
  'See https://evil.example/more for details. Ratings are reviewed through the year [3].';

interface StreamData {
  streamType?: string;
  streamSequence?: number;
  streamId?: string;
  feedbackLoopEnabled?: boolean;
}
const stream = (a: ReceivedActivity) => (a.channelData ?? {}) as StreamData;

describe('streamed model answers in personal chats', () => {
  let fake: FakeOpenAI;
  let bot: ModelBot;
  const { log, error } = console;

  before(async () => {
    fake = await new FakeOpenAI().listen();
    bot = await startModelBot({ model: openAIConfig(fake.url, 2500) });
  });
  after(async () => {
    Object.assign(console, { log, error });
    await bot.stop();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('an informative update, then growing text under one stream id, then a final message with citations, AI label and feedback', async () => {
    fake.reply({ text: reply, chunks: 30, chunkDelayMs: 80 });
    const { conversationId } = await bot.ask(question);
    assert.equal(fake.completions()[0]?.body.stream, true, 'the model was asked to stream');

    const activities = bot.connector.activities(conversationId);
    const [first] = activities;
    assert.equal(first?.type, 'typing');
    assert.equal(first?.text, searchingUpdate);
    assert.deepEqual(stream(first), { streamType: 'informative', streamSequence: 1 });
    assert.deepEqual(first?.entities, [{ type: 'streaminfo', streamType: 'informative', streamSequence: 1 }]);
    const streamId = first?.id;

    const updates = activities.slice(1, -1);
    assert.ok(updates.length >= 1, 'at least one streaming update');
    let previous = '';
    for (const [i, update] of updates.entries()) {
      assert.equal(update.type, 'typing', 'no plain typing indicators or extra messages during the stream');
      assert.equal(stream(update).streamType, 'streaming');
      assert.equal(stream(update).streamSequence, i + 2);
      assert.equal(stream(update).streamId, streamId);
      assert.ok((update.text ?? '').startsWith(previous) && (update.text ?? '').length > previous.length, 'each update extends the last');
      assert.doesNotMatch(update.text ?? '', /evil\.example|\[3\]/, 'streamed text is guarded and renumbered like the final');
      previous = update.text ?? '';
    }

    const final = activities[activities.length - 1];
    assert.equal(final?.type, 'message');
    assert.equal(stream(final).streamType, 'final');
    assert.equal(stream(final).streamId, streamId);
    assert.equal(stream(final).feedbackLoopEnabled, true);
    assert.equal(
      final?.text,
      'Schools are grouped by the level of risk they present [1], and the rating decides how much support they receive [2]. See (link removed) for details. Ratings are reviewed through the year [1].',
    );
    assert.ok(final?.text?.startsWith(previous), 'the final text continues what was streamed');
    const entities = final?.entities ?? [];
    assert.deepEqual(entities[0], { type: 'streaminfo', streamType: 'final', streamId });
    const ai = entities.find((e) => e.type === 'https://schema.org/Message') as
      { additionalType?: string[]; citation?: { position: number }[] } | undefined;
    assert.deepEqual(ai?.additionalType, ['AIGeneratedContent']);
    assert.deepEqual(
      ai?.citation?.map((c) => c.position),
      [1, 2],
    );
    assert.equal(bot.connector.messages(conversationId).length, 1, 'one message in the chat');
  });

  it('a stream that breaks mid-way ends with the offline answer and the unavailable line as the final message', async () => {
    // The OpenAI client and Teams AI print the parse error; the user must not see it.
    Object.assign(console, { log: () => undefined, error: () => undefined });
    fake.reply({ malformed: true });
    const { conversationId } = await bot.ask(question);
    Object.assign(console, { log, error });
    const activities = bot.connector.activities(conversationId);
    const final = activities.at(-1);
    assert.ok(final);
    assert.equal(stream(final).streamType, 'final');
    assert.equal(stream(final).streamId, activities[0]?.id);
    const offline = answerQuestion(bot.kb, question, {});
    assert.equal(final?.text, `${modelUnavailableNotice}\n\n${usedCitations(offline.text, offline.citations).text}`);
  });

  it('a stream that stalls is cut off after OPENAI_TIMEOUT_MS of silence and ends with the offline answer', async () => {
    fake.reply({ text: 'Schools are grouped by risk [1] and then', chunks: 2, chunkDelayMs: 60_000 });
    const t0 = Date.now();
    const { conversationId } = await bot.ask(question);
    assert.ok(Date.now() - t0 < 8000);
    const final = bot.connector.messages(conversationId).at(-1);
    assert.equal(stream(final!).streamType, 'final');
    assert.ok(final?.text?.startsWith(modelUnavailableNotice));
  });

  it('group chats and channels get one message and no stream', async () => {
    fake.reply({ text: 'Grouped by risk [1].' });
    const { conversationId } = await bot.ask(question, { conversationType: 'groupChat' });
    const activities = bot.connector.activities(conversationId);
    assert.equal(fake.completions()[0]?.body.stream, undefined);
    assert.ok(activities.every((a) => !stream(a).streamType));
    assert.equal(bot.connector.messages(conversationId).length, 1);
  });
});
