/**
 * Bundles the Progress tab's page (src/progress/tab-page) into `dist/tab/`: one minified script with the
 * Teams JavaScript client library and Chart.js inside it, the page and its stylesheet. Run by
 * `npm run build` (`node dist/src/progress/tab-build.js`); esbuild is a development dependency, so a
 * production install serves what the build made.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The project root: the folder with package.json above this file (src/ or dist/src/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above the tab build');
    dir = up;
  }
  return dir;
}

export async function buildTabAssets(outDir: string): Promise<{ bytes: number }> {
  const pageDir = path.join(projectRoot(), 'src', 'progress', 'tab-page');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev tool, loaded only to build the page
  const esbuild = require('esbuild') as typeof import('esbuild');
  await fs.mkdir(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(pageDir, 'progress-tab.ts')],
    outfile: path.join(outDir, 'progress-tab.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'external',
    logLevel: 'warning',
    metafile: true,
  });
  for (const file of ['progress-tab.html', 'progress-configure.html', 'progress-tab.css'])
    await fs.copyFile(path.join(pageDir, file), path.join(outDir, file));
  return { bytes: Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0) };
}

if (require.main === module) {
  const out = path.join(projectRoot(), 'dist', 'tab');
  buildTabAssets(out).then(
    ({ bytes }) => console.log(`tab assets bundled in ${path.relative(process.cwd(), out) || out} (${Math.round(bytes / 1024)} KB)`),
    (err: unknown) => {
      console.error('bundling the tab failed:', err);
      process.exit(1);
    },
  );
}
