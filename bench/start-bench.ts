/**
 * Start-up cost, as a platform's health probe sees it: from spawning `node dist/src/index.js` to the first
 * `/healthz` 200, on an empty DATA_DIR (first start) and again on the same one (restart), and the
 * process's resident memory once it has sat idle. Targets: restart ≤ 2 s, first start ≤ 3 s, idle RSS
 * ≤ 200 MB. Each is measured `rounds` times (start-up is noisy on a shared 2-core machine): the table
 * shows the median and the worst.
 *
 * Memory is read twice: 5 s after start, when the warm-up that runs once listening (every section's units,
 * the language model) has just left its garbage in V8's young generation, and 30 s after start, once V8's
 * memory reducer has run on the idle process (it shrinks the heap ~40 MB some 20 s in): what an idle
 * instance holds from then on.
 *
 *   npm run bench -- start
 *   BENCH_START_ROUNDS=9 npm run bench -- start
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnNode, stopChild, waitForHttp } from './turns-bench';

export interface StartOptions {
  /** Project root whose `dist/src/index.js` is started. */
  root?: string;
  rounds?: number;
  /** How long the bot sits idle before its RSS is first read. */
  idleMs?: number;
  /** When it is read again, once V8 has reduced an idle heap. */
  settledMs?: number;
  port?: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? NaN;
};

/** Resident set size of a process in MB, from /proc (Linux), or NaN where there is none. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

interface Round {
  first: number;
  restart: number;
  rss: number;
  settled: number;
}

/** One first start on an empty DATA_DIR, one restart on it, and the restarted process's idle RSS. */
async function startRound(root: string, idleMs: number, settledMs: number, port: string): Promise<Round> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
  const env = { LOG_LEVEL: 'silent', MicrosoftAppId: '', NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', DATA_DIR: dataDir, PORT: port };
  const round: Round = { first: NaN, restart: NaN, rss: NaN, settled: NaN };
  try {
    for (const which of ['first', 'restart'] as const) {
      const t0 = performance.now();
      const bot = spawnNode(path.join(root, 'dist/src/index.js'), env);
      try {
        await waitForHttp(`http://127.0.0.1:${port}/healthz`);
        round[which] = Math.round(performance.now() - t0);
        if (which === 'restart') {
          await new Promise((r) => setTimeout(r, idleMs));
          round.rss = rssMb(bot.pid ?? 0);
          await new Promise((r) => setTimeout(r, Math.max(0, settledMs - idleMs)));
          round.settled = rssMb(bot.pid ?? 0);
        }
      } finally {
        await stopChild(bot);
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return round;
}

function summary(rounds: Round[], idleMs: number, settledMs: number): Record<string, number> {
  const of = (k: keyof Round) => rounds.map((r) => r[k]);
  return {
    rounds: rounds.length,
    'first start median ms (≤ 3000)': median(of('first')),
    'first start worst ms': Math.max(...of('first')),
    'restart median ms (≤ 2000)': median(of('restart')),
    'restart worst ms': Math.max(...of('restart')),
    [`RSS median MB, ${idleMs / 1000} s after start`]: median(of('rss')),
    [`RSS worst MB, ${idleMs / 1000} s after start`]: Math.max(...of('rss')),
    [`idle RSS median MB, ${settledMs / 1000} s after start (≤ 200)`]: median(of('settled')),
    [`idle RSS worst MB, ${settledMs / 1000} s after start`]: Math.max(...of('settled')),
  };
}

/**
 * What loading the entry module pulls in: how many modules, and whether the heavy packages that are only
 * needed later (see docs/decisions/0006-start-up.md) crept back into the start path.
 */
function moduleLoad(root: string): Record<string, number> {
  const probe = `
    const t0 = performance.now();
    require(${JSON.stringify(path.join(root, 'dist/src/index.js'))});
    const ms = Math.round(performance.now() - t0);
    const files = Object.keys(require.cache);
    const has = (re) => (files.some((f) => re.test(f)) ? 1 : 0);
    console.log(JSON.stringify({
      'modules loaded by the entry module': files.length,
      'loading them ms': ms,
      'Teams AI package index loaded (0 = no)': has(/@microsoft[\\/]teams-ai[\\/]lib[\\/]index[.]js$/),
      'botbuilder-dialogs prompts loaded (0 = no)': has(/botbuilder-dialogs[\\/]lib[\\/]prompts/),
      'adaptivecards-templating loaded (0 = no)': has(/adaptivecards-templating/),
      'pg loaded (0 = no)': has(/[\\/]node_modules[\\/]pg[\\/]/),
      'docx, jose or esbuild loaded (0 = no)': has(/[\\/]node_modules[\\/](docx|jose|esbuild)[\\/]/),
    }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Record<
    string,
    number
  >;
}

export async function benchStart(opts: StartOptions = {}): Promise<Record<string, number>> {
  const root = opts.root ?? path.resolve(__dirname, '../..');
  const rounds = opts.rounds ?? Number(process.env.BENCH_START_ROUNDS ?? 5);
  const idleMs = opts.idleMs ?? 5_000;
  const settledMs = opts.settledMs ?? 30_000;
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) results.push(await startRound(root, idleMs, settledMs, String(opts.port ?? 3989)));
  return { ...summary(results, idleMs, settledMs), ...moduleLoad(root) };
}

if (require.main === module) {
  // node dist/bench/start-bench.js ROOT…: compares checkouts round by round, so both see the same machine load.
  const roots = process.argv.slice(2);
  const rounds = Number(process.env.BENCH_START_ROUNDS ?? 5);
  void (async () => {
    const results = new Map<string, Round[]>(roots.map((r) => [r, []]));
    for (let i = 0; i < rounds; i++) for (const root of roots) results.get(root)?.push(await startRound(root, 5_000, 30_000, '3989'));
    for (const [root, r] of results) console.log(root, summary(r, 5_000, 30_000));
  })();
}
