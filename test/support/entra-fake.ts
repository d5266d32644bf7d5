/**
 * A stand-in for Microsoft Entra ID on loopback: a key server publishing one RSA signing key as a JWKS
 * (what `login.microsoftonline.com/common/discovery/v2.0/keys` serves), and a signer for tab SSO tokens
 * with Entra's claims. `forge` signs with a key the server does not publish, under the same key id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };

export const TEST_TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const TEST_APP_ID = '0b1c2d3e-4f50-4617-8829-3a4b5c6d7e8f';
export const TEST_APP_ID_URI = `api://localhost/${TEST_APP_ID}`;

export interface EntraFake {
  jwksUrl: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  /** A token as Teams hands the tab: v2 issuer for its tenant, our audience, valid for an hour. */
  token(
    claims?: JWTPayload & { oid?: string; tid?: string; name?: string },
    options?: { expiresIn?: string | number; forge?: boolean; issuer?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startEntraFake(): Promise<EntraFake> {
  const { exportJWK, generateKeyPair, SignJWT } = await import('jose');
  const kid = 'test-key-1';
  const real = await generateKeyPair('RS256', { extractable: true });
  const forged = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(real.publicKey)), kid, use: 'sig', alg: 'RS256' };
  let fetches = 0;
  const server = http.createServer((req, res) => {
    fetches += 1;
    // Two calls, not a chain: restify, loaded in the same process, replaces writeHead with one returning nothing.
    if (req.url !== '/common/discovery/v2.0/keys') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    jwksUrl: `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
    fetches: () => fetches,
    token: async (claims = {}, options = {}) => {
      const tid = claims.tid ?? TEST_TENANT;
      const key = options.forge ? forged.privateKey : real.privateKey;
      return new SignJWT({
        oid: 'aaaaaaaa-0000-4000-8000-000000000001',
        name: 'Test Person',
        preferred_username: 'test.person@herts.example',
        ver: '2.0',
        ...claims,
        tid,
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(options.audience ?? TEST_APP_ID_URI)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
