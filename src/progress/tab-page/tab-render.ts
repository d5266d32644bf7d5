/**
 * Draws the snapshot: charts with their tables, overdue and due-soon lists, what changed, concerns (only
 * when the server sent them — it sends them only to those allowed), every workstream with its timeline,
 * and the meeting paper. Headings make the page navigable by screen reader; every status has its symbol
 * and its words beside its colour.
 */
import type { ProgressSnapshot, TabProgressResponse, TimelineEvent, WorkstreamProgress } from '../progress-types';
import { countBars, statusDoughnut, thenNowBars } from './tab-charts';
import { day, formatDay, h, numberTable, plural } from './tab-dom';

export interface RenderActions {
  /** Reload with "what changed" from another date. */
  changeSince(since: string): void;
  /** Make a new paper now. */
  makePaper(): void;
}

const statusText = (w: { status: string; statusSymbol: string; statusLabel: string }) =>
  h('span', { class: `status status-${w.status}` }, `${w.statusSymbol} ${w.statusLabel}`);

function section(id: string, title: string, ...children: (Node | false)[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), ...children);
}

function standing(s: ProgressSnapshot): HTMLElement {
  const thenLabel = `On ${formatDay(s.since)}`;
  const doughnut = h('canvas', { id: 'status-chart' });
  const bars = h('canvas', { id: 'then-now-chart' });
  const el = section(
    'standing',
    'Where things stand',
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        { class: 'panel' },
        h('div', { class: 'chart' }, doughnut),
        numberTable(
          `Workstreams by status, ${formatDay(s.today)}`,
          ['Status', 'Workstreams'],
          s.counts.map((c) => [`${c.symbol} ${c.label}`, c.count]),
        ),
        h(
          'p',
          { class: s.overdueCount ? 'overdue' : 'subtle' },
          s.overdueCount ? `${plural(s.overdueCount, 'workstream')} overdue` : 'Nothing is overdue',
        ),
      ),
      h(
        'div',
        { class: 'panel' },
        h('div', { class: 'chart' }, bars),
        numberTable(
          `Status ${thenLabel.replace(/^On/, 'on')} and now`,
          ['Status', thenLabel, 'Now'],
          s.counts.map((c, i) => [`${c.symbol} ${c.label}`, s.countsThen[i]?.count ?? 0, c.count]),
        ),
      ),
    ),
  );
  requestAnimationFrame(() => {
    statusDoughnut(doughnut, s.counts);
    thenNowBars(bars, s.countsThen, s.counts, thenLabel);
  });
  return el;
}

function dated(s: ProgressSnapshot): HTMLElement {
  const link = (slug: string, name: string) => h('a', { href: `#ws-${slug}` }, name);
  return h(
    'div',
    { class: 'grid' },
    section(
      'overdue',
      `Overdue (${s.overdue.length})`,
      s.overdue.length
        ? h(
            'ul',
            { class: 'items' },
            ...s.overdue.map((o) =>
              h(
                'li',
                {},
                link(o.slug, o.name),
                `: ${o.title} — due `,
                day(o.due),
                ` (${plural(o.days, 'day')} late${o.estimated ? '; date estimated from the 2016 paper' : ''})`,
              ),
            ),
          )
        : h('p', {}, 'Nothing is overdue.'),
    ),
    section(
      'due-soon',
      `Due in the next four weeks (${s.dueSoon.length})`,
      s.dueSoon.length
        ? h(
            'ul',
            { class: 'items' },
            ...s.dueSoon.map((o) =>
              h('li', {}, link(o.slug, o.name), `: ${o.title} — due `, day(o.due), ` (${o.days === 0 ? 'today' : `in ${plural(-o.days, 'day')}`})`),
            ),
          )
        : h('p', {}, 'No milestone falls due in the next four weeks.'),
    ),
  );
}

function changes(s: ProgressSnapshot, actions: RenderActions): HTMLElement {
  const input = h('input', { id: 'since', type: 'date', value: s.since, max: s.today });
  const basis = s.sinceBasis === 'last-paper' ? ' (the last meeting paper)' : s.sinceBasis === 'four-weeks' ? ' (four weeks ago)' : '';
  const form = h(
    'form',
    { class: 'controls' },
    h('div', {}, h('label', { for: 'since' }, 'Changes since'), input),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (input.value) actions.changeSince(input.value);
  });
  return section(
    'changes',
    `What changed since ${formatDay(s.since)}${basis}`,
    form,
    s.changes.length
      ? h(
          'ul',
          { class: 'items' },
          ...s.changes.map((c) =>
            h(
              'li',
              {},
              h('a', { href: `#ws-${c.slug}` }, c.name),
              c.from === c.to ? `: still ${c.toLabel.toLowerCase()}` : `: ${c.fromLabel} → ${c.toLabel}`,
              ` (${plural(c.updates.length, 'update')}). Latest, ${c.updates[c.updates.length - 1]?.author ?? ''}: “${c.updates[c.updates.length - 1]?.summary ?? ''}”`,
            ),
          ),
        )
      : h('p', {}, 'No workstream has been updated since then.'),
  );
}

