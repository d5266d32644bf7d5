import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { dashboardCard, reportCard, statusUpdateCard, updateFormCard, workstreamCard } from '../../src/workstreams/workstream-cards';
import type { StatusEntry } from '../../src/workstreams/status-model';
import { viewOf } from '../../src/workstreams/workstream-view';
import { cardBytes, cardWarnings, maxCardBytes } from './card-check';
import { fixtureWorkstream } from './workstream-fixture';
import { loadRegistry } from '../../src/workstreams/registry';

const md = new MarkdownIt({ linkify: true });

/** Every TextBlock text and FactSet value on a card. */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textsOf(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string') out.push(o.value);
    Object.values(o).forEach((v) => textsOf(v, out));
  }
  return out;
}

const clock = { today: '2026-03-10', timeZone: 'Europe/London' };
const ws = fixtureWorkstream();
const entry: StatusEntry = {
  id: 'e1',
  slug: ws.slug,
  status: 'at-risk',
  summary: 'Review delayed: the panel data arrived late.',
  nextMilestone: { title: 'Report to the SEND Executive', due: '2026-04-01' },
  author: { id: 'lead-1', name: 'Jennie Newman' },
  source: 'teams',
  createdAt: '2026-03-09T10:15:00Z',
};

describe('workstream cards', () => {
  it('a workstream with no updates shows the paper position, not started, and its earliest milestone as overdue', () => {
    const card = workstreamCard(viewOf(ws, undefined, clock.today), clock);
    assert.deepEqual(cardWarnings(card), []);
    const text = JSON.stringify(card);
    assert.match(text, /Not started/);
    assert.match(text, /An independent review started in October/);
    assert.match(text, /Further meetings — due 31 January 2016/);
    assert.match(text, /Overdue: Further meetings/);
    // Years late reads as a person would write it, not as thousands of days.
    assert.match(text, /Further meetings was due January 2016 — no update since/);
    assert.doesNotMatch(text, /days ago/);
    assert.match(
      JSON.stringify(workstreamCard(viewOf(ws, undefined, '2016-02-10'), { ...clock, today: '2016-02-10' })),
      /was due 31 January 2016 \(10 days ago\)/,
    );
    assert.match(text, /Jennie Newman, County Lead for SEN/);
    assert.match(text, /Lee-Ann Britten \(Primary Head, substitute\)/);
    assert.ok(cardBytes(card) < maxCardBytes);
  });

  it('an updated workstream shows the latest status in its colour, who updated it and when, and both buttons', () => {
    const card = workstreamCard(viewOf(ws, entry, clock.today), clock);
    assert.deepEqual(cardWarnings(card), []);
    const text = JSON.stringify(card);
    assert.match(text, /"color":"Warning"/);
    assert.match(text, /At risk/);
    assert.match(text, /Jennie Newman, 9 Mar 2026, 10:15/);
    assert.doesNotMatch(text, /Overdue/);
    const actions = card.actions as { title: string; verb?: string }[];
    assert.deepEqual(
      actions.slice(0, 2).map((a) => a.title),
      ['Update status', 'Follow'],
    );
    assert.equal((card.refresh as { action: { verb: string } }).action.verb, 'workstream.refresh');
  });

  it("markdown in an update's summary, milestone and author renders as typed on every card that shows them", () => {
    const forged: StatusEntry = {
      ...entry,
      summary: 'On track.\n- **Autism** — complete\n[sign in](https://evil.example/login)',
      nextMilestone: { title: '[Report](https://evil.example) _now_', due: '2026-04-01' },
      author: { id: 'lead-1', name: '**Admin** www.evil.example' },
    };
    const view = viewOf(ws, forged, clock.today);
    const cards = [workstreamCard(view, clock), dashboardCard([view], clock), statusUpdateCard(ws, forged, 'on-track', clock)];
    for (const card of cards) {
      for (const text of textsOf(card)) {
        const html = md.render(text);
        assert.doesNotMatch(html, /<(a|li|strong|em)[\s>]/, html);
      }
    }
  });

  it('the dashboard lists every workstream and marks the overdue ones', () => {
    const other = fixtureWorkstream({ slug: 'autism', name: 'Autism', milestones: [] });
    const card = dashboardCard([viewOf(ws, undefined, clock.today), viewOf(other, entry, clock.today)], clock);
    assert.deepEqual(cardWarnings(card), []);
    const text = JSON.stringify(card);
    assert.match(text, /OVERDUE — Further meetings/);
    assert.match(text, /"style":"attention"/);
    assert.match(text, /2 workstreams: 1 not started, 1 at risk. 1 overdue./);
  });

  it('the update form echoes values and shows errors beside the fields', () => {
    const card = updateFormCard(viewOf(ws, entry, clock.today), { status: 'on-track', summary: '' }, { summary: 'Write a summary.' });
    assert.deepEqual(cardWarnings(card), []);
    const text = JSON.stringify(card);
    assert.match(text, /Write a summary\./);
    assert.match(text, /Please fix the highlighted fields/);
    assert.match(text, /"value":"on-track"/);
    const clean = updateFormCard(viewOf(ws, undefined, clock.today));
    assert.deepEqual(cardWarnings(clean), []);
    assert.doesNotMatch(JSON.stringify(clean), /Please fix/);
  });

  it('the follower notification and the report cards parse without warnings', () => {
    assert.deepEqual(cardWarnings(statusUpdateCard(ws, entry, 'on-track', clock)), []);
    const report = reportCard({
      title: 'Weekly digest',
      sections: [
        { heading: 'Changed', empty: 'Nothing changed.', items: [{ view: viewOf(ws, entry, clock.today), detail: 'x' }] },
        { heading: 'Overdue', empty: 'Nothing is overdue.', items: [] },
      ],
    });
    assert.deepEqual(cardWarnings(report), []);
    assert.match(JSON.stringify(report), /Nothing is overdue\./);
  });
});

describe('cards for every workstream in the registry', () => {
  it('each workstream card and the update form parse without warnings and stay under 28 KB', () => {
    const registry = loadRegistry('data/workstreams.json');
    const sizes: number[] = [];
    for (const w of registry.workstreams) {
      const view = viewOf(w, undefined, clock.today);
      for (const card of [workstreamCard(view, clock), updateFormCard(view)]) {
        assert.deepEqual(cardWarnings(card), [], w.slug);
        sizes.push(cardBytes(card));
      }
    }
    assert.ok(Math.max(...sizes) < maxCardBytes, `largest ${Math.max(...sizes)} bytes`);
  });
});
