import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readPngHeader } from '../../scripts/png';
import { screenshot, sendMessage, usePlaygroundBot, waitForReply } from './playground-driver';

describe('the workstreams dashboard in the Microsoft 365 Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  const running = usePlaygroundBot();

  it('when a user types "status", then the dashboard card is rendered with every workstream, and a screenshot is kept', async () => {
    const { page } = running().playground;
    await waitForReply(page, 'Herts SEND Assistant', 20_000);
    await sendMessage(page, 'status');
    const reply = await waitForReply(page, 'SEND workstreams', 30_000);
    for (const name of ['Quality SEND Offer', 'Autism', 'DSPL Area Groups', 'Special Schools']) assert.match(reply, new RegExp(name));
    assert.match(reply, /OVERDUE/);
    assert.match(reply, /Not started/);
    // The card is drawn by the Playground's Adaptive Cards renderer, not shown as raw JSON.
    await page.getByText('DSPL Area Groups', { exact: false }).last().waitFor({ state: 'visible' });
    assert.equal((await page.locator('.ac-adaptiveCard').filter({ hasText: 'SEND workstreams' }).count()) > 0, true);
    const file = await screenshot(page, 'playground-dashboard');
    const header = readPngHeader(fs.readFileSync(file));
    assert.ok(header.width > 300 && header.height > 300, `${header.width}×${header.height}`);
  });
});
