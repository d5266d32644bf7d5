/**
 * A tiny element builder: text always goes in as text (never HTML), so a summary a lead typed cannot
 * become markup on the page.
 */
type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== false && child !== null && child !== undefined) el.append(child);
  return el;
}

/** "3 March 2026". */
export const formatDay = (iso: string): string =>
  new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A <time> element for a YYYY-MM-DD date. */
export const day = (iso: string): HTMLTimeElement => h('time', { datetime: iso.slice(0, 10) }, formatDay(iso));

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A table of label/number rows: what a chart shows, readable by screen readers and without colour. */
export function numberTable(caption: string, headings: string[], rows: (string | number)[][]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headings.map((t, i) => h('th', { scope: 'col', class: i > 0 ? 'num' : undefined }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, String(c)) : h('td', { class: 'num' }, String(c)))))),
    ),
  );
}
