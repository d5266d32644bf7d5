/**
 * Copies of this project installed the way production installs it, and the bot run from them as its own
 * process — started by `npm start` or `node dist/src/index.js`, stopped by a signal — exactly as an
 * operator or a container platform does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const projectRoot = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** What a checkout holds that a fresh clone would not: never copied. */
const NOT_SOURCE = new Set(['node_modules', 'dist', '.data', '.git', 'test-artifacts', 'devTools']);

/**
 * Copies the project's files (as a fresh clone has them) into a new temporary folder, then this
 * checkout's `node_modules` — what `npm ci` makes from the same lockfile, without asking the registry.
 */
export async function copyProject(prefix: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const name of fs.readdirSync(projectRoot)) {
    if (NOT_SOURCE.has(name)) continue;
    fs.cpSync(path.join(projectRoot, name), path.join(dir, name), { recursive: true });
  }
  // `cp -a` copies 500 MB of node_modules in ~2 s; Node's cpSync takes several times as long.
  await run('cp', ['-a', path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules')]);
  return dir;
}

/** Runs an npm command in `cwd` and returns what it printed on stdout; rejects with all its output when it fails. */
export async function npm(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run('npm', args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? e.message}`, { cause: err });
  }
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  exited: Promise<number | string>;
  /** Resolves once `/healthz` answers 200; rejects if the process exits first or `timeoutMs` passes. */
  healthy(timeoutMs?: number): Promise<Response>;
  /** Sends a signal to the process (to its whole group when it was started through npm). */
  signal(name: NodeJS.Signals): void;
}

/** The environment a production bot gets in these tests: anonymous mode, allowed on purpose. */
export function productionEnv(dataDir: string, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ALLOW_ANONYMOUS: 'true',
    MicrosoftAppId: '',
    LOG_LEVEL: 'info',
    PORT: String(port),
    DATA_DIR: dataDir,
    API_KEYS: 'deploy-test-key',
    ...extra,
  };
  return env;
}

/** Starts `command args` in `cwd` as its own process group, the way a service manager would. */
export function startBot(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): BotProcess {
  const port = Number(env.PORT);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    async healthy(timeoutMs = 120_000) {
      const t0 = Date.now();
      while (Date.now() - t0 < timeoutMs) {
        if (done) throw new Error(`the bot exited before it was healthy:\n${out.slice(-4000)}`);
        try {
          const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
          if (res.status === 200) return res;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no /healthz 200 within ${timeoutMs} ms:\n${out.slice(-4000)}`);
    },
    signal(name) {
      if (done || child.pid === undefined) return;
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    },
  };
}

/** Stops a bot that a test left running (SIGKILL after 5 s), so no process outlives the run. */
export async function ensureStopped(bot: BotProcess | undefined): Promise<void> {
  if (!bot) return;
  bot.signal('SIGTERM');
  const timer = setTimeout(() => bot.signal('SIGKILL'), 5_000);
  await bot.exited;
  clearTimeout(timer);
}

/** Parses the bot's JSON log lines (pino), skipping anything else it printed. */
export function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
