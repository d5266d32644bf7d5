/**
 * Tab single sign-on: the Progress tab's page asks Teams for the user's Entra ID access token and sends it
 * as `Authorization: Bearer …`; this checks it the way Entra ID's own guidance says a resource API must —
 * signature against the published signing keys, issuer for the token's tenant (v1 `sts.windows.net` or
 * v2 `login.microsoftonline.com`), audience (our app ID URI or app id), expiry, and the tenant against
 * ALLOWED_TENANTS — and returns the person by AAD object id, the same key the bot's roles use.
 *
 * `jose` is an ES module and only the tab's API needs it, so it is loaded with the first token.
 */
import type { JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { HttpError, forbidden, serviceUnavailable, unauthorized } from './http-errors';

export interface TabTokenOptions {
  /** Accepted `aud` values: the app ID URI (`api://<host>/<appId>`) and/or the app id. */
  audiences: readonly string[];
  /** Entra ID's key set (`…/discovery/v2.0/keys`), or a local key server in tests. */
  jwksUrl: string;
  /** Tenants whose users may use the tab; empty accepts any (as for the bot's activities). */
  allowedTenants: readonly string[];
  /** Seconds of clock difference tolerated on `exp`/`nbf` (default 60). */
  clockToleranceSeconds?: number;
}

/** The signed-in person, as the roles store knows them. */
export interface TabUser {
  aadObjectId: string;
  tenantId: string;
  name: string;
}

export type TabTokenVerifier = (authorization: string | undefined) => Promise<TabUser>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The two issuers Entra ID uses for a tenant: v2.0 tokens and v1 tokens. */
export const issuersFor = (tenantId: string): string[] => [
  `https://login.microsoftonline.com/${tenantId}/v2.0`,
  `https://sts.windows.net/${tenantId}/`,
];

const bearerOf = (header: string | undefined): string => {
  const m = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/.exec(header ?? '');
  if (!m?.[1]) throw unauthorized('Sign-in is required: the tab sends a Teams single sign-on token (Authorization: Bearer <token>).');
  return m[1];
};

export function tabTokenVerifier(options: TabTokenOptions): TabTokenVerifier {
  if (options.audiences.length === 0) throw new Error('tab sign-in needs at least one audience (MicrosoftAppId or TAB_SSO_APP_ID_URI)');
  let keys: Promise<{ jose: typeof import('jose', { with: { 'resolution-mode': 'import' } }); keySet: JWTVerifyGetKey }> | undefined;
  const loadKeys = () =>
    (keys ??= import('jose').then((jose) => ({
      jose,
      // Keys are fetched on first use and again when a token names a key id not yet seen (key rollover).
      keySet: jose.createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 }),
    })));

  return async (authorization) => {
    const token = bearerOf(authorization);
    const { jose, keySet } = await loadKeys();
    let claims: import('jose', { with: { 'resolution-mode': 'import' } }).JWTPayload;
    try {
      // The tenant decides the issuer, so it is read before the signature is checked — and then checked too:
      // jwtVerify refuses a token whose `iss` is not this tenant's.
      const unverified = jose.decodeJwt(token);
      const tid = typeof unverified.tid === 'string' && GUID.test(unverified.tid) ? unverified.tid : undefined;
      if (!tid) throw unauthorized('The sign-in token names no tenant.');
      ({ payload: claims } = await jose.jwtVerify(token, keySet, {
        issuer: issuersFor(tid),
        audience: [...options.audiences],
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'oid', 'tid'],
        clockTolerance: options.clockToleranceSeconds ?? 60,
      }));
    } catch (err) {
      throw asHttpError(err, jose);
    }
    const tenantId = String(claims.tid);
    if (options.allowedTenants.length > 0 && !options.allowedTenants.includes(tenantId)) {
      throw forbidden('Your organisation is not one this assistant serves.');
    }
    const oid = typeof claims.oid === 'string' ? claims.oid : '';
    if (!GUID.test(oid)) throw unauthorized('The sign-in token names no user.');
    const name =
      [claims.name, claims.preferred_username, claims.upn].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? 'Signed-in user';
    return { aadObjectId: oid, tenantId, name };
  };
}

/** Expired, forged, for another app or tenant: 401 with the reason; the key server unreachable: 503. */
function asHttpError(err: unknown, jose: typeof import('jose', { with: { 'resolution-mode': 'import' } })): HttpError {
  if (err instanceof HttpError) return err;
  const { errors } = jose;
  if (err instanceof errors.JWTExpired) return unauthorized('Your sign-in has expired; reload the tab.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return unauthorized('The sign-in token is for another application.');
    if (err.claim === 'iss') return unauthorized('The sign-in token was not issued by Microsoft Entra ID for its tenant.');
    return unauthorized(`The sign-in token is not valid (${err.claim}).`);
  }
  if (
    err instanceof errors.JWKSTimeout ||
    (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC' && /fetch|network|status code/i.test(err.message))
  ) {
    return serviceUnavailable('The Microsoft sign-in keys could not be fetched; try again shortly.');
  }
  if (err instanceof TypeError || (err instanceof Error && /fetch failed|ECONNREFUSED/i.test(err.message))) {
    return serviceUnavailable('The Microsoft sign-in keys could not be fetched; try again shortly.');
  }
  if (err instanceof errors.JOSEError) return unauthorized('The sign-in token is not valid.');
  return unauthorized('The sign-in token could not be read.');
}
