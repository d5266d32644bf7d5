/**
 * The Progress tab in headless Chromium, as a person sees it: the charts drawn with their labels and
 * tables, the timelines, light and dark themes, the keyboard, and who sees concerns. Screenshots are kept
 * in test-artifacts/. Outside Teams the page has no Teams host to ask for a token, so the signed-in cases
 * add the sign-on token a Teams client would send to the page's own API calls; the server checks it
 * against the key server on loopback as it would any token.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readPngHeader } from '../../scripts/png';
import { startProgressHarness, type PEOPLE, type ProgressHarness } from '../progress/progress-harness';
import { browserUnavailableReason, CHROMIUM_ARGS, CHROMIUM_PATH, screenshot } from './playground-driver';

const loopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:';

async function seed(h: ProgressHarness): Promise<void> {
  await h.update('autism', {
    status: 'at-risk',
    summary: 'Outreach waiting list has doubled since September.',
    nextMilestone: { title: 'Bid for two advisory teachers', due: '2099-01-15' },
  });
  await h.update('special-schools', { status: 'on-track', summary: 'Capital plan agreed for two new satellite classes.' });
  await h.update('quality-send-offer', { status: 'off-track', summary: 'Pilot schools withdrew; the evaluation framework is paused.' });
  await h.concern({ kind: 'rayg', rating: 'red', school: { name: 'Oakfield Primary', urn: '117123' }, summary: 'Rated red after the autumn visit.' });
}

describe('the Progress tab in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  const problems: string[] = [];
  const blocked: string[] = [];

  before(async function () {
    const reason = browserUnavailableReason();
    if (reason) {
      console.log(`    skipping browser tests: ${reason}`);
      this.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
  });

  /** A page on the tab, with that person's token added to its API calls (none in anonymous mode). */
  async function open(h: ProgressHarness, route: string, who?: keyof typeof PEOPLE): Promise<Page> {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const token = who ? await h.tokenFor(who) : undefined;
    await context.route('**/*', (r) => {
      const url = new URL(r.request().url());
      if (!loopback(url)) {
        blocked.push(url.href);
        return r.abort('blockedbyclient');
      }
      if (token && url.pathname.startsWith('/api/tab/'))
        return r.continue({ headers: { ...r.request().headers(), authorization: `Bearer ${token}` } });
      return r.continue();
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${h.bot.url}${route}`, { waitUntil: 'load' });
    await page.locator('main[aria-busy="false"]').waitFor({ timeout: 20_000 });
    return page;
  }

  describe('in anonymous local mode', () => {
    let h: ProgressHarness;
    before(async () => {
      h = await startProgressHarness({ anonymous: true });
      await seed(h);
    });
    after(() => h?.close());

    it('in the light theme: says it is anonymous local mode, draws the status chart with its numbers, the timelines and the concerns', async () => {
      const page = await open(h, '/tab/progress');
      await assert.doesNotReject(page.getByText('Anonymous local mode', { exact: false }).waitFor({ state: 'visible' }));
      await page.locator('#status-chart').waitFor({ state: 'visible' });
      const file = await screenshot(page, 'progress-tab-light');
      assert.ok(readPngHeader(fs.readFileSync(file)).width >= 1280);
      await page.screenshot({ path: file.replace(/\.png$/, '-full.png'), fullPage: true });
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'default');
      // The doughnut is drawn (a canvas with pixels) and says its numbers to screen readers…
      const chart = page.locator('#status-chart');
      await chart.waitFor({ state: 'visible' });
      const label = (await chart.getAttribute('aria-label')) ?? '';
      assert.match(label, /1 on track, 1 at risk, 1 off track/);
      assert.equal(await chart.getAttribute('role'), 'img');
      const drawn = await chart.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
        return painted;
      });
      assert.ok(drawn > 1000, `the chart painted ${drawn} pixels`);
      // …and again as a table, with symbols beside the words, so colour is not the only signal.
      const table = page.getByRole('table', { name: /Workstreams by status/ });
      assert.match(await table.innerText(), /▲ At risk\s+1/);
      assert.match(
        (await page.locator('#then-now-chart').getAttribute('aria-label')) ?? '',
        /: 10 not started\. Now: 7 not started, 1 on track, 1 at risk, 1 off track\./,
      );
      // Timelines: each workstream has one, in a disclosure a keyboard can open.
      const autism = page.locator('#ws-autism');
      await autism.locator('summary').focus();
      await page.keyboard.press('Enter');
      const timeline = autism.getByRole('list', { name: 'Timeline of Autism' });
      await timeline.waitFor({ state: 'visible' });
      const entries = await timeline.locator('li').allInnerTexts();
      assert.ok(
        entries.some((e) => /Outreach waiting list has doubled/.test(e)),
        entries.join('\n'),
      );
      assert.ok(
        entries.some((e) => /Reported in the SEND workstreams progress paper/.test(e)),
        entries.join('\n'),
      );
      assert.equal(await page.getByRole('heading', { name: /Open concerns \(1\)/ }).count(), 1);
      assert.match(await page.locator('#overdue').innerText(), /Exceptional Needs Funding/);
      await screenshot(page, 'progress-tab-timeline');
      await page.context().close();
    });

    it('in the dark theme: the page and its charts switch colours, and the text stays readable', async () => {
      const page = await open(h, '/tab/progress?theme=dark');
      assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
      await page.locator('#status-chart').waitFor({ state: 'visible' });
      const [bg, fg] = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return [s.backgroundColor, s.color];
      });
      assert.equal(bg, 'rgb(31, 31, 31)');
      assert.equal(fg, 'rgb(255, 255, 255)');
      await screenshot(page, 'progress-tab-dark');
      await page.context().close();
    });

    it('the keyboard reaches the skip link first, then the page in order; a link naming a workstream opens on it', async () => {
      const page = await open(h, '/tab/progress');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the workstreams');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('section')?.id), 'overdue', 'next come the overdue links');
      await page.context().close();

      const linked = await open(h, '/tab/progress?workstream=special-schools');
      const target = linked.locator('#ws-special-schools');
      assert.match((await target.getAttribute('class')) ?? '', /highlight/);
      assert.equal(await target.locator('details').getAttribute('open'), '');
      assert.equal(await linked.evaluate(() => document.activeElement?.id), 'ws-special-schools');
      await linked.context().close();
    });

    it('made no requests beyond loopback and logged no script errors', () => {
      assert.deepEqual(blocked, []);
      // The Teams library asks its CDN for a list of Teams' domains as it loads; the page's policy keeps it on
      // this server, and the library uses the list it carries instead (docs/decisions/0008-progress-tab-and-meeting-paper.md).
      const cdnList = /res\.cdn\.office\.net\/teams-js\/validDomains/;
      assert.deepEqual(
        problems.filter((p) => !cdnList.test(p)),
        [],
      );
    });
  });

  describe('signed in with tab single sign-on', () => {
    let h: ProgressHarness;
    before(async function () {
      if (!browser) this.skip();
      h = await startProgressHarness();
      await seed(h);
    });
    after(() => h?.close());

    it('someone with no role sees the workstreams but no concerns, and no way to make the paper', async () => {
      const page = await open(h, '/tab/progress', 'nobody');
      await page.locator('#status-chart').waitFor({ state: 'visible' });
      assert.match(await page.locator('#viewer').innerText(), /Signed in as The nobody/);
      assert.equal(await page.locator('#mode').isHidden(), true);
      assert.equal(await page.locator('#concerns').count(), 0);
      assert.equal(await page.getByText('Oakfield Primary').count(), 0);
      assert.equal(await page.locator('#make-paper').count(), 0);
      await screenshot(page, 'progress-tab-no-role');
      await page.context().close();
    });

    it('an officer sees open concerns by kind and rating; an Executive member makes the paper from the tab and gets its link', async () => {
      const officer = await open(h, '/tab/progress', 'officer');
      await officer.locator('#concerns').waitFor({ state: 'visible' });
      assert.match(await officer.getByRole('table', { name: 'Open RAYG concerns by rating' }).innerText(), /Red\s+1/);
      assert.match((await officer.locator('#concern-kind-chart').getAttribute('aria-label')) ?? '', /RAYG rating 1/);
      await screenshot(officer, 'progress-tab-officer');
      await officer.context().close();

      const executive = await open(h, '/tab/progress?theme=contrast', 'executive');
      await executive.locator('#make-paper').click();
      const link = executive.locator('#paper-result a');
      await link.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await link.getAttribute('href')) ?? '', /^\/papers\/\d+\/download\?exp=\d+&sig=/);
      assert.match(await executive.locator('#paper').innerText(), /Progress on SEND Strategy and Workstreams – /);
      await screenshot(executive, 'progress-tab-contrast-paper');
      await executive.context().close();
    });
  });
});
