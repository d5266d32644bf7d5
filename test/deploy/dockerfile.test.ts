/**
 * The container image, without a container engine (CI has none): the Dockerfile's instructions are
 * carried out on this machine, stage by stage, into a folder per stage — every COPY (from the project, or
 * `--from` an earlier stage) and every RUN exactly as written, in the stage's WORKDIR with its ENV — and
 * then the runtime stage's CMD is started and its HEALTHCHECK run.
 *
 * What stands in for what: absolute paths in the image (`/app`, `/data`) are folders under the stage's
 * folder; `npm ci` is this checkout's node_modules (what `npm ci` made from the same lockfile), and npm
 * runs offline, so the registry is never asked; when this machine has no `node` user, `chown node:…` only
 * checks that its target exists. Not checked here: the base image itself, and that the process runs as
 * `node` (it runs as whoever runs the tests).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoopbackConnector } from '../support/loopback-connector';
import { teamsMessage } from '../support/teams-activity';
import { ensureStopped, freePort, productionEnv, projectRoot, startBot, type BotProcess } from './install-harness';

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  name: string;
  from: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  volumes: string[];
  healthcheck?: string[];
  cmd?: string[];
  stopSignal?: string;
}

/** Instructions of a Dockerfile: continuation lines joined, comments and parser directives dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: (op ?? '').toUpperCase(), args: rest.join(' ') };
    });
}

const expand = (s: string, vars: Record<string, string>) => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string, b: string) => vars[a ?? b] ?? m);
const execForm = (s: string): string[] => JSON.parse(s) as string[];

/** KEY=value pairs of an ENV line (values may be quoted). */
function parseEnv(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, key, value] of args.matchAll(/(\w+)=("[^"]*"|\S*)/g)) if (key !== undefined) out[key] = (value ?? '').replace(/^"|"$/g, '');
  return out;
}

/** Carries out a Dockerfile's stages under `workDir`; returns every stage, the last being the image. */
function buildStages(dockerfile: string, workDir: string, log: (line: string) => void): Stage[] {
  const stages: Stage[] = [];
  const args: Record<string, string> = {};
  const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-shims-'));
  const hasNodeUser = spawnSync('id', ['-u', 'node']).status === 0;
  if (!hasNodeUser) {
    fs.writeFileSync(path.join(shims, 'chown'), '#!/bin/sh\nfor a; do last="$a"; done\ntest -e "$last"\n', { mode: 0o755 });
  }
  let stage: Stage | undefined;
  const inImage = (s: Stage, p: string) => path.join(s.root, path.posix.isAbsolute(p) ? p : path.posix.join(s.workdir, p));
  const mappedEnv = (s: Stage) => Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, v.startsWith('/') ? path.join(s.root, v) : v]));

  for (const { op, args: raw } of parseDockerfile(dockerfile)) {
    // Docker substitutes variables itself in most instructions, but a RUN's, CMD's or HEALTHCHECK's are
    // left to the shell in the image (which sees the stage's ENV, mapped below).
    const line = ['RUN', 'CMD', 'HEALTHCHECK'].includes(op) ? raw : expand(raw, { ...args, ...(stage?.env ?? {}) });
    if (op === 'ARG') {
      const [k, v] = line.split('=');
      if (k !== undefined) args[k] = v ?? '';
      continue;
    }
    if (op === 'FROM') {
      const [from, , name] = line.split(/\s+/);
      const fresh: Stage = {
        name: name ?? String(stages.length),
        from: from ?? '',
        root: path.join(workDir, name ?? String(stages.length)),
        workdir: '/',
        env: {},
        volumes: [],
      };
      fs.mkdirSync(fresh.root, { recursive: true });
      stages.push(fresh);
      stage = fresh;
      continue;
    }
    assert.ok(stage, `${op} before FROM`);
    switch (op) {
      case 'WORKDIR':
        stage.workdir = path.posix.resolve(stage.workdir, line);
        fs.mkdirSync(inImage(stage, '.'), { recursive: true });
        break;
      case 'ENV':
        Object.assign(stage.env, parseEnv(line));
        break;
      case 'COPY': {
        const parts = line.split(/\s+/);
        const fromStage = parts.find((p) => p.startsWith('--from='))?.slice('--from='.length);
        const paths = parts.filter((p) => !p.startsWith('--'));
        const dest = paths.pop() ?? '';
        const source = fromStage ? stages.find((s) => s.name === fromStage) : undefined;
        if (fromStage) assert.ok(source, `COPY --from=${fromStage}: no such stage`);
        for (const src of paths) {
          const from = source ? path.join(source.root, src) : path.join(projectRoot, src);
          assert.ok(fs.existsSync(from), `COPY ${src}: not found`);
          const to = inImage(stage, dest);
          const target = dest.endsWith('/') && !fs.statSync(from).isDirectory() ? path.join(to, path.basename(src)) : to;
          fs.mkdirSync(path.dirname(target), { recursive: true });
          if (!source && path.basename(src) === 'node_modules') throw new Error('the image must not copy node_modules from the build context');
          execFileSync('cp', ['-a', fs.statSync(from).isDirectory() ? `${from}/.` : from, target]);
        }
        break;
      }
      case 'RUN': {
        const cwd = inImage(stage, '.');
        const env = { PATH: `${shims}:${process.env.PATH}`, HOME: process.env.HOME ?? os.tmpdir(), npm_config_offline: 'true', ...mappedEnv(stage) };
        for (const command of line.split(/\s*&&\s*/)) {
          log(`RUN ${command}`);
          if (/^npm ci\b/.test(command)) {
            execFileSync('cp', ['-a', path.join(projectRoot, 'node_modules'), path.join(cwd, 'node_modules')]);
            continue;
          }
          const result = spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
          assert.equal(result.status, 0, `RUN ${command} failed:\n${result.stdout}${result.stderr}`);
        }
        break;
      }
      case 'USER':
        stage.user = line;
        break;
      case 'VOLUME':
        stage.volumes.push(...(line.startsWith('[') ? execForm(line) : line.split(/\s+/)));
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = execForm(line.slice(line.indexOf('CMD ') + 4));
        break;
      case 'CMD':
        stage.cmd = execForm(line);
        break;
      case 'STOPSIGNAL':
        stage.stopSignal = line;
        break;
      case 'EXPOSE':
      case 'LABEL':
        break;
      default:
        throw new Error(`this test does not know the Dockerfile instruction ${op}`);
    }
  }
  fs.rmSync(shims, { recursive: true, force: true });
  return stages;
}

