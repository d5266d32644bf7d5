import assert from 'node:assert/strict';
import { searchText } from '../../src/answering/retrieve';
import type { KnowledgeBase } from '../../src/ingestion/knowledge-base';
import { corpusKnowledge } from '../support/knowledge';
import { strategyGuidance, type GuidanceHit } from '../../src/concerns/strategy-guidance';
import { concernCard } from '../../src/concerns/concern-card';
import type { Concern } from '../../src/concerns/concern-types';

describe('what the strategy says on a concern card', () => {
  let kb: KnowledgeBase;
  const hits = (q: string, limit: number): GuidanceHit[] =>
    searchText(kb, q, limit).map((h) => ({ section: h.section, docTitle: h.document.title, superseded: h.document.status === 'superseded' }));
  before(async () => {
    kb = await corpusKnowledge();
  });

  it('for a warning notice, quotes the 15-day compliance period and the council powers, citing the 2021-2026 strategy', async () => {
    const g = await strategyGuidance(hits, { kind: 'warning-notice' });
    assert.ok(g);
    assert.match(g.text, /ending 15 days later/);
    assert.match(g.text, /powers/);
    assert.match(g.citation, /School Improvement Strategy 2021-2026/);
  });

  it('for a red rating, names the action group and the improvement and support plans, and never the amber rule', async () => {
    const g = await strategyGuidance(hits, { kind: 'rayg', rating: 'red' });
    assert.ok(g);
    assert.match(g.text, /action group/i);
    assert.match(g.text, /support plan/);
    assert.doesNotMatch(g.text, /rated amber/);
  });

  it('for an Ofsted category, says the statement of action is due within ten days', async () => {
    const g = await strategyGuidance(hits, { kind: 'ofsted-category' });
    assert.match(g?.text ?? '', /statement of action within ten days/);
  });

  it('when the documents have nothing that fits, then there is no guidance rather than a loose quote', async () => {
    assert.equal(await strategyGuidance(() => [], { kind: 'safeguarding' }), null);
  });

  it('the alert card carries severity colour, subject, due dates with countdown, guidance and the trail', async () => {
    const concern: Concern = {
      id: 'c-1',
      kind: 'warning-notice',
      school: { name: 'Elm Grove', urn: '117001' },
      summary: 'Notice given',
      status: 'open',
      source: 'api',
      raisedBy: 'Olive Officer',
      raisedAt: '2026-03-01T10:00:00Z',
      issuedOn: '2026-03-01',
      deadlines: [{ key: 'compliance-period-end', label: 'Compliance period ends', date: '2026-03-16' }],
      events: [{ action: 'raised', actor: { id: 'o-1', name: 'Olive Officer' }, at: '2026-03-01T10:00:00Z' }],
    };
    const guidance = await strategyGuidance(hits, concern);
    const card = concernCard(concern, { today: '2026-03-14', guidance });
    const text = JSON.stringify(card);
    assert.equal(card.version, '1.5');
    assert.match(text, /"style":"attention"/);
    assert.match(text, /Elm Grove/);
    assert.match(text, /Mon,? 16 Mar 2026 \(in 2 days\)/);
    assert.match(text, /What the strategy says/);
    assert.match(text, /Raised by Olive Officer/);
    assert.match(text, /"verb":"concern.acknowledge"/);
    assert.doesNotMatch(text, /\$\{/);
  });
});
