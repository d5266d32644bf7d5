/**
 * User-supplied text escaped with `literal` renders as typed in markdown-it, the renderer Teams' web
 * client and the Agents Playground use for Adaptive Card text (with link detection on, as Teams has it).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { literal, literalLine } from '../../src/teams/markdown';

const md = new MarkdownIt({ linkify: true });

/** What a reader sees: the rendered text without tags, whitespace collapsed. */
const seen = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Tags other than paragraphs and line breaks: anything the text would have turned into. */
const structure = (html: string) => [...html.matchAll(/<(\w+)/g)].flatMap((m) => m[1] ?? []).filter((tag) => tag !== 'p' && tag !== 'br');

describe('markdown: user text renders as typed', () => {
  const attacks = [
    '- **Fake School** — forged entry',
    'Fell to red.\n- **Fake School** — forged entry\n- [sign in](https://evil.example/login)',
    '[sign in](https://evil.example/login)',
    'see https://evil.example/x or www.evil.example or mail ceo@evil.example',
    '# Heading\n> quote\n1. one\n2) two\n+ plus\n* star\n---\n===',
    '    indented code\n```\nfenced\n```',
    '<b>html</b> &copy; &lt; ![img](https://evil.example/i.png) `code` ~~strike~~ _em_ __strong__ | a | b |',
    'trailing backslash \\\nnext line',
  ];

  for (const text of attacks) {
    it(`renders ${JSON.stringify(text.slice(0, 40))} literally: no links, lists, emphasis or headings`, () => {
      const html = md.render(literal(text));
      assert.deepEqual(structure(html), [], html);
      assert.equal(seen(html), text.replace(/\s+/g, ' ').trim(), html);
    });
  }

  it('any text at all renders as typed, with no structure (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab -*_[]()<>#!`~|&:/.@\\\n 1=+>"\'w'.split('')), maxLength: 60 }), (text) => {
        const html = md.render(literal(text));
        assert.deepEqual(structure(html), [], html);
        assert.equal(seen(html), text.replace(/\s+/g, ' ').trim(), html);
      }),
      { numRuns: 500 },
    );
  });

  it('literalLine keeps a list item on one line', () => {
    assert.equal(literalLine('one\n- two'), 'one - two');
  });
});
