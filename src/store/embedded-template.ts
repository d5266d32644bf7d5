/**
 * A blank embedded database made once at build time, so the bot's very first start on an empty
 * DATA_DIR unpacks it (~2 s) instead of running PostgreSQL's initdb in WebAssembly (~6 s). The template
 * lives in `dist/` beside the compiled code and is never committed; without it, the store is created
 * from scratch as before.
 *
 *   node dist/src/store/embedded-template.js   (run by `npm run build`)
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startParams } from './pglite-params';

/** Where the build puts the template: `dist/pglite-template.tar.gz` for the compiled code. */
export const templateFile = path.resolve(__dirname, '..', '..', 'pglite-template.tar.gz');

/** PGlite's version, so a template made by another version is never used. */
function pgliteVersion(): string {
  try {
    const pkg = require.resolve('@electric-sql/pglite/package.json');
    return (JSON.parse(require('node:fs').readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const versionFile = `${templateFile}.version`;

/** The template, when one for this PGlite version exists and `dir` is empty or absent. */
export async function templateFor(dir: string): Promise<Blob | undefined> {
  if (!existsSync(templateFile) || !existsSync(versionFile)) return undefined;
  if (existsSync(dir) && (await readdir(dir)).length > 0) return undefined;
  if ((await readFile(versionFile, 'utf8')).trim() !== pgliteVersion()) return undefined;
  return new Blob([await readFile(templateFile)]);
}

/** Makes the template unless an up-to-date one exists. */
export async function makeTemplate(startParams: string[]): Promise<boolean> {
  if (existsSync(versionFile) && (await readFile(versionFile, 'utf8')).trim() === pgliteVersion() && existsSync(templateFile)) return false;
  const db = await PGlite.create({ startParams });
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  await mkdir(path.dirname(templateFile), { recursive: true });
  const tmp = `${templateFile}.${process.pid}.tmp`;
  await writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
  await rename(tmp, templateFile);
  await writeFile(versionFile, pgliteVersion());
  return true;
}

if (require.main === module) {
  makeTemplate(startParams).then(
      (made) => console.log(made ? `embedded database template written to ${path.relative(process.cwd(), templateFile)}` : 'embedded database template is up to date'),
      async (err: unknown) => {
        await rm(templateFile, { force: true });
        console.error('could not make the embedded database template (the store will be created from scratch):', err);
      },
    );
}
