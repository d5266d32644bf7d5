/**
 * Bearer API keys for other systems (`API_KEYS`). Every configured key is compared, in constant time, so
 * neither a wrong key's length nor how much of it matches shows in the response time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { unauthorized } from './http-errors';

/** Who called: a stable, non-secret name for the key (for audit and idempotency scoping). */
export interface ApiCaller {
  keyId: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Returns a function that checks a request's `Authorization: Bearer <key>` header and returns the caller,
 * or throws 401. With no keys configured every request is refused: the API is off.
 */
export function apiKeyAuth(keys: readonly string[]): (req: Request) => ApiCaller {
  // Hashing first gives every comparison the same length, which timingSafeEqual requires.
  const known = keys.map((key) => ({ hash: digest(key), keyId: `key-${digest(key).toString('hex').slice(0, 8)}` }));
  return (req) => {
    const header = req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) throw unauthorized();
    const presented = digest(token);
    let match: ApiCaller | undefined;
    for (const k of known) {
      if (timingSafeEqual(k.hash, presented) && !match) match = { keyId: k.keyId };
    }
    if (!match) throw unauthorized('That API key is not valid.');
    return match;
  };
}
