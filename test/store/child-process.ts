/** Runs test/store/fixtures/store-child.ts in its own Node process and follows what it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface StoreChild {
  process: ChildProcess;
  /** Every complete stdout line so far. */
  lines: string[];
  /** Resolves when some printed line satisfies `match` (rejects if the child exits first). */
  waitFor(match: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal name) once the child has gone. */
  exited: Promise<number | string>;
  stderr(): string;
}

const CHILD = path.join(__dirname, 'fixtures', 'store-child.ts');

export function startStoreChild(args: {
  dataDir?: string;
  databaseUrl?: string;
  task: 'write' | 'migrate' | 'jobs';
  label: string;
  count: number;
}): StoreChild {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, JSON.stringify(args)], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve(signal ?? code ?? -1);
      for (const listener of listeners) listener();
    });
  });
  return {
    process: child,
    lines,
    exited,
    stderr: () => err,
    waitFor(match, timeoutMs = 45_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`child ${args.label} timed out; stderr: ${err}`)), timeoutMs);
        const check = (): void => {
          if (match(lines)) finish();
          else if (child.exitCode !== null || child.signalCode !== null) {
            finish(new Error(`child ${args.label} exited (${child.exitCode ?? child.signalCode}) first; stderr: ${err}`));
          }
        };
        function finish(error?: Error): void {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        }
        listeners.add(check);
        check();
      });
    },
  };
}

/** The ids a `write` child reported as committed. */
export const committedIds = (lines: string[]): string[] => lines.filter((l) => l.startsWith('committed ')).map((l) => l.slice('committed '.length));
