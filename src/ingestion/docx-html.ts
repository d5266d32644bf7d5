/**
 * Word documents arrive as mammoth's HTML, which keeps what raw text loses: which paragraphs were
 * styled as headings, which were list items, and which were table cells. This turns that HTML into the
 * markdown-like text `parse-document` already reads ("# Heading", "- item", blank line between
 * paragraphs). A table becomes tab-separated rows, one line each, cells keeping their paragraph and list
 * markup — the shape the text extractions of tables have (the SEND workstreams paper), so a table with a
 * header row becomes one section per row, named by its first cell.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#'))
      return String.fromCodePoint(name.charAt(1).toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const inline = (html: string): string =>
  decode(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** Paragraphs and lists outside tables. */
function blocksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const [, element = '', body = ''] = m;
    const tag = element.toLowerCase();
    const text = inline(body);
    if (!text) continue;
    if (tag[0] === 'h') out.push(`${'#'.repeat(Number(tag[1]))} ${text}`);
    else if (tag === 'li') out.push(`- ${text}`);
    else out.push(text);
  }
  return out;
}

/**
 * One cell on one line: its paragraphs and lists as `<p>…</p>` and `<ul><li>…</li></ul>` (what the table
 * reader splits on), every other tag dropped; a cell of one plain paragraph is just its text.
 */
/** A cell's text with its paragraph and list tags kept (private-use characters stand in for < and > while the rest is stripped). */
function cellText(html: string): string {
  const kept = html
    .replace(
      /<(\/?)(p|ul|ol|li)\b[^>]*>/gi,
      (_m, close: string, tag: string) => `\ue000${close}${tag.toLowerCase() === 'ol' ? 'ul' : tag.toLowerCase()}\ue001`,
    )
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '');
  const text = decode(kept)
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/\ue000/g, '<')
    .replace(/\ue001/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
  const single = /^<p>([^<]*)<\/p>$/.exec(text);
  return (single?.[1] ?? text).trim();
}

function tableRows(html: string): string[] {
  const rows: string[] = [];
  for (const row of html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const cells = [...(row[1] ?? '').matchAll(/<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((c) => cellText(c[2] ?? ''));
    if (cells.some(Boolean)) rows.push(cells.join('\t'));
  }
  return rows;
}

/** Markdown-like text of mammoth's HTML: headings, list items and paragraphs one per block, table rows one per line. */
export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  let at = 0;
  for (const table of html.matchAll(/<table\b[^>]*>[\s\S]*?<\/table>/gi)) {
    out.push(...blocksOf(html.slice(at, table.index)));
    const rows = tableRows(table[0]);
    if (rows.length) out.push(rows.join('\n'));
    at = (table.index ?? 0) + table[0].length;
  }
  out.push(...blocksOf(html.slice(at)));
  return out.join('\n\n');
}
