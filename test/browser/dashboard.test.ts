import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, type RunningBot } from '../../src/index';
import { readPngHeader } from '../../scripts/png';
import { browserUnavailableReason, openPlayground, screenshot, sendMessage, waitForReply, type OpenPlayground } from './playground-driver';

describe('the workstreams dashboard in the Microsoft 365 Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  let bot: RunningBot | undefined;
  let playground: OpenPlayground | undefined;
  let dataDir: string | undefined;

  before(async function () {
    const reason = browserUnavailableReason();
    if (reason) {
      console.log(`    skipping browser tests: ${reason}`);
      this.skip();
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-test-data-'));
    bot = await start({ port: 0, env: { ...process.env, NODE_ENV: 'test', MicrosoftAppId: '', DATABASE_URL: '', DATA_DIR: dataDir } });
    playground = await openPlayground({ botPort: bot.port });
  });

  after(async () => {
    await playground?.close();
    await bot?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a user types "status", then the dashboard card is rendered with every workstream, and a screenshot is kept', async () => {
    const { page } = playground!;
    await waitForReply(page, 'Herts SEND Assistant', 20_000);
    await sendMessage(page, 'status');
    const reply = await waitForReply(page, 'SEND workstreams', 30_000);
    for (const name of ['Quality SEND Offer', 'Autism', 'DSPL Area Groups', 'Special Schools']) assert.match(reply, new RegExp(name));
    assert.match(reply, /OVERDUE/);
    assert.match(reply, /Not started/);
    // The card is drawn by the Playground's Adaptive Cards renderer, not shown as raw JSON.
    await page.getByText('DSPL Area Groups', { exact: false }).last().waitFor({ state: 'visible' });
    assert.equal(await page.locator('.ac-adaptiveCard').filter({ hasText: 'SEND workstreams' }).count() > 0, true);
    const file = await screenshot(page, 'playground-dashboard');
    const header = readPngHeader(fs.readFileSync(file));
    assert.ok(header.width > 300 && header.height > 300, `${header.width}×${header.height}`);
  });
});
