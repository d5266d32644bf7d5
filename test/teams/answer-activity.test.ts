import assert from 'node:assert/strict';
import type { Answer, Citation } from '../../src/answering/answer-types';
import { usedCitations } from '../../src/answering/citations';
import { answerActivity } from '../../src/teams/answer-activity';

const cite = (n: number, extra: Partial<Citation> = {}): Citation => ({
  docId: `doc-${n}`,
  title: `Document ${n}`,
  section: `Section ${n}`,
  abstract: `Abstract ${n} `.repeat(30),
  ...extra,
});

describe('answer messages in Teams shape', () => {
  it('keeps only the citations the text uses, renumbered in order, and drops unknown markers', () => {
    const { text, used } = usedCitations('First [3]. Second [1] and again [3]. Bogus [9].', [cite(1), cite(2), cite(3)]);
    assert.equal(text, 'First [1]. Second [2] and again [1]. Bogus.');
    assert.deepEqual(
      used.map((c) => c.docId),
      ['doc-3', 'doc-1'],
    );
  });

  it('an answer carries the AI-generated label, a citation per used source with an abstract of at most 160 chars, and feedback', () => {
    const answer: Answer = { kind: 'answer', text: 'It is so [1].', citations: [cite(1, { superseded: true })], context: {} };
    const activity = answerActivity(answer, { feedback: true });
    const entity = (activity.entities ?? [])[0] as Record<string, unknown>;
    assert.deepEqual(entity.additionalType, ['AIGeneratedContent']);
    const citations = entity.citation as { position: number; appearance: { name: string; abstract: string; keywords?: string[] } }[];
    assert.equal(citations.length, 1);
    assert.equal(citations[0]?.position, 1);
    assert.equal(citations[0]?.appearance.name, 'Document 1 — Section 1');
    assert.ok(citations[0]?.appearance.abstract.length <= 160);
    assert.deepEqual(citations[0]?.appearance.keywords, ['Superseded']);
    assert.deepEqual(activity.channelData, { feedbackLoopEnabled: true });
  });

  it('a decline has no AI label and no citations', () => {
    const activity = answerActivity({ kind: 'decline', text: "I couldn't find that.", citations: [], context: {} }, { feedback: false });
    assert.deepEqual(activity.entities, []);
  });

  it('never shows more than 20 citations', () => {
    const citations = Array.from({ length: 25 }, (_, i) => cite(i + 1));
    const text = citations.map((_, i) => `Fact [${i + 1}].`).join(' ');
    assert.equal(usedCitations(text, citations).used.length, 20);
  });
});
