/**
 * Download links for generated papers: `/papers/<id>/download?exp=<unix seconds>&sig=<HMAC>`. The HMAC
 * (SHA-256, key PAPER_LINK_SECRET) covers the paper id and the expiry, so a link can be pasted into a
 * chat for a few minutes but not edited to reach another paper or to last longer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PaperLinkSigner {
  /** The path and query of a link to paper `id` that works until now + the configured lifetime. */
  sign(id: number, now?: Date): { path: string; expiresAt: Date };
  /** Whether a link is as it was signed (`altered` when changed or cut short) and still in time (`expired`). */
  check(id: number, query: { exp?: unknown; sig?: unknown }, now?: Date): 'valid' | 'altered' | 'expired';
}

export function paperLinkSigner(secret: string, ttlSeconds: number): PaperLinkSigner {
  const mac = (id: number, exp: number) => createHmac('sha256', secret).update(`paper:${id}:${exp}`).digest();
  return {
    sign: (id, now = new Date()) => {
      const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
      return { path: `/papers/${id}/download?exp=${exp}&sig=${mac(id, exp).toString('base64url')}`, expiresAt: new Date(exp * 1000) };
    },
    check: (id, query, now = new Date()) => {
      const exp = typeof query.exp === 'string' && /^\d{1,12}$/.test(query.exp) ? Number(query.exp) : NaN;
      const sig = typeof query.sig === 'string' ? Buffer.from(query.sig, 'base64url') : Buffer.alloc(0);
      const expected = Number.isFinite(exp) ? mac(id, exp) : Buffer.alloc(32);
      if (!Number.isFinite(exp) || sig.length !== expected.length || !timingSafeEqual(sig, expected)) return 'altered';
      return exp * 1000 < now.getTime() ? 'expired' : 'valid';
    },
  };
}
