/**
 * What a model writes is untrusted text. Before anyone sees it, links are neutralised (the bot links
 * only to documents it has indexed, and those travel as citation entities, never as URLs in the
 * text), markup that Teams would render is removed, citation markers are normalised, and the length
 * is bounded. While streaming, only the part of the text that can no longer change is shown.
 */
import { z } from 'zod';
import type { Citation } from '../answer-types';
import { usedCitations } from '../citations';

/** Longest model text shown; the prompt asks for much less. */
export const maxModelTextChars = 1600;

const linkPlaceholder = '(link removed)';

/** A model reply worth looking at: a non-empty string of sane length. Anything else is malformed. */
export const modelReplySchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1).max(20_000));

/**
 * Removes HTML, images and links; keeps `[n]` markers. Bare and markdown links are replaced so that
 * no clickable URL the documents did not supply can reach the user.
 */
export function neutraliseModelText(raw: string): string {
  return (
    raw
      .replace(/\r\n?/g, '\n')
      // Full-width and bracket variants some models use for citations: 【1】, [1, 2], [1-2] → [1][2].
      .replace(/【(\d+)】/g, '[$1]')
      .replace(/\[(\d+(?:\s*[,;]\s*\d+)+)\]/g, (_all, list: string) =>
        list
          .split(/\s*[,;]\s*/)
          .map((n) => `[${n}]`)
          .join(''),
      )
      // Autolinks (<https://…>) and HTML tags render in Teams.
      .replace(/<(?:https?|ftp|mailto):[^>]*>/gi, linkPlaceholder)
      .replace(/<\/?[a-z!][^>]*>/gi, '')
      // Images would fetch a URL the moment the message renders.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      // Markdown links keep their words, lose their target. A bare number stays a citation marker.
      .replace(/\[([^\]]+)\]\([^)]*\)/g, (_all, label: string) => (/^\d+$/.test(label) ? `[${label}]` : label))
      // Reference-style definitions: "[x]: https://…".
      .replace(/^\s*\[[^\]]+\]:\s*<?(?:https?:|ftp:|mailto:|www\.)\S*.*$/gim, '')
      .replace(/\b(?:(?:https?|ftp):\/\/|mailto:|www\.[a-z0-9-]+\.)[^\s)\]>]*/gi, (url) => linkPlaceholder + (url.match(/[.,;:!?]+$/)?.[0] ?? ''))
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
  );
}

/** Whether the text cites at least one of the numbered sources. */
export function citesSources(text: string, sourceCount: number): boolean {
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(m[1]);
    if (n >= 1 && n <= sourceCount) return true;
  }
  return false;
}

/** Cuts at a sentence end near the limit, so a long reply ends cleanly. */
export function clipModelText(text: string, limit = maxModelTextChars): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, limit);
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('] '));
  return `${(end > limit / 2 ? head.slice(0, end + 1) : head).trimEnd()} …`;
}

/** The final text of a model answer: neutralised, markers checked, clipped. */
export function finalModelText(raw: string): string {
  return clipModelText(neutraliseModelText(raw).trim());
}

/**
 * The part of a partial reply that later tokens cannot change: up to the last whitespace, and before
 * any bracket, tag or link that is still open. Citation markers and links are only judged whole.
 */
export function settledPrefix(partial: string): string {
  const lastSpace = Math.max(partial.lastIndexOf(' '), partial.lastIndexOf('\n'));
  let text = lastSpace >= 0 ? partial.slice(0, lastSpace) : '';
  for (;;) {
    const open = text.match(/(!?\[[^\]]*\]?(\([^)]*)?|<[^>]*|【[^】]*)$/);
    // A "[n]" at the very end may still become "[n](…)"; with text after it, it is settled.
    if (!open || open.index === undefined) break;
    text = text.slice(0, open.index);
  }
  return text.trimEnd();
}

/**
 * What to show while a reply streams in: nothing until it cites a source (so an ungrounded reply is
 * never shown), then the settled part, neutralised and with citations renumbered as the final
 * message will number them.
 */
export function streamingText(partial: string, sources: Citation[]): string {
  const settled = neutraliseModelText(settledPrefix(partial));
  if (!citesSources(settled, sources.length)) return '';
  return clipModelText(usedCitations(settled, sources).text.trimEnd());
}

const echoWindow = 8;
const wordsOf = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * A check for replies that repeat the bot's instructions: true when the reply contains any run of
 * eight consecutive words from `instructions`. The prompt asks the model never to reveal its rules;
 * this makes sure a model talked into it still cannot show them.
 */
export function instructionEcho(instructions: string): (reply: string) => boolean {
  const words = wordsOf(instructions);
  const windows = new Set<string>();
  for (let i = 0; i + echoWindow <= words.length; i++) windows.add(words.slice(i, i + echoWindow).join(' '));
  return (reply) => {
    const r = wordsOf(reply);
    for (let i = 0; i + echoWindow <= r.length; i++) if (windows.has(r.slice(i, i + echoWindow).join(' '))) return true;
    return false;
  };
}
