/**
 * A blank, migrated embedded database made once at build time, so the bot's very first start on an empty
 * DATA_DIR copies a closed data directory (a native file copy, then an ordinary reopen) instead of
 * running PostgreSQL's initdb in WebAssembly (~6 s). The template lives in `dist/` beside the compiled
 * code and is never committed; without it the store is created from scratch as before.
 *
 *   node dist/src/store/embedded-template.js   (run by `npm run build`)
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openEmbeddedStore } from './embedded-store';
import { discoverMigrations, migrate } from './migrate';
import { startParams } from './pglite-params';

/** Where the build puts the template: `dist/pglite-template/` for the compiled code. */
export const templateDir = path.resolve(__dirname, '..', '..', 'pglite-template');
const versionFile = path.join(templateDir, '.template-version');

/**
 * PGlite's version, its start parameters and the migrations baked in: a template made otherwise is never
 * used, and adding a migration makes the next build remake it.
 */
function templateVersion(): string {
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(require.resolve('@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // unknown version: the template is made and used only when both sides agree on it
  }
  return `${version} ${startParams.join(' ')} ${discoverMigrations()
    .map((m) => m.name)
    .join(',')}`;
}

async function templateReady(): Promise<boolean> {
  return existsSync(versionFile) && (await readFile(versionFile, 'utf8')) === templateVersion();
}

/**
 * Copies the template into `dir` when `dir` is empty or absent and a current template exists.
 * Returns whether it did; the caller then opens `dir` as an existing database.
 */
export async function seedFromTemplate(dir: string): Promise<boolean> {
  if (!(await templateReady())) return false;
  if (existsSync(dir) && (await readdir(dir)).length > 0) return false;
  const tmp = `${dir}.${process.pid}.seeding`;
  await rm(tmp, { recursive: true, force: true });
  // Synchronous on purpose: fs.cp's promise API takes 2–3× as long for these ~1 000 small files, and
  // nothing else runs on a first start until the store is open.
  cpSync(templateDir, tmp, { recursive: true, filter: (src) => src !== versionFile });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  return true;
}

/** Makes the template unless a current one exists. */
export async function makeTemplate(): Promise<boolean> {
  if (await templateReady()) return false;
  const tmp = `${templateDir}.${process.pid}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(path.dirname(tmp), { recursive: true });
  const store = await openEmbeddedStore(tmp);
  await migrate(store);
  await store.close();
  await writeFile(path.join(tmp, '.template-version'), templateVersion());
  await rm(templateDir, { recursive: true, force: true });
  await rename(tmp, templateDir);
  return true;
}

if (require.main === module) {
  makeTemplate().then(
    (made) =>
      console.log(
        made ? `embedded database template written to ${path.relative(process.cwd(), templateDir)}` : 'embedded database template is up to date',
      ),
    async (err: unknown) => {
      await rm(templateDir, { recursive: true, force: true });
      console.error('could not make the embedded database template (the store will be created from scratch):', err);
    },
  );
}
