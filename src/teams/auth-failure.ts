/**
 * What a caller is told when authenticating a Bot Framework request fails: 401 when the request is not
 * authenticated, 503 when the bot could not check (the identity metadata endpoint is unreachable or
 * answered with an error). Never the library's own text, which names upstream hosts and network errors;
 * that goes to the log.
 */
import { HttpError, serviceUnavailable } from '../http/http-errors';

/** Errors jsonwebtoken throws for a token that is malformed, badly signed, expired or not yet valid. */
const tokenErrors = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

export const notAuthenticated = () =>
  new HttpError(401, 'Unauthorized', 'This request is not authenticated: a valid Bot Framework token is required (Authorization: Bearer <token>).');

/** Maps an authentication failure to the HttpError the caller sees. */
export function authFailure(err: unknown): HttpError {
  const { statusCode, name } = (err ?? {}) as { statusCode?: unknown; name?: unknown };
  if (statusCode === 401 || statusCode === 403 || (typeof name === 'string' && tokenErrors.has(name))) return notAuthenticated();
  return serviceUnavailable('The bot could not verify who sent this request just now. Try again shortly.');
}