describe('the container image (Dockerfile stages carried out without a container engine)', function () {
  this.timeout(300_000);
  const dockerfile = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');
  let workDir: string;
  let image: Stage;
  let build: Stage;
  let bot: BotProcess | undefined;
  const steps: string[] = [];

  /** The image's DATA_DIR, which it must set. */
  const dataDir = (): string => {
    const dir = image.env.DATA_DIR;
    assert.ok(dir, 'the image sets DATA_DIR');
    return dir;
  };

  before(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-stages-'));
    const stages = buildStages(dockerfile, workDir, (l) => steps.push(l));
    const [first] = stages;
    const last = stages.at(-1);
    assert.ok(first && last, 'the Dockerfile has stages');
    [build, image] = [first, last];
  });
  afterEach(async () => {
    await ensureStopped(bot);
    bot = undefined;
  });
  after(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it('builds in one stage and runs from a Node 20 slim stage as a non-root user, with a volume for DATA_DIR', () => {
    assert.notEqual(build, image, 'multi-stage');
    assert.match(image.from, /^node:20[\w.-]*-slim$/);
    assert.ok(image.user && image.user !== 'root' && image.user !== '0', `runs as ${image.user}`);
    assert.ok(image.volumes.includes(dataDir()), `VOLUME ${image.volumes.join(' ')} should hold DATA_DIR=${image.env.DATA_DIR}`);
    assert.equal(image.env.NODE_ENV, 'production');
    assert.deepEqual(image.cmd, ['node', 'dist/src/index.js'], 'node is PID 1, so SIGTERM reaches the bot');
    assert.equal(image.stopSignal ?? 'SIGTERM', 'SIGTERM');
    assert.ok(steps.some((s) => /npm run build/.test(s)) && steps.some((s) => /npm prune --omit=dev/.test(s)), steps.join('\n'));
  });

  it('the runtime stage holds the build and production dependencies only: no sources, no TypeScript', () => {
    const app = path.join(image.root, image.workdir);
    for (const present of [
      'dist/src/index.js',
      'dist/tab/progress-tab.js',
      'dist/pglite-template',
      'dist/knowledge-seed.json',
      'node_modules/botbuilder',
      'data/docs',
      'prompts',
    ]) {
      assert.ok(fs.existsSync(path.join(app, present)), `${present} missing from the image`);
    }
    for (const absent of [
      'src',
      'test',
      'node_modules/typescript',
      'node_modules/tsx',
      'node_modules/mocha',
      'node_modules/@microsoft/m365agentsplayground',
    ]) {
      assert.equal(fs.existsSync(path.join(app, absent)), false, `${absent} should not be in the image`);
    }
    assert.ok(fs.existsSync(path.join(image.root, dataDir())), 'the data folder exists for the node user');
  });

  it('CMD starts the bot, HEALTHCHECK passes, it answers over /api/messages, and SIGTERM stops it cleanly', async () => {
    assert.ok(image.cmd && image.healthcheck);
    const app = path.join(image.root, image.workdir);
    const port = await freePort();
    const env = {
      ...productionEnv(path.join(image.root, dataDir()), port),
      ...Object.fromEntries(Object.entries(image.env).map(([k, v]) => [k, v.startsWith('/') ? path.join(image.root, v) : v])),
      PORT: String(port),
      ALLOW_ANONYMOUS: 'true',
    };
    const [command, ...args] = image.cmd;
    assert.ok(command, 'the image has a CMD');
    bot = startBot(app, command === 'node' ? process.execPath : command, args, env);
    await bot.healthy();
    const [hcCommand, ...hcArgs] = image.healthcheck;
    assert.ok(hcCommand, 'the image has a HEALTHCHECK');
    const check = spawnSync(hcCommand === 'node' ? process.execPath : hcCommand, hcArgs, { cwd: app, env, encoding: 'utf8' });
    assert.equal(check.status, 0, `HEALTHCHECK failed: ${check.stdout}${check.stderr}`);

    const connector = await new LoopbackConnector().listen();
    try {
      const activity = teamsMessage(connector.url, 'Who leads the autism workstream?');
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      assert.equal(res.status, 200);
      await connector.waitFor(String((activity.conversation as { id: string }).id), (m) => m.length === 1, 10_000);
    } finally {
      await connector.close();
    }
    bot.signal('SIGTERM');
    assert.equal(await bot.exited, 0);
    const after = spawnSync(hcCommand === 'node' ? process.execPath : hcCommand, hcArgs, { cwd: app, env, encoding: 'utf8' });
    assert.equal(after.status, 1, 'HEALTHCHECK fails once the bot is gone');
    assert.ok(fs.existsSync(path.join(image.root, dataDir(), 'pglite')), 'the embedded database is in DATA_DIR');
  });
});
