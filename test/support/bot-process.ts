/**
 * The built bot (`node dist/src/index.js`, as `npm start` runs it) in a child process of its own, on a
 * free port and a fresh data folder. For tests where "the process stays up" is the thing under test:
 * an in-process bot that crashed would take the test runner with it. Needs `npm run build` first
 * (`npm test` builds).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BotProcess {
  url: string;
  port: number;
  process: ChildProcess;
  /** Every JSON log line the bot printed so far. */
  logs: Record<string, unknown>[];
  /** True while the process runs. */
  alive(): boolean;
  /** Exit code or signal once it has gone. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** The project root, whether this runs from test/ (tsx) or from dist/test/ (the compiled benchmarks). */
export const projectRoot = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
const root = projectRoot;
const entry = path.join(root, 'dist', 'src', 'index.js');

/** Starts the built bot with `env` on top of a minimal environment; resolves once it listens. */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<BotProcess> {
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herts-bot-process-'));
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let running = true;
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => {
      running = false;
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve(signal ?? code ?? -1);
    }),
  );

  const t0 = Date.now();
  let port: number | undefined;
  while (port === undefined) {
    if (!running) throw new Error(`the bot exited before listening: ${stderr}`);
    if (Date.now() - t0 > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the bot did not start within ${timeoutMs} ms: ${stderr}`);
    }
    const listening = logs.find((l) => l.msg === 'bot listening on /api/messages');
    if (listening) port = Number(listening.port);
    else await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    process: child,
    logs,
    alive: () => running,
    exited,
    stop: async () => {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