function concerns(s: ProgressSnapshot): HTMLElement | false {
  const c = s.concerns;
  if (!c) return false;
  const kinds = h('canvas', { id: 'concern-kind-chart' });
  const el = section(
    'concerns',
    `Open concerns (${c.total})`,
    h('p', { class: 'subtle' }, 'Shown to admins, SEND Executive members and officers only.'),
    c.total === 0
      ? h('p', {}, 'There are no open concerns.')
      : h(
          'div',
          { class: 'grid' },
          h(
            'div',
            { class: 'panel' },
            h('div', { class: 'chart' }, kinds),
            numberTable(
              'Open concerns by kind',
              ['Kind', 'Open'],
              c.byKind.map((k) => [k.label, k.count]),
            ),
          ),
          h(
            'div',
            { class: 'panel' },
            numberTable(
              'Open RAYG concerns by rating',
              ['Rating', 'Open'],
              c.byRating.map((r) => [r.label, r.count]),
            ),
          ),
        ),
  );
  if (c.total > 0)
    requestAnimationFrame(() =>
      countBars(
        kinds,
        'open concerns by kind',
        c.byKind.map((k) => ({ label: k.label, count: k.count })),
      ),
    );
  return el;
}

const timelineSymbols: Record<TimelineEvent['kind'], string> = { paper: '▤', update: '●', milestone: '◆' };

function timelineItem(t: TimelineEvent): HTMLElement {
  const state = t.state === 'overdue' ? ' — overdue' : t.state === 'passed' ? ' — passed' : t.state === 'due' ? ' — due' : '';
  const kind = t.kind === 'paper' ? 'Paper' : t.kind === 'update' ? 'Update' : 'Milestone';
  return h(
    'li',
    { 'data-symbol': timelineSymbols[t.kind], class: t.state === 'overdue' ? 'overdue' : undefined },
    day(t.date),
    h('span', { class: 'visually-hidden' }, `${kind}: `),
    h('strong', {}, t.title),
    state,
    t.detail ? h('div', { class: 'subtle' }, t.detail) : false,
  );
}

function workstream(w: WorkstreamProgress): HTMLElement {
  const m = w.nextMilestone;
  return h(
    'article',
    { id: `ws-${w.slug}`, class: `ws${w.overdue ? ' is-overdue' : ''}`, 'aria-labelledby': `ws-${w.slug}-h`, tabindex: '-1' },
    h('div', { class: 'ws-head' }, h('h3', { id: `ws-${w.slug}-h` }, w.name), statusText(w)),
    h('p', { class: 'subtle' }, `Lead: ${w.lead}`),
    h(
      'p',
      { class: w.overdue ? 'overdue' : undefined },
      w.overdue ? 'Overdue: ' : 'Next: ',
      m ? `${m.title}${m.due ? ` — due ${formatDay(m.due)}` : ''}${m.estimated ? ' (date estimated from the 2016 paper)' : ''}` : 'no milestone set',
    ),
    h('p', { class: 'position-heading' }, w.lastUpdate ? `Current position (${w.lastUpdate.author}):` : 'Current position (2016 paper):'),
    w.position.length > 1 ? h('ul', { class: 'items' }, ...w.position.map((p) => h('li', {}, p))) : h('p', {}, w.position[0] ?? ''),
    h(
      'details',
      {},
      h('summary', {}, `Timeline (${plural(w.timeline.length, 'entry', 'entries')})`),
      h('ol', { class: 'timeline', 'aria-label': `Timeline of ${w.name}` }, ...w.timeline.map(timelineItem)),
    ),
  );
}

function paper(r: TabProgressResponse, actions: RenderActions): HTMLElement {
  const s = r.snapshot;
  const button = h('button', { type: 'button', id: 'make-paper' }, 'Make the meeting paper now');
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = 'Making the paper…';
    actions.makePaper();
  });
  return section(
    'paper',
    'Meeting paper',
    h(
      'p',
      {},
      '“Progress on SEND Strategy and Workstreams”, as a Word document in the shape of the 2016 paper, filled from the registry and every update since.',
    ),
    s.papers.length
      ? h(
          'ul',
          { class: 'items' },
          ...s.papers.map((p) => {
            const link = r.paperLinks[String(p.id)];
            return h('li', {}, link ? h('a', { href: link.url, download: '' }, p.title) : p.title, ' — ', day(p.date));
          }),
        )
      : h('p', {}, 'No paper has been made yet.'),
    r.viewer.canMakePaper ? button : h('p', { class: 'subtle' }, 'Admins and SEND Executive members can make the paper and download it.'),
    h('p', { id: 'paper-result', role: 'status' }),
  );
}

export function render(main: HTMLElement, r: TabProgressResponse, actions: RenderActions): void {
  const s = r.snapshot;
  main.replaceChildren(
    standing(s),
    dated(s),
    changes(s, actions),
    ...[concerns(s)].filter((x): x is HTMLElement => x !== false),
    section('workstreams', `Workstreams (${s.workstreams.length})`, h('div', { class: 'workstreams' }, ...s.workstreams.map(workstream))),
    paper(r, actions),
  );
}
