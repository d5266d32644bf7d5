/**
 * The Microsoft 365 Agents Toolkit project and the infrastructure it deploys, checked offline:
 * - m365agents.yml and m365agents.local.yml against the toolkit's own schema (test/deploy/schemas);
 * - every `${{VARIABLE}}` they, the manifest and the ARM parameters use is defined in the environment's
 *   env file or written by an earlier step, so `atk provision` never meets an unset placeholder;
 * - the manifest, filled as the toolkit fills it for each environment, against the official Teams schema;
 * - infra/azure.bicep against what the bot validates at start (its app settings are variables
 *   src/config.ts knows) and against its parameters file. No Bicep compiler can be installed here (the
 *   npm wrapper downloads the binary from outside the registries), so this is a reading of the file, not
 *   a compilation.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { fillPlaceholders, validateManifest } from '../../scripts/package-app';
import { envVariables } from '../../src/config';
import { projectRoot } from './install-harness';

const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');
const placeholders = (text: string) => new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].flatMap((m) => m[1] ?? []));

/** KEY=value lines of a dotenv file. */
function envFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of read(file).split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined) out[m[1]] = m[2] ?? '';
  }
  return out;
}

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
type Project = { version: string; provision: Action[]; deploy?: Action[]; publish?: Action[] };

const schema = JSON.parse(read('test/deploy/schemas/m365agents.v1.13.schema.json')) as object;
const validateProject = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (project: unknown) =>
  validateProject(project) ? [] : (validateProject.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** Output names of a Bicep file (arm/deploy writes them to the environment file). */
const bicepOutputs = (text: string) => new Set([...text.matchAll(/^output\s+(\w+)\s/gm)].flatMap((m) => m[1] ?? []));

/** Variables the toolkit itself provides or asks for. */
const TOOLKIT_BUILT_INS = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'TEAMS_APP_TENANT_ID']);

const environments = [
  { name: 'dev', projectFile: 'm365agents.yml', extraFiles: ['infra/azure.parameters.json'], userExample: 'env/.env.dev.user.example' },
  { name: 'local', projectFile: 'm365agents.local.yml', extraFiles: [], userExample: undefined },
] as const;

const GUID_1 = '11111111-2222-4333-8444-555555555555';
const GUID_2 = '66666666-7777-4888-9999-aaaaaaaaaaaa';

describe('the Microsoft 365 Agents Toolkit project', () => {
  for (const env of environments) {
    describe(`${env.projectFile} (env/.env.${env.name})`, () => {
      const text = read(env.projectFile);
      const project = parseYaml(text) as Project;
      const actions = [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])];

      it("validates against the toolkit's schema for its version", () => {
        assert.equal(project.version, 'v1.13');
        assert.match(text, /\$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/v1\.13\/yaml\.schema\.json/);
        assert.deepEqual(errorsOf(project), []);
      });

      it('registers the bot as a single-tenant app with a client secret', () => {
        const aad = actions.find((a) => a.uses === 'aadApp/create');
        assert.ok(aad, 'aadApp/create');
        assert.equal(aad.with?.signInAudience, 'AzureADMyOrg');
        assert.equal(aad.writeToEnvironmentFile?.clientId, 'BOT_ID');
        assert.equal(aad.writeToEnvironmentFile?.tenantId, 'BOT_TENANT_ID');
        assert.match(String(aad.writeToEnvironmentFile?.clientSecret), /^SECRET_/);
      });

      it('uses no variable that is neither in its env file nor written by an earlier step', () => {
        const defined = new Set([...Object.keys(envFile(`env/.env.${env.name}`)), ...TOOLKIT_BUILT_INS]);
        if (env.userExample) for (const k of Object.keys(envFile(env.userExample))) defined.add(k);
        for (const action of actions) {
          for (const name of Object.values(action.writeToEnvironmentFile ?? {})) defined.add(name);
          if (action.uses === 'arm/deploy') for (const o of bicepOutputs(read('infra/azure.bicep'))) defined.add(o);
        }
        const used = new Set([
          ...placeholders(text),
          ...placeholders(read('appPackage/manifest.json')),
          ...env.extraFiles.flatMap((f) => [...placeholders(read(f))]),
        ]);
        const missing = [...used].filter((v) => !defined.has(v));
        assert.deepEqual(missing, [], `not defined for ${env.name}: ${missing.join(', ')}`);
      });

      it('fills a manifest that validates against the official Teams schema', () => {
        const vars = envFile(`env/.env.${env.name}`);
        const manifest = JSON.parse(fillPlaceholders(read('appPackage/manifest.json'), { ...vars, BOT_ID: GUID_1, TEAMS_APP_ID: GUID_2 })) as {
          name: { short: string };
          bots: { botId: string }[];
          version: string;
        };
        assert.deepEqual(validateManifest(manifest), []);
        assert.equal(manifest.name.short, `Herts SEND Assistant${vars.APP_NAME_SUFFIX}`);
        assert.equal(manifest.bots[0]?.botId, GUID_1);
        assert.equal(
          manifest.version,
          (JSON.parse(read('package.json')) as { version: string }).version,
          'APP_VERSION in the env file is the package version',
        );
      });
    });
  }

  it('rejects a project the toolkit would refuse (an unknown action, a step missing its parameters)', () => {
    const project = parseYaml(read('m365agents.yml')) as Project;
    const broken = {
      ...project,
      provision: [{ uses: 'teamsApp/creat', with: { name: 'x' } }, { uses: 'aadApp/create', with: { name: 'x' } }, ...project.provision.slice(2)],
    };
    const errors = errorsOf(broken);
    assert.ok(
      errors.some((e) => e.startsWith('/provision/0')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('/provision/1')),
      errors.join('\n'),
    );
  });

  it("the local loop writes the bot's own settings, single-tenant, and nothing the bot does not read", () => {
    const project = parseYaml(read('m365agents.local.yml')) as Project;
    const write = (project.deploy ?? []).find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    const envs = (write?.with?.envs ?? {}) as Record<string, string>;
    assert.equal(envs.MicrosoftAppType, 'SingleTenant');
    assert.deepEqual(
      Object.keys(envs).filter((k) => !envVariables.includes(k)),
      [],
    );
    assert.match(read('.gitignore'), /^\.localConfigs$/m, 'the file with the secret is not committed');
    assert.match(read('.gitignore'), /^env\/\.env\.\*\.user$/m, 'secrets in env/*.user are not committed');
  });
});

