/**
 * Citations and the AI-generated label survive the Bot Connector client's serialisation: asked over
 * /api/messages, the answer that reaches the (loopback) connector still carries every field of its
 * entity. botframework-connector would otherwise send it as a bare `{ type }` (src/teams/open-entities.ts).
 */
import assert from 'node:assert/strict';
import { allowOpenEntities } from '../../src/teams/open-entities';
import { sharedBot, type BotUnderTest } from '../support/bot-under-test';
import { postActivity, teamsMessage } from '../support/teams-activity';

interface MessageEntity {
  type: string;
  '@type'?: string;
  additionalType?: string[];
  citation?: { '@type': string; position: number; appearance: { '@type': string; name: string; abstract: string } }[];
}

describe('citations on the wire', () => {
  let t: BotUnderTest;
  before(async () => {
    t = await sharedBot();
  });

  it('when someone asks a question the papers answer, then the reply the connector receives carries the AI label and its citations in full', async () => {
    const conversationId = `a:citations-${process.pid}`;
    const res = await postActivity(t.bot.url, teamsMessage(t.connector.url, 'Who leads the autism workstream?', { conversationId }));
    assert.equal(res.status, 200);
    const [reply] = await t.connector.waitFor(conversationId, (m) => m.some((a) => a.type === 'message'));
    assert.ok(reply);
    const entity = (reply.entities ?? []).find((e) => e.type === 'https://schema.org/Message') as MessageEntity | undefined;
    assert.ok(entity, 'the message entity is there');
    assert.equal(entity['@type'], 'Message');
    assert.deepEqual(entity.additionalType, ['AIGeneratedContent']);
    assert.ok(entity.citation && entity.citation.length > 0, 'citations are there');
    for (const [i, c] of entity.citation.entries()) {
      assert.equal(c['@type'], 'Claim');
      assert.equal(c.position, i + 1);
      assert.equal(c.appearance['@type'], 'DigitalDocument');
      assert.ok(c.appearance.name.length > 0);
      assert.ok(c.appearance.abstract.length > 0);
    }
    assert.match(reply.text ?? '', /\[1\]/);
  });

  it('refuses a botframework-connector version it was not checked against, so an upgrade is looked at', () => {
    assert.throws(() => allowOpenEntities('4.24.0'), /not a version allowOpenEntities\(\) was checked against/);
    assert.doesNotThrow(() => allowOpenEntities('4.23.3'));
  });
});
