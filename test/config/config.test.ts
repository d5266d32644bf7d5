import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ConfigError, envVariables, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('when nothing is set, then the bot runs offline on port 3978 in anonymous local mode', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.bot.anonymous, true);
    assert.equal(config.model.provider, 'none');
    assert.equal(config.databaseUrl, undefined);
  });

  it('when several variables are wrong, then one error names every one of them', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DELIVERY_RATE_PER_SECOND: '-3' }),
      (err: unknown) =>
        err instanceof ConfigError && /PORT/.test(err.message) && /LOG_LEVEL/.test(err.message) && /DELIVERY_RATE_PER_SECOND/.test(err.message),
    );
    assert.throws(() => loadConfig({ AZURE_OPENAI_API_KEY: 'k' }), /AZURE_OPENAI_ENDPOINT/);
  });

  it('when production has no MicrosoftAppId, then start is refused unless anonymous mode is explicit', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /MicrosoftAppId/);
    assert.equal(loadConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' }).bot.anonymous, true);
  });

  it('when an app id is set without a password, then it is refused', () => {
    assert.throws(() => loadConfig({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }), /MicrosoftAppPassword/);
  });

  it('lists for admins and API keys are read from comma-separated values', () => {
    const config = loadConfig({ BOT_ADMINS: ' a1, a2 ,', API_KEYS: 'k1' });
    assert.deepEqual(config.admins, ['a1', 'a2']);
    assert.deepEqual(config.apiKeys, ['k1']);
  });

  it('picks Azure OpenAI when its three variables are set, OpenAI when only a key is', () => {
    assert.equal(loadConfig({ OPENAI_API_KEY: 'k' }).model.provider, 'openai');
    const azure = loadConfig({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' });
    assert.equal(azure.model.provider, 'azure');
  });

  it('in anonymous mode the bot listens on loopback unless HOST says otherwise; with an app id, on every interface', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
    assert.equal(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'p' }).host, '0.0.0.0');
    assert.equal(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'p', HOST: '10.0.0.5' }).host, '10.0.0.5');
  });

  it('only Microsoft Teams is accepted unless ALLOWED_CHANNELS lists others; ALLOWED_TENANTS is empty (any) unless set', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.allowedChannels, ['msteams']);
    assert.deepEqual(defaults.allowedTenants, []);
    const set = loadConfig({ ALLOWED_CHANNELS: 'msteams, webchat', ALLOWED_TENANTS: 't-1,t-2' });
    assert.deepEqual(set.allowedChannels, ['msteams', 'webchat']);
    assert.deepEqual(set.allowedTenants, ['t-1', 't-2']);
  });

  it('REQUEST_TIMEOUT_MS defaults to 15 s and must be a positive whole number', () => {
    assert.equal(loadConfig({}).requestTimeoutMs, 15_000);
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: '2500' }).requestTimeoutMs, 2500);
    assert.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: '0' }), /REQUEST_TIMEOUT_MS/);
  });

  it('.env.example lists every variable the bot reads, and nothing else', () => {
    const listed = fs
      .readFileSync('.env.example', 'utf8')
      .split('\n')
      .map((l) => l.match(/^([A-Za-z_][A-Za-z0-9_]*)=/)?.[1])
      .filter((v): v is string => Boolean(v));
    assert.deepEqual([...listed].sort(), [...envVariables].sort());
  });
});
