import assert from 'node:assert/strict';
import type { Request } from 'restify';
import { apiKeyAuth } from '../../src/http/api-auth';
import { HttpError } from '../../src/http/http-errors';

const req = (authorization?: string) => ({ header: (name: string) => (name === 'authorization' ? authorization : undefined) }) as unknown as Request;

describe('bearer API keys', () => {
  const auth = apiKeyAuth(['alpha-key', 'beta-key']);

  it('accepts each configured key and names it without revealing it', () => {
    const a = auth(req('Bearer alpha-key'));
    const b = auth(req('bearer beta-key'));
    assert.notEqual(a.keyId, b.keyId);
    assert.doesNotMatch(a.keyId, /alpha/);
  });

  it('refuses a missing, malformed, wrong, prefix or longer key with 401', () => {
    for (const header of [undefined, '', 'alpha-key', 'Basic alpha-key', 'Bearer alpha', 'Bearer alpha-key-2', 'Bearer ']) {
      assert.throws(
        () => auth(req(header)),
        (e: unknown) => e instanceof HttpError && e.status === 401,
        String(header),
      );
    }
  });

  it('with no keys configured, the API is closed', () => {
    assert.throws(
      () => apiKeyAuth([])(req('Bearer anything')),
      (e: unknown) => e instanceof HttpError && e.status === 401,
    );
  });
});
