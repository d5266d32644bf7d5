import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readPngHeader } from '../../scripts/png';
import { screenshot, sendMessage, usePlaygroundBot, waitForReply } from './playground-driver';

/** The Playground's default signed-in user ("Alex Wilber"), made an admin for this test. */
const playgroundUser = '00000000-0000-0000-0000-0000000000020';

describe('a concern alert in the Microsoft 365 Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  const running = usePlaygroundBot({ BOT_ADMINS: playgroundUser, API_KEYS: 'browser-test-key' });

  it('when an admin subscribes the chat and a red rating arrives over the API, the alert card is rendered with what the strategy says, and a screenshot is kept', async () => {
    const { page } = running().playground;
    await waitForReply(page, 'Herts SEND Assistant', 20_000);
    await sendMessage(page, 'subscribe concerns');
    await waitForReply(page, /Subscribed/, 20_000);

    const res = await fetch(`${running().bot.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer browser-test-key' },
      body: JSON.stringify({
        kind: 'rayg',
        rating: 'red',
        school: { name: 'Meadowbank Primary School', urn: '117002', phase: 'primary' },
        summary: 'Rated red after the autumn visit: leadership capacity and outcomes in writing are a concern.',
        raisedBy: 'School Improvement Partner',
      }),
    });
    assert.equal(res.status, 201);

    await waitForReply(page, /Meadowbank Primary School/, 30_000);
    // Drawn by the Playground's Adaptive Cards renderer, with its action buttons.
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Meadowbank Primary School' }).last();
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    const shown = await card.innerText();
    assert.match(shown, /\bred\b/i);
    assert.match(shown, /What the strategy says/i);
    assert.match(shown, /action group/i);
    assert.match(shown, /Acknowledge/);
    const header = readPngHeader(fs.readFileSync(await screenshot(page, 'playground-concern-alert')));
    assert.ok(header.width > 300 && header.height > 300, `${header.width}×${header.height}`);
  });

  it('when a summary holds forged list lines and a sign-in link, the Playground shows them as typed: no extra lines, no link', async () => {
    const { page } = running().playground;
    await sendMessage(page, 'subscribe concerns');
    await waitForReply(page, /already subscribed|Subscribed/, 20_000);
    const res = await fetch(`${running().bot.url}/api/concerns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer browser-test-key' },
      body: JSON.stringify({
        kind: 'other',
        school: { name: 'Larkspur Infant School' },
        summary: 'Attendance fell.\n- **Fake School** — forged entry\n[sign in](https://evil.example/login)',
      }),
    });
    assert.equal(res.status, 201);
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Larkspur Infant School' }).last();
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    const shown = await card.innerText();
    assert.match(shown, /- \*\*Fake School\*\* — forged entry/, 'the forged line shows as typed');
    assert.match(shown, /\[sign in\]\(https:\/\/evil\.example\/login\)/, 'the link shows as typed');
    assert.equal(await card.locator('a[href*="evil.example"]').count(), 0, 'no live link');
    assert.equal(await card.locator('li').count(), 0, 'no list made of the summary');
  });
});
