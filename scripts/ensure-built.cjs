#!/usr/bin/env node
/**
 * `npm start`'s `prestart`: makes sure there is a build to start, without ever needing dev tools in production.
 *
 * - dist/ is current                       → nothing to do (a production install takes this path).
 * - dist/ is missing or older than src/, and TypeScript is installed (a development checkout, or a fresh
 *   clone after `npm ci`)                  → runs `npm run build` once, so `npm start` still just works.
 * - dist/ is missing, no TypeScript (`npm ci --omit=dev` without building first)
 *                                          → fails at once, saying what to do, instead of `tsc: not found`.
 * - dist/ is older than src/, no TypeScript → starts what was built, with a warning.
 *
 * "Current" means: `npm run build` finished (it writes dist/.build-stamp last) after the newest change
 * under src/ or to tsconfig.json. Plain JavaScript, so it runs before anything is compiled.
 *
 *   node scripts/ensure-built.cjs          check (and build if it can)
 *   node scripts/ensure-built.cjs --stamp  record that a build just finished (the end of `npm run build`)
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stampFile = path.join(root, 'dist', '.build-stamp');
const entry = path.join(root, 'dist', 'src', 'index.js');

/** Newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
function newest(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(target)) max = Math.max(max, newest(path.join(target, name)));
  return max;
}

function hasTypeScript() {
  try {
    require.resolve('typescript/package.json', { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

function main() {
  if (process.argv.includes('--stamp')) {
    fs.mkdirSync(path.dirname(stampFile), { recursive: true });
    fs.writeFileSync(stampFile, `${new Date().toISOString()}\n`);
    return 0;
  }
  const built = fs.existsSync(entry) && fs.existsSync(stampFile);
  const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'tsconfig.json')));
  const stale = built && sources > fs.statSync(stampFile).mtimeMs;
  if (built && !stale) return 0;

  if (!hasTypeScript()) {
    if (stale) {
      console.warn('warning: dist/ is older than src/, and TypeScript is not installed to rebuild it; starting the old build.');
      return 0;
    }
    console.error(
      'There is no build to start (dist/ is missing) and this is a production install without TypeScript.\n' +
        'Build first, with the dev dependencies: `npm ci && npm run build && npm prune --omit=dev`, or use the container image.',
    );
    return 1;
  }
  console.log(built ? 'src/ changed since the last build: building first…' : 'No build yet: building first…');
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

process.exitCode = main();
