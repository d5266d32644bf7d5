/**
 * `npm run package`: fills the placeholders in appPackage/manifest.json, validates the result
 * against the official Teams manifest schema (shipped in @microsoft/app-manifest, so no network),
 * checks the icons, and zips manifest + icons into dist/appPackage.zip for upload to Teams.
 *
 * Placeholders look like `${{NAME}}` (the Agents Toolkit convention; `atk provision` fills the same ones
 * from env/.env.<environment>):
 * - BOT_ID          ← env `BOT_ID` (as the toolkit names it) or `MicrosoftAppId`; an all-zero GUID with a
 *                     warning when neither is set (local builds).
 * - TEAMS_APP_ID    ← env `TEAMS_APP_ID`, else the app's fixed id below.
 * - APP_VERSION     ← package.json `version`, so the app and the package move together.
 * - APP_NAME_SUFFIX ← env `APP_NAME_SUFFIX`, else nothing (the toolkit's environments use it to tell
 *                     `dev` and `local` apps apart in one tenant).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { z } from 'zod';
import { decodePng } from './png';

/** The app's stable Teams id. It must not change between versions, or Teams sees a new app. */
export const DEFAULT_TEAMS_APP_ID = '4244f951-41d9-4008-9fae-f0ca5bb0fb51';
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';

const ROOT = path.resolve(__dirname, '..');
const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'must be a GUID');

const packageEnv = z.object({
  BOT_ID: z.union([guid, z.literal('')]).optional(),
  MicrosoftAppId: z.union([guid, z.literal('')]).optional(),
  TEAMS_APP_ID: z.union([guid, z.literal('')]).optional(),
  APP_NAME_SUFFIX: z
    .string()
    .regex(/^[A-Za-z0-9 -]{0,10}$/, 'at most 10 letters, digits, spaces or hyphens')
    .optional(),
  /** The host the bot is reached at (the Agents Toolkit writes it); else PUBLIC_URL's. */
  BOT_DOMAIN: z.union([z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'must be a host name, e.g. bot.example.org'), z.literal('')]).optional(),
  PUBLIC_URL: z.union([z.string().url(), z.literal('')]).optional(),
});

/** What the manifest's tab, sign-on and link-unfurling entries name when no domain is set. */
export const PLACEHOLDER_DOMAIN = 'localhost';

export interface ManifestVariables {
  values: Record<string, string>;
  warnings: string[];
}

/** Works out the placeholder values from the environment; throws naming every bad variable. */
export function manifestVariables(env: NodeJS.ProcessEnv, appVersion: string): ManifestVariables {
  const parsed = packageEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const warnings: string[] = [];
  let botId = parsed.data.BOT_ID || parsed.data.MicrosoftAppId;
  if (!botId) {
    botId = PLACEHOLDER_BOT_ID;
    warnings.push(
      `MicrosoftAppId is not set: the package uses the placeholder bot id ${PLACEHOLDER_BOT_ID}, which Teams cannot reach. Set it before uploading.`,
    );
  }
  let domain = parsed.data.BOT_DOMAIN || (parsed.data.PUBLIC_URL ? new URL(parsed.data.PUBLIC_URL).host : '');
  if (!domain) {
    domain = PLACEHOLDER_DOMAIN;
    warnings.push(
      `BOT_DOMAIN (or PUBLIC_URL) is not set: the Progress tab, its sign-on and link unfurling point at ${PLACEHOLDER_DOMAIN}. Set it to the bot's host name before uploading.`,
    );
  }
  return {
    values: {
      BOT_ID: botId,
      BOT_DOMAIN: domain,
      TEAMS_APP_ID: parsed.data.TEAMS_APP_ID || DEFAULT_TEAMS_APP_ID,
      APP_VERSION: appVersion,
      APP_NAME_SUFFIX: parsed.data.APP_NAME_SUFFIX ?? '',
    },
    warnings,
  };
}

