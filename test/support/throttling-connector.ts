/**
 * A Bot Connector on loopback that enforces Teams' documented limits the way Teams does, by answering
 * 429 + Retry-After: per bot and tenant 50 requests in any sliding second; per conversation 7 in a second,
 * 8 in 2 s, 60 in 30 s, 1 800 in an hour. Every request counts, refused or not. It can also fail a share
 * of requests with 500 (seeded, so a run can be replayed). Used by `npm run bench -- fanout|burst` and the
 * multi-instance delivery test, normally in a process of its own (`forkThrottlingConnector`) so that the
 * moment it stamps on each request is not delayed by the bots' work.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './seeded-random';

export interface ThrottlingOptions {
  /** Share of requests (0–1) answered 500 after being counted. Default 0. */
  failRate?: number;
  /** Seed for the failures. */
  seed?: number;
  tenantPerSecond?: number;
}

export interface Arrival {
  /** ms since the connector started. */
  at: number;
  conversationId: string;
  method: string;
  status: number;
  /** The outbox row the bot says this is (`channelData.clientActivityId` = `outbox-<id>`). */
  outboxId?: number;
  text?: string;
}

export interface ThrottlingReport {
  startedAt: number;
  arrivals: Arrival[];
  /** 429s by the window that was full: `tenant 1s`, `conversation 1s`, `conversation 2s`… */
  throttledBy: Record<string, number>;
}

const WINDOWS = [
  { name: 'conversation 1s', limit: 7, ms: 1_000 },
  { name: 'conversation 2s', limit: 8, ms: 2_000 },
  { name: 'conversation 30s', limit: 60, ms: 30_000 },
  { name: 'conversation 1h', limit: 1_800, ms: 3_600_000 },
];

/** Arrival times per key, oldest first, trimmed to the longest window. */
class Log {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly keepMs: number) {}
  add(key: string, now: number): number[] {
    const list = this.times.get(key) ?? [];
    list.push(now);
    while ((list[0] ?? now) <= now - this.keepMs) list.shift();
    this.times.set(key, list);
    return list;
  }
}

const inWindow = (list: readonly number[], now: number, ms: number): number => {
  let n = 0;
  for (let i = list.length - 1; i >= 0 && (list[i] ?? 0) > now - ms; i--) n++;
  return n;
};

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;

export interface Progress {
  accepted: number;
  throttled: number;
  failed: number;
}

export interface ThrottlingConnector {
  url: string;
  report(): ThrottlingReport;
  progress(): Progress;
  close(): Promise<void>;
}

export async function startThrottlingConnector(options: ThrottlingOptions = {}): Promise<ThrottlingConnector> {
  const startedAt = Date.now();
  const tenantLimit = options.tenantPerSecond ?? 50;
  const random = seededRandom(options.seed ?? 1);
  const failRate = options.failRate ?? 0;
  const tenant = new Log(1_000);
  const conversations = new Log(3_600_000);
  const arrivals: Arrival[] = [];
  const throttledBy: Record<string, number> = {};
  let nextId = 1;
  const server = http.createServer((req, res) => {
    // Teams counts a request when it arrives; so does this, before reading the body.
    const now = Date.now();
    const m = activityPath.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) return reply(200, {});
      const conversationId = decodeURIComponent(m[1] ?? '');
      let body: { text?: string; channelData?: { clientActivityId?: string } } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        // counted all the same
      }
      const outbox = /^outbox-(\d+)$/.exec(body.channelData?.clientActivityId ?? '');
      const arrival: Arrival = {
        at: now - startedAt,
        conversationId,
        method: req.method,
        status: 200,
        outboxId: outbox ? Number(outbox[1]) : undefined,
        text: body.text,
      };
      arrivals.push(arrival);
      const full: string[] = [];
      if (tenant.add('*', now).length > tenantLimit) full.push('tenant 1s');
      const mine = conversations.add(conversationId, now);
      for (const w of WINDOWS) if (inWindow(mine, now, w.ms) > w.limit) full.push(w.name);
      if (full.length) {
        arrival.status = 429;
        for (const f of full) throttledBy[f] = (throttledBy[f] ?? 0) + 1;
        return reply(429, { error: { code: 'Throttled', message: full.join(', ') } }, { 'retry-after': '1' });
      }
      if (failRate > 0 && random() < failRate) {
        arrival.status = 500;
        return reply(500, { error: { code: 'ServiceError', message: 'injected failure' } });
      }
      const id = req.method === 'PUT' && m[2] ? decodeURIComponent(m[2]) : `reply-${nextId++}`;
      return reply(200, { id });
    });
  });
  // Many instances keep connections open; do not let Node's defaults close them under the bots.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    report: () => ({ startedAt, arrivals: [...arrivals], throttledBy: { ...throttledBy } }),
    progress: () => {
      const p: Progress = { accepted: 0, throttled: 0, failed: 0 };
      for (const a of arrivals) {
        if (a.status === 200) p.accepted++;
        else if (a.status === 429) p.throttled++;
        else p.failed++;
      }
      return p;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The connector in a process of its own. */
export interface ForkedConnector {
  url: string;
  report(): Promise<ThrottlingReport>;
  progress(): Promise<Progress>;
  close(): Promise<void>;
}

export async function forkThrottlingConnector(options: ThrottlingOptions = {}): Promise<ForkedConnector> {
  // From tsx (tests) the child needs tsx too; from dist/ (the bench) it is plain JavaScript.
  const child: ChildProcess = fork(__filename, [JSON.stringify(options)], {
    execArgv: __filename.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the connector exited (${code})`));
      const onMessage = (m: { type: string; value: T }) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m.value);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const url = await next<string>('ready');
  return {
    url,
    report: () => {
      const got = next<ThrottlingReport>('report');
      child.send('report');
      return got;
    },
    progress: () => {
      const got = next<Progress>('progress');
      child.send('progress');
      return got;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as ThrottlingOptions;
  void startThrottlingConnector(options).then((connector) => {
    process.send?.({ type: 'ready', value: connector.url });
    process.on('message', (m) => {
      if (m === 'report') process.send?.({ type: 'report', value: connector.report() });
      if (m === 'progress') process.send?.({ type: 'progress', value: connector.progress() });
    });
    process.on('SIGTERM', () => void connector.close().then(() => process.exit(0)));
    process.on('disconnect', () => process.exit(0));
  });
}
