#!/usr/bin/env node
/**
 * `npm run stage-deploy` (after `npm run build`): puts a production install in .deploy/ — the build,
 * the files the bot reads at run time, and the production dependencies only (`npm ci --omit=dev`) — for
 * `atk deploy` to upload to App Service (m365agents.yml). The same contents as the container image's
 * runtime stage (Dockerfile). Plain JavaScript: it runs without compiling anything.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.deploy');
const copied = [
  'package.json',
  'package-lock.json',
  'dist/src',
  'dist/tab',
  'dist/pglite-template',
  'dist/knowledge-seed.json',
  'dist/.build-stamp',
  'data',
  'prompts',
  'scripts/ensure-built.cjs',
  'scripts/healthcheck.cjs',
  'scripts/sql.cjs',
];

for (const item of ['dist/src/index.js', 'dist/.build-stamp']) {
  if (!fs.existsSync(path.join(root, item))) {
    console.error(`${item} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
fs.rmSync(out, { recursive: true, force: true });
for (const item of copied) {
  const from = path.join(root, item);
  if (!fs.existsSync(from)) continue; // the template and seed are optional (the build says when it could not make them)
  fs.cpSync(from, path.join(out, item), { recursive: true });
}
const npm = process.env.npm_execpath;
const args = ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
const result = npm
  ? spawnSync(process.execPath, [npm, ...args], { cwd: out, stdio: 'inherit' })
  : spawnSync('npm', args, { cwd: out, stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`production install staged in ${path.relative(process.cwd(), out) || '.'}`);
