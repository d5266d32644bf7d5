/**
 * Drives the Microsoft 365 Agents Playground in Debian's Chromium, so browser tests can chat with
 * the bot exactly as a person would in the Teams-like UI. Everything stays on loopback: the
 * Playground runs with its offline switches, and the browser aborts any request that would leave
 * the machine (the page asks a CDN for Segoe UI fonts; Chromium's fallback fonts are used instead).
 *
 * Usage:
 *   const pg = await openPlayground({ botPort });
 *   await sendMessage(pg.page, 'help');
 *   const text = await waitForReply(pg.page, /What I can do/, 15_000);
 *   await screenshot(pg.page, 'help');
 *   await pg.close();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPlayground } from '../../scripts/playground';
import { start, type RunningBot } from '../../src/index';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Why browser tests cannot run here, or undefined when they can. */
export function browserUnavailableReason(): string | undefined {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    return `${CHROMIUM_PATH} is missing (install it with: apt-get update && apt-get install -y chromium)`;
  }
  return undefined;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

export interface OpenPlaygroundOptions {
  /** Port of a bot already listening on 127.0.0.1 with `/api/messages`. */
  botPort: number;
  /** Browser viewport; the default fits the chat, the chat list and the log panel. */
  viewport?: { width: number; height: number };
}

export interface OpenPlayground {
  page: Page;
  /** The Playground's own URL (for debugging). */
  url: string;
  /** Requests the browser refused because they were not to loopback. */
  blockedRequests: string[];
  /** Closes the browser, stops the Playground and deletes the browser profile. */
  close: () => Promise<void>;
}

const isLoopback = (url: URL): boolean =>
  url.protocol === 'data:' || url.protocol === 'blob:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** Starts a Playground for the bot on `botPort`, opens it in a fresh Chromium profile, and waits for the chat box. */
export async function openPlayground(options: OpenPlaygroundOptions): Promise<OpenPlayground> {
  const unavailable = browserUnavailableReason();
  if (unavailable) throw new Error(unavailable);

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
  const playground = await startPlayground({
    botEndpoint: `http://127.0.0.1:${options.botPort}/api/messages`,
    port: 0,
    logFile: path.join(profile, 'playground.log'),
  });
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await playground.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(path.join(profile, 'user-data'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
    const blockedRequests: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (isLoopback(url)) return route.continue();
      blockedRequests.push(url.href);
      return route.abort('blockedbyclient');
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(playground.url, { waitUntil: 'load' });
    await page.getByRole('textbox').first().waitFor({ state: 'visible', timeout: 30_000 });
    return { page, url: playground.url, blockedRequests, close };
  } catch (err) {
    await close();
    throw err;
  }
}

// A bot message carries a header naming its author; the user's own messages have a header without one.
const BOT_MESSAGES = 'xpath=//*[@aria-label="Message author"]/../..';

/** Bot messages shown so far, oldest first, as plain text without the author/time header. */
export async function botMessages(page: Page): Promise<string[]> {
  const texts = await page.locator(BOT_MESSAGES).evaluateAll((nodes) =>
    nodes.map((node) => {
      const header = node.querySelector('[aria-label="Message header"]');
      const full = (node as HTMLElement).innerText;
      const head = header instanceof HTMLElement ? header.innerText : '';
      return full.startsWith(head) ? full.slice(head.length) : full;
    }),
  );
  return texts.map((t) => t.trim());
}

/** How many bot messages there were when each page last sent a message. */
const sentAt = new WeakMap<Page, number>();

/** Types `text` into the compose box and presses Enter, like a person would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  sentAt.set(page, (await botMessages(page)).length);
  const box = page.getByRole('textbox').first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export type ReplyMatcher = string | RegExp | ((text: string) => boolean);

function matches(matcher: ReplyMatcher, text: string): boolean {
  if (typeof matcher === 'string') return text.includes(matcher);
  if (matcher instanceof RegExp) return matcher.test(text);
  return matcher(text);
}

/**
 * Waits for a bot message that arrived after the last `sendMessage` and matches (a string is
 * looked for as a substring). Returns its text; on timeout the error lists what did arrive.
 */
export async function waitForReply(page: Page, matcher: ReplyMatcher, timeoutMs = 15_000): Promise<string> {
  const from = sentAt.get(page) ?? 0;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = (await botMessages(page)).slice(from);
    const hit = fresh.find((text) => matches(matcher, text));
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) {
      throw new Error(
        `no bot reply matching ${String(matcher)} within ${timeoutMs} ms; replies since the last message:\n${fresh.map((t) => `  - ${t.slice(0, 300)}`).join('\n') || '  (none)'}`,
      );
    }
    await page.waitForTimeout(100);
  }
}

/** Saves a full-window PNG to test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The real bot on its own embedded store, with the Playground pointed at it. */
export interface PlaygroundBot {
  bot: RunningBot;
  playground: OpenPlayground;
  close(): Promise<void>;
}

/**
 * Starts the bot in-process on a fresh DATA_DIR (so a developer's `npm run playground` on the same
 * checkout is undisturbed) and opens the Playground on it. `env` adds to the test environment.
 */
export async function startPlaygroundBot(env: NodeJS.ProcessEnv = {}): Promise<PlaygroundBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-test-data-'));
  const bot = await start({ port: 0, env: { ...process.env, NODE_ENV: 'test', MicrosoftAppId: '', DATABASE_URL: '', DATA_DIR: dataDir, ...env } });
  try {
    const playground = await openPlayground({ botPort: bot.port });
    return {
      bot,
      playground,
      close: async () => {
        await playground.close();
        await bot.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await bot.stop();
    throw err;
  }
}

/**
 * For a `describe` block: skips it (saying why) when Chromium is missing, otherwise starts the bot and
 * the Playground before its tests and closes them after. Returns a getter for the running pair.
 */
export function usePlaygroundBot(env: NodeJS.ProcessEnv = {}): () => PlaygroundBot {
  let running: PlaygroundBot | undefined;
  before(async function () {
    const reason = browserUnavailableReason();
    if (reason) {
      console.log(`    skipping browser tests: ${reason}`);
      this.skip();
    }
    running = await startPlaygroundBot(env);
  });
  after(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('the Playground bot is not running');
    return running;
  };
}