/** Replaces every `${{NAME}}`; an unknown name is an error, so a typo never reaches Teams. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const unknown = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return '';
    }
    // The values land inside JSON strings; escaping keeps a stray quote from breaking the file.
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) throw new Error(`manifest uses unknown placeholder(s): ${[...unknown].join(', ')}`);
  return filled;
}

/** Path of the official schema for a manifest version, from the @microsoft/app-manifest package. */
export function schemaPathFor(manifestVersion: string): string {
  return require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`);
}

const validators = new Map<string, ValidateFunction>();

/** Validates a filled manifest against its declared schema version; returns readable errors. */
export function validateManifest(manifest: unknown): string[] {
  const version = z.object({ manifestVersion: z.string() }).safeParse(manifest);
  if (!version.success) return ['manifestVersion is missing'];
  let schemaFile: string;
  try {
    schemaFile = schemaPathFor(version.data.manifestVersion);
  } catch {
    return [`no official schema for manifestVersion ${version.data.manifestVersion} in @microsoft/app-manifest`];
  }
  let validate = validators.get(schemaFile);
  if (!validate) {
    const schema: object = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    // The official schemas are draft-04 and use a few keywords ajv's strict mode would refuse.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(schema);
    validators.set(schemaFile, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/**
 * Teams' icon rules: colour 192×192; outline 32×32 with a transparent background and only white
 * pixels (Teams recolours it, so any other colour shows as a smudge).
 */
export function checkIcons(appDir: string, icons: { color: string; outline: string }): string[] {
  const problems: string[] = [];
  const load = (name: string) => {
    try {
      return decodePng(fs.readFileSync(path.join(appDir, name)));
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
      return undefined;
    }
  };
  const color = load(icons.color);
  if (color && (color.width !== 192 || color.height !== 192)) problems.push(`${icons.color} is ${color.width}×${color.height}, must be 192×192`);
  const outline = load(icons.outline);
  if (outline) {
    if (outline.width !== 32 || outline.height !== 32) problems.push(`${icons.outline} is ${outline.width}×${outline.height}, must be 32×32`);
    let transparent = 0;
    let coloured = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const alpha = outline.data[i + 3];
      if (alpha === 0) transparent++;
      else if (outline.data[i] !== 255 || outline.data[i + 1] !== 255 || outline.data[i + 2] !== 255) coloured++;
    }
    const corners = [0, outline.width - 1, (outline.height - 1) * outline.width, outline.height * outline.width - 1];
    if (transparent === 0 || corners.some((p) => outline.data[p * 4 + 3] !== 0)) problems.push(`${icons.outline} must have a transparent background`);
    if (coloured > 0) problems.push(`${icons.outline} has ${coloured} visible pixels that are not white`);
  }
  return problems;
}

export interface PackageOptions {
  /** Folder holding manifest.json and the icons. */
  appDir?: string;
  /** Where the zip goes. */
  outFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PackageResult {
  outFile: string;
  manifest: { icons: { color: string; outline: string } } & Record<string, unknown>;
  files: string[];
  warnings: string[];
}

const manifestShape = z.object({ icons: z.object({ color: z.string(), outline: z.string() }) }).passthrough();

/** Reads and fills the manifest without writing anything (the schema test uses this too). */
export function buildManifest(options: PackageOptions = {}): { manifest: PackageResult['manifest']; text: string; warnings: string[] } {
  const appDir = options.appDir ?? path.join(ROOT, 'appPackage');
  const appVersion = z.object({ version: z.string() }).parse(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))).version;
  const { values, warnings } = manifestVariables(options.env ?? process.env, appVersion);
  const text = fillPlaceholders(fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8'), values);
  return { manifest: manifestShape.parse(JSON.parse(text)), text, warnings };
}

/** Validates everything first, then writes the zip; throws listing every problem found. */
export async function packageApp(options: PackageOptions = {}): Promise<PackageResult> {
  const appDir = options.appDir ?? path.join(ROOT, 'appPackage');
  const outFile = options.outFile ?? path.join(ROOT, 'dist', 'appPackage.zip');
  const { manifest, text, warnings } = buildManifest({ ...options, appDir });
  const problems = [...validateManifest(manifest), ...checkIcons(appDir, manifest.icons)];
  if (problems.length > 0) throw new Error(`the app package is not valid:\n  - ${problems.join('\n  - ')}`);

  const zip = new JSZip();
  // A fixed timestamp makes the same inputs give the same zip, byte for byte.
  const date = new Date('2020-01-01T00:00:00Z');
  zip.file('manifest.json', text, { date });
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, fs.readFileSync(path.join(appDir, icon)), { date });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, bytes);
  return { outFile, manifest, files: Object.keys(zip.files), warnings };
}

if (require.main === module) {
  packageApp().then(
    (result) => {
      for (const warning of result.warnings) console.warn(`warning: ${warning}`);
      console.log(`wrote ${path.relative(process.cwd(), result.outFile)} (${result.files.join(', ')})`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
