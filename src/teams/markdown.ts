/**
 * Text that people or other systems supplied, made to render literally in Teams markdown (message text
 * and Adaptive Card TextBlocks and FactSets): no forged list lines or headings, no bold, no links. A
 * concern summary of `- **Fake School** — forged entry` or `[sign in](https://…)` must show as typed.
 *
 * CommonMark lets a backslash escape any ASCII punctuation, and Teams' and the Playground's renderers
 * (markdown-it) honour it. What is escaped: the inline markers (`\ * _ ` ~ [ ] < > | &`), what starts a
 * block at the beginning of a line (`#`, `>`, `-`, `+`, `=`, `1.` / `1)`), and what an autolinker takes
 * for a link (`://`, `www.`, `@`), which an escape splits so no live link is made.
 */

const inline = /[\\`*_~[\]<>|&]/g;

function escapeLine(line: string): string {
  let out = line.replace(inline, (c) => `\\${c}`);
  out = out
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/@/g, '\\@');
  // Leading spaces would make an indented code block; a block marker at the start would make a list,
  // heading, quote or rule.
  out = out.replace(/^\s+/, '');
  out = out.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/** `text` escaped so that it renders as typed; paragraphs and line breaks are kept. */
export function literal(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('\n');
}

/** `text` escaped and on one line: for an item in a list, where a line break would start a forged line. */
export function literalLine(text: string): string {
  return escapeLine(text.replace(/\s+/g, ' ').trim());
}
