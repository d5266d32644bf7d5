import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readPngHeader } from '../../scripts/png';
import { screenshot, sendMessage, usePlaygroundBot, waitForReply } from './playground-driver';

describe('the bot in the Microsoft 365 Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  const running = usePlaygroundBot();

  it('when the chat opens, then the bot greets with its welcome card', async () => {
    const { page } = running().playground;
    const welcome = await waitForReply(page, 'Herts SEND Assistant', 20_000);
    assert.match(welcome, /Ask about the strategy documents/);
  });

  it('when a user types "help", then the help card appears in the chat', async () => {
    const { page } = running().playground;
    await sendMessage(page, 'help');
    const reply = await waitForReply(page, 'What I can do', 20_000);
    assert.match(reply, /When the papers don't say, I tell you so/);
  });

  it('when a user asks a question, then the answer text appears and the screen shows it', async () => {
    const { page } = running().playground;
    await sendMessage(page, 'What does HASSH stand for?');
    const reply = await waitForReply(page, /HASSH/, 30_000);
    assert.match(reply, /Secondary School Headteachers/);
    await page
      .getByText((reply.split('\n')[0] ?? '').slice(0, 40), { exact: false })
      .last()
      .waitFor({ state: 'visible' });
    const file = await screenshot(page, 'playground-question');
    const header = readPngHeader(fs.readFileSync(file));
    assert.deepEqual([header.width, header.height], [1280, 800]);
  });

  it('never lets the page reach beyond loopback', () => {
    for (const url of running().playground.blockedRequests) {
      assert.match(url, /^https:\/\/res(-1)?\.cdn\.office\.net\//, `unexpected outside request: ${url}`);
    }
  });
});
