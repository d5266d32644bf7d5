/**
 * One real bot per test run, started in-process on a free port, talking to one loopback connector.
 * Starting it loads the documents and opens the store, which takes a moment: share it.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { start, type RunningBot } from '../../src/index';
import { sharedTestStore } from '../store/shared-store';
import { LoopbackConnector } from './loopback-connector';
import { testEnv } from './test-app';

export { testEnv };

export interface BotUnderTest {
  bot: RunningBot;
  connector: LoopbackConnector;
}

let shared: Promise<BotUnderTest> | undefined;

export function sharedBot(): Promise<BotUnderTest> {
  shared ??= (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-bot-'));
    const connector = await new LoopbackConnector().listen();
    const bot = await start({ port: 0, env: { ...testEnv, DATA_DIR: dataDir }, store: await sharedTestStore() });
    return { bot, connector };
  })();
  return shared;
}

after(async () => {
  if (!shared) return;
  const { bot, connector } = await shared;
  await bot.stop();
  await connector.close();
});
