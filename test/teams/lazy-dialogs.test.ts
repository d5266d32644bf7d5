/**
 * The stand-in for botbuilder-dialogs (src/teams/lazy-dialogs.ts) must save its start-up cost without
 * changing what anyone sees: Teams AI loads with it, and the first real use gets the real package.
 * Each case runs in a fresh Node process, since the module cache is what is being tested.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/** Runs `body` in a new Node process (TypeScript through tsx) and returns what it printed as JSON. */
function inFreshProcess(body: string): Record<string, unknown> {
  const script = `
    const loaded = (part) => Object.keys(require.cache).some((f) => f.includes(part));
    const out = {};
    ${body}
    console.log(JSON.stringify(out));`;
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

describe('botbuilder-dialogs loads only when something uses it', function () {
  this.timeout(60_000);

  it("Teams AI's Application loads without the dialogs package or the Recognizers Text suites", () => {
    const out = inFreshProcess(`
      require('./src/teams/lazy-dialogs');
      const { Application } = require('@microsoft/teams-ai/lib/Application');
      out.application = typeof Application;
      out.prompts = loaded('botbuilder-dialogs/lib/prompts');
      out.recognizers = loaded('recognizers-text-suite');`);
    assert.deepEqual(out, { application: 'function', prompts: false, recognizers: false });
  });

  it('the first use gets the real package: the same classes, the same exported names', () => {
    const out = inFreshProcess(`
      require('./src/teams/lazy-dialogs');
      require('@microsoft/teams-ai/lib/Application');
      const viaStandIn = require('botbuilder-dialogs');
      out.dialogSet = typeof viaStandIn.DialogSet;
      out.promptsAfter = loaded('botbuilder-dialogs/lib/prompts');
      out.sameDialog = viaStandIn.Dialog === require('botbuilder-dialogs/lib/dialog').Dialog;
      const keys = Object.keys(viaStandIn).sort();
      delete require.cache[require.resolve('botbuilder-dialogs')];
      const real = require('botbuilder-dialogs');
      out.sameKeys = JSON.stringify(keys) === JSON.stringify(Object.keys(real).sort());
      out.sameClass = viaStandIn.OAuthPrompt === real.OAuthPrompt;
      out.many = keys.length > 50;`);
    assert.deepEqual(out, { dialogSet: 'function', promptsAfter: true, sameDialog: true, sameKeys: true, sameClass: true, many: true });
  });

  it('does nothing when the real package is already loaded', () => {
    const out = inFreshProcess(`
      const real = require('botbuilder-dialogs');
      require('./src/teams/lazy-dialogs');
      out.same = require('botbuilder-dialogs') === real;`);
    assert.deepEqual(out, { same: true });
  });
});