describe('infra/azure.bicep (read, not compiled: no Bicep compiler is reachable here)', () => {
  const bicep = read('infra/azure.bicep');
  const params = new Map(
    [...bicep.matchAll(/^param\s+(\w+)\s+(\w+)(\s*=.*)?$/gm)].map((m) => [m[1] ?? '', { type: m[2], hasDefault: Boolean(m[3]) }]),
  );
  const given = (JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: unknown }> }).parameters;

  it('its parameters file sets only parameters it declares, and every parameter without a default', () => {
    assert.deepEqual(
      Object.keys(given).filter((k) => !params.has(k)),
      [],
    );
    assert.deepEqual(
      [...params].filter(([k, p]) => !p.hasDefault && !(k in given)).map(([k]) => k),
      [],
    );
  });

  it('marks every secret parameter @secure() and keeps secrets out of plain app settings', () => {
    for (const name of ['botAadAppClientSecret', 'apiKeys', 'postgresAdminPassword']) {
      assert.match(bicep, new RegExp(`@secure\\(\\)\\n(@description\\([^\\n]*\\)\\n)?param ${name} `), `${name} should be @secure()`);
    }
    for (const setting of ['MicrosoftAppPassword', 'API_KEYS', 'DATABASE_URL', 'AZURE_OPENAI_API_KEY']) {
      const line = bicep.split('\n').find((l) => l.includes(`name: '${setting}'`));
      assert.ok(line, `${setting} is set`);
      assert.match(line, /\$\{kvRefPrefix\}[a-z-]+\)/, `${setting} should be a Key Vault reference`);
    }
    const referenced = [...bicep.matchAll(/\$\{kvRefPrefix\}([a-z-]+)\)/g)].flatMap((m) => m[1] ?? []);
    const created = new Set(
      [...bicep.matchAll(/Microsoft\.KeyVault\/vaults\/secrets@[\d-]+' = (?:if \(.+\) )?\{\n\s+parent: vault\n\s+name: '([a-z-]+)'/g)].flatMap(
        (m) => m[1] ?? [],
      ),
    );
    assert.deepEqual(
      referenced.filter((s) => !created.has(s)),
      [],
      'each Key Vault reference names a secret the template creates',
    );
  });

  it('sets only app settings the bot reads (or App Service does), with a single-tenant identity', () => {
    const settings = [...bicep.matchAll(/\{ name: '(\w+)', value:/g)].flatMap((m) => m[1] ?? []);
    const platform = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT']);
    assert.deepEqual(
      settings.filter((s) => !envVariables.includes(s) && !platform.has(s)),
      [],
    );
    for (const required of [
      'NODE_ENV',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'BOT_ADMINS',
      'DATA_DIR',
    ]) {
      assert.ok(settings.includes(required), `${required} is set`);
    }
    assert.match(bicep, /\{ name: 'MicrosoftAppType', value: 'SingleTenant' \}/);
    assert.match(bicep, /msaAppType: 'SingleTenant'/);
    assert.match(bicep, /channelName: 'MsTeamsChannel'/);
    assert.match(bicep, /linuxFxVersion: 'NODE\|20-lts'/);
    assert.match(bicep, /healthCheckPath: '\/healthz'/);
  });
});
