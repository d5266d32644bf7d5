/**
 * Markdown in what people and other systems send renders as typed: in the `concerns` list (message
 * markdown) and in the alert card (TextBlocks and facts), rendered here with markdown-it as Teams' web
 * client and the Agents Playground render them. And `raisedBy` from the API is shown as a claim made
 * through an API key, not as an authenticated author.
 */
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { postActivity, teamsMessage } from '../support/teams-activity';
import { startConcernHarness, type ConcernHarness } from './concern-harness';

const md = new MarkdownIt({ linkify: true });
const tags = (html: string, tag: string) => [...html.matchAll(new RegExp(`<${tag}[\\s>]`, 'g'))].length;

/** Every text a card shows, as [where, text]: TextBlock texts and FactSet values. */
function cardTexts(node: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n) => cardTexts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(['TextBlock', o.text]);
    if (typeof o.title === 'string' && typeof o.value === 'string') out.push([`fact ${o.title}`, o.value]);
    Object.values(o).forEach((v) => cardTexts(v, out));
  }
  return out;
}

describe('concerns: markdown in what people send renders as typed', () => {
  let h: ConcernHarness;
  before(async () => {
    h = await startConcernHarness();
  });
  after(async () => h.close());

  it('a summary with forged list lines and a sign-in link shows as text in the concerns list and the card; raisedBy is shown as said through an API key', async () => {
    await postActivity(h.url, teamsMessage(h.connector.url, 'subscribe concerns', { user: 'admin-1', conversationId: 'a:md-admin' }));
    const summary = 'Fell to red.\n- **Fake School** — forged entry\n[sign in](https://evil.example/login)';
    const res = await fetch(`${h.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key-1' },
      body: JSON.stringify({
        kind: 'other',
        school: { name: 'Real _School_ [x](https://evil.example)' },
        summary,
        raisedBy: 'Director of Education',
      }),
    });
    assert.equal(res.status, 201);

    const before = h.connector.messages('a:md-admin').length;
    await postActivity(h.url, teamsMessage(h.connector.url, 'concerns', { user: 'admin-1', conversationId: 'a:md-admin' }));
    // The alert itself may arrive here too (a delivery worker shares the test store): take the list.
    const isList = (a: { text?: string }) => /^Open concerns/.test(a.text ?? '');
    const list = (await h.connector.waitFor('a:md-admin', (m) => m.slice(before).some(isList))).slice(before).find(isList);
    assert.ok(list, 'the concerns list');
    const listHtml = md.render(list.text ?? '');
    assert.equal(tags(listHtml, 'li'), 1, `one concern, one list line: ${listHtml}`);
    assert.equal(tags(listHtml, 'a'), 0, `no live link: ${listHtml}`);
    assert.match(listHtml, /\*\*Fake School\*\*/, 'the forged bold shows as typed');

    const [row] = await h.store.query<{ payload: { attachments: { content: unknown }[] } }>(
      `SELECT payload FROM outbox WHERE dedupe_key LIKE 'concern:%:raised'`,
    );
    const texts = cardTexts(row?.payload.attachments[0]?.content);
    for (const [where, text] of texts) {
      const html = md.render(text);
      assert.equal(tags(html, 'a'), 0, `${where}: ${html}`);
      assert.equal(tags(html, 'li'), 0, `${where}: ${html}`);
      assert.equal(tags(html, 'em'), 0, `${where}: ${html}`);
    }
    const raisedBy = texts.find(([where]) => where === 'fact Raised by')?.[1] ?? '';
    assert.match(raisedBy, /^Director of Education \(as named by another system, via API key key-[0-9a-f]{8}\)/);
  });
});
