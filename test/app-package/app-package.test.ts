import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {
  buildManifest,
  checkIcons,
  fillPlaceholders,
  packageApp,
  PLACEHOLDER_BOT_ID,
  schemaPathFor,
  validateManifest,
} from '../../scripts/package-app';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { decodePng, encodePng, readPngHeader } from '../../scripts/png';

const appDir = path.resolve(__dirname, '..', '..', 'appPackage');
const BOT_ID = '1b2c3d4e-aaaa-bbbb-cccc-0123456789ab';

interface BotEntry {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: { scopes: string[]; commands: { title: string }[] }[];
}

function botOf(manifest: Record<string, unknown>): BotEntry {
  const [bot] = manifest.bots as BotEntry[];
  assert.ok(bot, 'the manifest declares a bot');
  return bot;
}

describe('Teams app package', () => {
  describe('manifest', () => {
    it('validates against the official Teams schema of the latest released manifest version', () => {
      const { manifest } = buildManifest({ env: { MicrosoftAppId: BOT_ID } });
      const versions = fs
        .readdirSync(path.dirname(path.dirname(schemaPathFor('1.30'))))
        .filter((d) => /^v\d+\.\d+$/.test(d))
        .map((d) => d.slice(1))
        .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
      assert.equal(manifest.manifestVersion, versions.at(-1));
      assert.deepEqual(validateManifest(manifest), []);
    });

    it('fails validation when a field breaks the official schema', () => {
      const { manifest } = buildManifest({ env: { MicrosoftAppId: BOT_ID } });
      const broken = {
        ...manifest,
        name: { short: 'A short name that is far too long for Teams to show' },
        bots: [{ ...botOf(manifest), botId: 'not-a-guid' }],
      };
      const errors = validateManifest(broken);
      assert.ok(
        errors.some((e) => e.startsWith('/name/short')),
        errors.join('\n'),
      );
      assert.ok(
        errors.some((e) => e.startsWith('/bots/0/botId')),
        errors.join('\n'),
      );
    });

    it('takes the bot id from MicrosoftAppId', () => {
      const { manifest, warnings } = buildManifest({ env: { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'send-bot.example.org' } });
      assert.equal(botOf(manifest).botId, BOT_ID);
      assert.deepEqual(warnings, []);
    });

    it('uses the all-zero bot id and a placeholder domain, and warns, when MicrosoftAppId and BOT_DOMAIN are unset', () => {
      const { manifest, warnings } = buildManifest({ env: {} });
      assert.equal(botOf(manifest).botId, PLACEHOLDER_BOT_ID);
      assert.equal(warnings.length, 2);
      assert.match(warnings[0] ?? '', /MicrosoftAppId is not set/);
      assert.match(warnings[1] ?? '', /BOT_DOMAIN \(or PUBLIC_URL\) is not set/);
      assert.deepEqual(validateManifest(manifest), []);
    });

    it('declares the Progress tab (personal, and configurable for channels, chats and meetings), its sign-on resource and the message extension on the bot', () => {
      const { manifest } = buildManifest({ env: { MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://send-bot.example.org' } });
      const tabs = manifest.staticTabs as { contentUrl: string; scopes: string[]; name: string }[];
      assert.deepEqual(
        tabs.map((t) => [t.name, t.contentUrl, t.scopes.join()]),
        [['Progress', 'https://send-bot.example.org/tab/progress', 'personal']],
      );
      const configurable = manifest.configurableTabs as { configurationUrl: string; scopes: string[]; context: string[] }[];
      assert.equal(configurable[0]?.configurationUrl, 'https://send-bot.example.org/tab/configure');
      assert.deepEqual(configurable[0]?.scopes, ['team', 'groupChat']);
      assert.ok(configurable[0]?.context.includes('meetingSidePanel'));
      assert.deepEqual(manifest.webApplicationInfo, { id: BOT_ID, resource: `api://send-bot.example.org/${BOT_ID}` });
      const [extension] = manifest.composeExtensions as {
        botId: string;
        commands: { id: string; type: string }[];
        messageHandlers: { type: string; value: { domains: string[] } }[];
      }[];
      assert.equal(extension?.botId, BOT_ID);
      assert.deepEqual(
        extension?.commands.map((c) => `${c.id}:${c.type}`),
        ['workstreams:query', 'concerns:query'],
      );
      assert.deepEqual(extension?.messageHandlers, [{ type: 'link', value: { domains: ['send-bot.example.org'] } }]);
      assert.ok((manifest.validDomains as string[]).includes('send-bot.example.org'));
    });

    it('refuses a MicrosoftAppId that is not a GUID', () => {
      assert.throws(() => buildManifest({ env: { MicrosoftAppId: 'my-bot' } }), /MicrosoftAppId: must be a GUID/);
    });

    it('refuses a placeholder it does not know, instead of shipping it', () => {
      assert.throws(() => fillPlaceholders('{"id": "${{TEAM_APP_ID}}"}', { TEAMS_APP_ID: 'x' }), /unknown placeholder\(s\): TEAM_APP_ID/);
    });

    it('offers the bot in personal, team and group chats with commands for each, and no files', () => {
      const { manifest } = buildManifest({ env: { MicrosoftAppId: BOT_ID } });
      const bot = botOf(manifest);
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, false);
      for (const scope of bot.scopes) {
        const list = bot.commandLists.find((l) => l.scopes.includes(scope));
        assert.ok(list, `no command list for ${scope}`);
        const titles = list.commands.map((c) => c.title);
        for (const expected of [
          'help',
          'status',
          'my workstreams',
          'follow',
          'unfollow',
          'following',
          'update',
          'concerns',
          'raise concern',
          'subscribe concerns',
          'unsubscribe concerns',
        ]) {
          assert.ok(titles.includes(expected), `${scope} lacks "${expected}"`);
        }
      }
      assert.deepEqual(manifest.name, { short: 'Herts SEND Assistant', full: 'Hertfordshire School Improvement and SEND Assistant' });
    });
  });

  describe('icons', () => {
    it('has a 192×192 RGBA colour icon', () => {
      const file = fs.readFileSync(path.join(appDir, 'color.png'));
      assert.deepEqual(readPngHeader(file), { width: 192, height: 192, bitDepth: 8, colorType: 6, interlace: 0 });
      const image = decodePng(file);
      assert.equal(image.data.length, 192 * 192 * 4);
    });

    it('has a 32×32 outline icon: transparent background, white-only foreground', () => {
      const image = decodePng(fs.readFileSync(path.join(appDir, 'outline.png')));
      assert.equal(image.width, 32);
      assert.equal(image.height, 32);
      let visible = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        if (image.data[i + 3] === 0) continue;
        visible++;
        assert.deepEqual([...image.data.subarray(i, i + 3)], [255, 255, 255], `pixel ${i / 4} is not white`);
      }
      assert.equal(image.data[3], 0, 'top-left corner should be transparent');
      assert.ok(visible > 50 && visible < (32 * 32) / 2, `expected a drawn outline, found ${visible} visible pixels`);
      assert.deepEqual(checkIcons(appDir, { color: 'color.png', outline: 'outline.png' }), []);
    });

    it('are the ones scripts/make-icons.ts draws, so the committed files match the design', () => {
      assert.deepEqual(decodePng(fs.readFileSync(path.join(appDir, 'color.png'))).data, drawColorIcon().data);
      assert.deepEqual(decodePng(fs.readFileSync(path.join(appDir, 'outline.png'))).data, drawOutlineIcon().data);
    });

    it('rejects an outline icon that is coloured or opaque', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icons-'));
      const size = 32;
      const red = new Uint8Array(size * size * 4);
      for (let i = 0; i < red.length; i += 4) red.set([255, 0, 0, 255], i);
      fs.writeFileSync(path.join(dir, 'outline.png'), encodePng({ width: size, height: size, data: red }));
      fs.copyFileSync(path.join(appDir, 'color.png'), path.join(dir, 'color.png'));
      const problems = checkIcons(dir, { color: 'color.png', outline: 'outline.png' });
      assert.ok(
        problems.some((p) => /transparent background/.test(p)),
        problems.join('\n'),
      );
      assert.ok(
        problems.some((p) => /1024 visible pixels that are not white/.test(p)),
        problems.join('\n'),
      );
    });
  });

  describe('npm run package', () => {
    it('zips exactly the manifest and the two icons, with the bot id filled in', async () => {
      const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pkg-')), 'appPackage.zip');
      const result = await packageApp({ outFile, env: { MicrosoftAppId: BOT_ID } });
      const zip = await JSZip.loadAsync(fs.readFileSync(outFile));
      const names = Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.name)
        .sort();
      assert.deepEqual(names, ['color.png', 'manifest.json', 'outline.png']);
      assert.deepEqual(result.files.sort(), names);
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
      assert.equal(botOf(manifest).botId, BOT_ID);
      assert.ok(!JSON.stringify(manifest).includes('${{'), 'a placeholder was left unfilled');
      const colour = await zip.file('color.png')!.async('nodebuffer');
      assert.ok(colour.equals(fs.readFileSync(path.join(appDir, 'color.png'))));
    });

    it('writes nothing when the manifest is invalid', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-app-'));
      for (const f of ['color.png', 'outline.png']) fs.copyFileSync(path.join(appDir, f), path.join(dir, f));
      const manifest = JSON.parse(fs.readFileSync(path.join(appDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 'green' }));
      const outFile = path.join(dir, 'out.zip');
      await assert.rejects(packageApp({ appDir: dir, outFile, env: {} }), /accentColor/);
      assert.equal(fs.existsSync(outFile), false);
    });
  });
});
