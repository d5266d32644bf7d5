/**
 * `npm run playground`: runs the bot and the Microsoft 365 Agents Playground side by side, fully
 * offline, so the bot can be tried in a Teams-like chat without a tenant, a tunnel or sign-in.
 * Ctrl-C (or SIGTERM) stops both. No environment is needed; optional overrides:
 * - PORT             bot port (default 3978)
 * - PLAYGROUND_PORT  Playground web port (default 56150; 0 picks a free one)
 * - PLAYGROUND_OPEN_BROWSER=1  let the Playground open the system browser
 *
 * `startPlayground` and `startBotProcess` are exported for the browser tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '..');

/**
 * Environment that keeps the Playground off the network. `--disable-telemetry` alone is not
 * enough: the bundled Application Insights SDK is still started and sends "statsbeat" to Azure,
 * so its own switches turn that off too. TEAMSAPPTESTER_BROWSER=none stops it launching a browser.
 */
export const PLAYGROUND_OFFLINE_ENV: Readonly<Record<string, string>> = {
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  APPLICATION_INSIGHTS_NO_DIAGNOSTIC_CHANNEL: 'true',
  APPLICATION_INSIGHTS_NO_PATCH_MODULES: 'true',
  TEAMSAPPTESTER_BROWSER: 'none',
};

/** A child process we started, with the port it listens on. */
export interface RunningProcess {
  port: number;
  url: string;
  /** Resolves with the exit code (null when killed by a signal) once the process has gone. */
  exited: Promise<number | null>;
  /** Asks the process group to stop (SIGTERM), then kills it if it lingers. */
  stop: () => Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Web port; 0 picks a free one. */
  port?: number;
  /** Where the Playground writes its log (it defaults to ./devTools in the working directory). */
  logFile?: string;
  /** Let the Playground open the system browser. */
  openBrowser?: boolean;
  /** Echo the Playground's output to this process's stdout/stderr. */
  inheritOutput?: boolean;
}

/** The exact command line and environment used to start the Playground. */
export function playgroundCommand(options: PlaygroundOptions): { command: string; args: string[]; env: Record<string, string> } {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const env: Record<string, string> = {
    ...PLAYGROUND_OFFLINE_ENV,
    M365_AGENTS_PLAYGROUND_LOGFILE: options.logFile ?? path.join(os.tmpdir(), 'm365agentsplayground.log'),
  };
  if (options.openBrowser) delete env.TEAMSAPPTESTER_BROWSER;
  return {
    command: process.execPath,
    args: [cli, '--app-endpoint', options.botEndpoint, '--channel-id', 'msteams', '--port', String(options.port ?? 56150), '--disable-telemetry'],
    env,
  };
}

/** Stops a detached child's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
function stopper(child: ChildProcess, exited: Promise<number | null>, graceMs = 5000): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
}

/** Every child we started, with its stopper, so no exit path leaves one behind. */
const live = new Map<ChildProcess, () => Promise<void>>();

/** Stops every child this process started and is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...live.values()].map((stop) => stop()));
}

process.once('exit', () => {
  for (const child of live.keys()) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

function launch(command: string, args: string[], env: Record<string, string>, inheritOutput: boolean) {
  // detached: each child leads its own process group, so one signal reaches its grandchildren too.
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  let output = '';
  const collect = (chunk: Buffer, sink: NodeJS.WriteStream) => {
    output = (output + chunk.toString()).slice(-8000);
    if (inheritOutput) sink.write(chunk);
  };
  child.stdout!.on('data', (c: Buffer) => collect(c, process.stdout));
  child.stderr!.on('data', (c: Buffer) => collect(c, process.stderr));
  const stop = stopper(child, exited);
  live.set(child, stop);
  return { child, exited, stop, output: () => output };
}

/** Starts the Playground and resolves once it is listening (its real port is read from its output). */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningProcess> {
  const { command, args, env } = playgroundCommand(options);
  const { child, exited, stop, output } = launch(command, args, env, options.inheritOutput ?? false);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the Playground did not start within 30 s:\n${output()}`));
    }, 30_000);
    const onData = () => {
      const match = /Listening on (\d+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited (code ${code}) before listening:\n${output()}`));
    });
  });
  return { port, url: `http://127.0.0.1:${port}`, exited, stop };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs `tsx src/index.ts` with PORT set and resolves once the port accepts connections. */
export async function startBotProcess(options: { port: number; inheritOutput?: boolean; readyTimeoutMs?: number }): Promise<RunningProcess> {
  // tsx's own CLI rather than `npx tsx`: same thing without an npm process in between.
  const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  const { exited, stop, output } = launch(process.execPath, [tsx, 'src/index.ts'], { PORT: String(options.port) }, options.inheritOutput ?? false);
  let gone = false;
  void exited.then(() => (gone = true));
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await canConnect(options.port))) {
    if (gone) throw new Error(`the bot exited before listening on ${options.port}:\n${output()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the bot did not listen on ${options.port} within ${readyTimeoutMs / 1000} s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port: options.port, url: `http://127.0.0.1:${options.port}`, exited, stop };
}

const cliEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(56150),
  PLAYGROUND_OPEN_BROWSER: z.enum(['0', '1', 'true', 'false', '']).default(''),
});

async function main(): Promise<void> {
  const parsed = cliEnv.safeParse(process.env);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(1);
  }
  const env = parsed.data;
  if (await canConnect(env.PORT)) {
    console.error(`port ${env.PORT} is already in use: stop whatever is there or set PORT`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}: stopping the Playground and the bot`);
    await stopAll();
    process.exit(code);
  };
  // Registered before anything starts, so Ctrl-C during a slow start still stops both.
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  // Both start at once: the bot may take a while to index its documents, and the Playground only
  // calls it when a chat is opened.
  const [bot, playground] = await Promise.allSettled([
    startBotProcess({ port: env.PORT, inheritOutput: true }),
    startPlayground({
      botEndpoint: `http://127.0.0.1:${env.PORT}/api/messages`,
      port: env.PLAYGROUND_PORT,
      openBrowser: env.PLAYGROUND_OPEN_BROWSER === '1' || env.PLAYGROUND_OPEN_BROWSER === 'true',
      inheritOutput: true,
    }),
  ]).then(async (results) => {
    const [b, p] = results;
    if (b.status === 'fulfilled' && p.status === 'fulfilled') return [b.value, p.value] as const;
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : Promise.resolve())));
    throw results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason;
  });
  console.log(`\nBot:        ${bot.url}/api/messages\nPlayground: http://localhost:${playground.port}  (Ctrl-C stops both)\n`);
  void bot.exited.then((code) => shutdown(`the bot exited (code ${code})`, 1));
  void playground.exited.then((code) => shutdown(`the Playground exited (code ${code})`, 1));
}

if (require.main === module) {
  main().catch(async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await stopAll();
    process.exit(1);
  });
}
