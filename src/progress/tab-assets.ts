/**
 * The Progress tab's page, stylesheet and script, served from our own server (a Teams tab may load
 * nothing from a CDN here). `npm run build` bundles them into `dist/tab/` (tab-build.ts); running from
 * source without a build (`npm run dev`, a single test file), they are bundled on first request.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** `dist/` whether this file runs compiled (dist/src/progress) or from source (src/progress). */
const distDir = (() => {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? up : path.join(up, 'dist');
})();

export const tabAssetDir = path.join(distDir, 'tab');

export const tabAssetTypes: Record<string, string> = {
  'progress-tab.html': 'text/html; charset=utf-8',
  'progress-configure.html': 'text/html; charset=utf-8',
  'progress-tab.css': 'text/css; charset=utf-8',
  'progress-tab.js': 'text/javascript; charset=utf-8',
};

let building: Promise<unknown> | undefined;

/** One of the tab's files, bundling them first when there is no build. */
export async function tabAsset(name: string): Promise<Buffer | undefined> {
  if (!Object.hasOwn(tabAssetTypes, name)) return undefined;
  const file = path.join(tabAssetDir, name);
  if (!existsSync(file)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild only when the build did not make the page (decision 0006)
    building ??= (require('./tab-build') as typeof import('./tab-build')).buildTabAssets(tabAssetDir);
    await building;
  }
  return fs.readFile(file);
}
