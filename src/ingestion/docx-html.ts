/**
 * Word documents arrive as mammoth's HTML, which keeps what raw text loses: which paragraphs were
 * styled as headings and which were list items. This turns that HTML into the markdown-like text
 * `parse-document` already reads ("# Heading", "- item", blank line between paragraphs).
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) return String.fromCodePoint(name.charAt(1).toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const inline = (html: string): string => decode(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();

/** Markdown-like text of mammoth's HTML: headings, list items, table cells and paragraphs, one per block. */
export function docxHtmlToText(html: string): string {
  const out: string[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li|td|th)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const [, element = '', html = ''] = m;
    const tag = element.toLowerCase();
    const text = inline(html);
    if (!text) continue;
    if (tag[0] === 'h' && tag !== 'th') out.push(`${'#'.repeat(Number(tag[1]))} ${text}`);
    else if (tag === 'li') out.push(`- ${text}`);
    else out.push(text);
  }
  return out.join('\n\n');
}
