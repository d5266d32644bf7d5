import assert from 'node:assert/strict';
import { HttpError } from '../../src/http/http-errors';
import { tabTokenVerifier, type TabTokenVerifier } from '../../src/http/tab-sign-on';
import { OTHER_TENANT, startEntraFake, TEST_APP_ID, TEST_APP_ID_URI, TEST_TENANT, type EntraFake } from '../support/entra-fake';

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${String(err)}`);
    return err;
  }
  assert.fail('the token was accepted');
}

describe('tab single sign-on tokens (against a key server on loopback)', () => {
  let entra: EntraFake;
  let verify: TabTokenVerifier;

  before(async () => {
    entra = await startEntraFake();
    verify = tabTokenVerifier({ audiences: [TEST_APP_ID_URI, TEST_APP_ID], jwksUrl: entra.jwksUrl, allowedTenants: [TEST_TENANT] });
  });
  after(() => entra.close());

  it('when the token is valid, then the person is known by their AAD object id, tenant and name', async () => {
    const user = await verify(`Bearer ${await entra.token({ oid: 'aaaaaaaa-0000-4000-8000-00000000000a', name: 'Jane Lead' })}`);
    assert.deepEqual(user, { aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000000a', tenantId: TEST_TENANT, name: 'Jane Lead' });
    assert.ok(entra.fetches() >= 1, 'the key set was fetched from the key server');
  });

  it('when a v1 token (sts.windows.net issuer, app id audience) is valid, then it is accepted too', async () => {
    const token = await entra.token({ ver: '1.0' }, { issuer: `https://sts.windows.net/${TEST_TENANT}/`, audience: TEST_APP_ID });
    assert.equal((await verify(`Bearer ${token}`)).tenantId, TEST_TENANT);
  });

  it('when the token is for another application, then 401 says so', async () => {
    const err = await refusal(verify(`Bearer ${await entra.token({}, { audience: 'api://elsewhere.example/other-app' })}`));
    assert.equal(err.status, 401);
    assert.match(err.message, /another application/);
  });

  it('when the token comes from a tenant not in ALLOWED_TENANTS, then 403', async () => {
    const err = await refusal(verify(`Bearer ${await entra.token({ tid: OTHER_TENANT })}`));
    assert.equal(err.status, 403);
  });

  it("when the issuer is not the token's own tenant's, then 401", async () => {
    const err = await refusal(verify(`Bearer ${await entra.token({}, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })}`));
    assert.equal(err.status, 401);
    assert.match(err.message, /not issued/);
  });

  it('when the token has expired, then 401 asks to reload', async () => {
    const err = await refusal(verify(`Bearer ${await entra.token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`));
    assert.equal(err.status, 401);
    assert.match(err.message, /expired/);
  });

  it('when the signature was made with a key Entra did not publish, then 401', async () => {
    const err = await refusal(verify(`Bearer ${await entra.token({}, { forge: true })}`));
    assert.equal(err.status, 401);
    assert.doesNotMatch(err.message, /expired|another application/);
  });

  it('when there is no token, or not a JWT, then 401 without fetching anything', async () => {
    for (const header of [undefined, '', 'Bearer', 'Basic dXNlcjpwYXNz', 'Bearer not-a-token']) {
      const err = await refusal(verify(header));
      assert.equal(err.status, 401, String(header));
      assert.match(err.message, /Sign-in is required/);
    }
  });

  it('when the key server cannot be reached, then 503, not a refusal of the person', async () => {
    const offline = tabTokenVerifier({ audiences: [TEST_APP_ID_URI], jwksUrl: 'http://127.0.0.1:9/keys', allowedTenants: [] });
    const err = await refusal(offline(`Bearer ${await entra.token()}`));
    assert.equal(err.status, 503);
  });

  it('with no tenant list, then any tenant is accepted', async () => {
    const open = tabTokenVerifier({ audiences: [TEST_APP_ID_URI], jwksUrl: entra.jwksUrl, allowedTenants: [] });
    assert.equal((await open(`Bearer ${await entra.token({ tid: OTHER_TENANT })}`)).tenantId, OTHER_TENANT);
  });
});
