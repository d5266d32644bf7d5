/**
 * Model answers end to end: a Teams message on /api/messages, the prompt at a fake OpenAI-compatible
 * server, the reply at the loopback connector.
 */
import assert from 'node:assert/strict';
import { FakeOpenAI, promptOf } from '../support/fake-openai';
import { visibleText } from '../support/teams-activity';
import { answerQuestion } from '../../src/answering/answer-question';
import { modelUnavailableNotice } from '../../src/teams/model/model-answerer';
import { usedCitations } from '../../src/answering/citations';
import { openAIConfig, startModelBot, type ModelBot } from './model-bot';

const question = 'How are schools categorised by the RAYG ratings?';

interface CitationEntity {
  '@type': string;
  position: number;
  appearance: { '@type': string; name: string; abstract: string };
}
interface MessageEntity {
  type: string;
  additionalType?: string[];
  citation?: CitationEntity[];
}

const aiEntity = (a: { entities?: Record<string, unknown>[] }) =>
  (a.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as MessageEntity | undefined;

describe('model answers (OpenAI-compatible server)', () => {
  let fake: FakeOpenAI;
  let bot: ModelBot;

  before(async () => {
    fake = await new FakeOpenAI().listen();
    bot = await startModelBot({ model: openAIConfig(fake.url) });
  });
  after(async () => {
    await bot.stop();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('sends the question with the retrieved sections as numbered sources, and the rules before them', async () => {
    fake.reply({ text: 'Schools are rated by risk [1].' });
    await bot.ask(question, { conversationType: 'groupChat' });
    const [request] = fake.completions();
    assert.ok(request, 'the model was asked');
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.body.model, 'gpt-test');
    assert.equal(request.headers.authorization, 'Bearer sk-test');
    const { system, user, messages } = promptOf(request);
    assert.deepEqual(
      messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.equal(user, question);
    assert.match(system, /Answer only from the numbered sources/);
    assert.match(system, /<source n="1" document="[^"]+" section="[^"]*"/);
    assert.match(system, /RAYG/);
    assert.ok(system.indexOf('Answer only from') < system.indexOf('<source n="1"'), 'rules come before the sources');
    assert.ok(system.trimEnd().endsWith('under the rules given before the sources.'), 'the sources block is closed');
  });

  it('maps the [n] the model uses to Teams citations, renumbered, with the AI label and feedback buttons (group chat: one message)', async () => {
    fake.reply({ text: 'Ratings follow the framework [2]. Support is targeted where it matters [1][2]. Not a source [9].' });
    const { conversationId } = await bot.ask(question, { conversationType: 'groupChat' });
    const messages = bot.connector.messages(conversationId);
    assert.equal(messages.length, 1);
    const [reply] = messages;
    assert.equal(reply?.text, 'Ratings follow the framework [1]. Support is targeted where it matters [2][1]. Not a source.');
    const entity = aiEntity(reply);
    assert.ok(entity, 'message entity present');
    assert.deepEqual(entity.additionalType, ['AIGeneratedContent']);
    assert.equal(entity.citation?.length, 2);
    for (const [i, c] of (entity.citation ?? []).entries()) {
      assert.equal(c['@type'], 'Claim');
      assert.equal(c.position, i + 1);
      assert.equal(c.appearance['@type'], 'DigitalDocument');
      assert.ok(c.appearance.name.includes(' — ') || c.appearance.name.length > 0);
      assert.ok(c.appearance.abstract.length > 0 && c.appearance.abstract.length <= 160);
    }
    assert.deepEqual(reply?.channelData, { feedbackLoopEnabled: true });
    assert.equal(fake.completions()[0]?.body.stream, undefined, 'group chats do not stream');
    const [completion] = fake.completions();
    assert.ok(completion);
    const { system } = promptOf(completion);
    const source2 = system.match(/<source n="2" document="([^"]+)" section="([^"]*)"/);
    assert.ok(source2);
    assert.ok(entity.citation?.[0]?.appearance.name.startsWith(source2[1]?.slice(0, 40) ?? '-'), "citation [1] is the prompt's source 2");
  });

  it('removes links the model writes and never puts model text in a card', async () => {
    fake.reply({
      text: 'See [the portal](https://evil.example/login) or https://evil.example/x and www.evil.example now [1]. <a href="https://evil.example">click</a> ![img](https://evil.example/p.png)',
    });
    const { conversationId } = await bot.ask(question, { conversationType: 'channel' });
    const [reply] = bot.connector.messages(conversationId);
    assert.doesNotMatch(reply?.text ?? '', /evil\.example|https?:|<a /);
    assert.match(reply?.text ?? '', /See the portal or \(link removed\)/);
    assert.equal(reply?.attachments, undefined);
  });

  it('does not ask the model when the documents have nothing on the question', async () => {
    const { conversationId } = await bot.ask('Zyxqv plorbnak wuggle?', { conversationType: 'groupChat' });
    assert.equal(fake.completions().length, 0);
    assert.equal(bot.connector.messages(conversationId).length, 1);
  });
});

describe('model failures fall back to the offline answer', () => {
  let fake: FakeOpenAI;
  let bot: ModelBot;
  let offlineText: string;
  const log = console.log;

  before(async () => {
    fake = await new FakeOpenAI().listen();
    bot = await startModelBot({ model: openAIConfig(fake.url, 1500) });
    // Teams AI's OpenAIModel prints every API error to the console; keep test output readable.
    console.log = () => undefined;
    const offline = answerQuestion(bot.kb, question, {});
    assert.equal(offline.kind, 'answer', 'the corpus answers the question offline');
    offlineText = usedCitations(offline.text, offline.citations).text;
  });
  after(async () => {
    await bot.stop();
    await fake.close();
    console.log = log;
  });
  beforeEach(() => fake.reset());

  const cases: { name: string; replies: Parameters<FakeOpenAI['reply']>; requests: number }[] = [
    { name: '429 on every attempt', replies: [{ status: 429 }, { status: 429 }, { status: 429 }, { status: 429 }], requests: 3 },
    { name: '500 on every attempt', replies: [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }], requests: 3 },
    { name: 'a reply that is not JSON', replies: [{ malformed: true }], requests: 1 },
    { name: 'a reply with no content', replies: [{ empty: true }], requests: 1 },
    { name: 'no answer within OPENAI_TIMEOUT_MS', replies: [{ hang: true }, { hang: true }, { hang: true }], requests: 1 },
  ];
  for (const c of cases) {
    it(`${c.name}: the offline answer with one line saying the fuller answer is unavailable`, async () => {
      fake.reply(...c.replies);
      const t0 = Date.now();
      const { conversationId } = await bot.ask(question, { conversationType: 'groupChat' });
      const messages = bot.connector.messages(conversationId);
      assert.equal(messages.length, 1);
      const text = messages[0]?.text ?? '';
      assert.equal(text, `${modelUnavailableNotice}\n\n${offlineText}`);
      assert.doesNotMatch(visibleText(messages), /Error|\bat .+\.(js|ts):\d+|status of|stack/i);
      assert.ok(fake.completions().length <= c.requests, `at most ${c.requests} requests, got ${fake.completions().length}`);
      if (c.requests === 3) assert.equal(fake.completions().length, 3, 'two retries, no more');
      assert.ok(Date.now() - t0 < 10_000);
    });
  }

  it('a 500 followed by a good reply: the retry answers', async () => {
    fake.reply({ status: 500 }, { text: 'Recovered answer [1].' });
    const { conversationId } = await bot.ask(question, { conversationType: 'groupChat' });
    const [reply] = bot.connector.messages(conversationId);
    assert.equal(reply?.text, 'Recovered answer [1].');
    assert.equal(fake.completions().length, 2);
  });
});
