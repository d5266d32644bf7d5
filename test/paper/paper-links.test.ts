import assert from 'node:assert/strict';
import { HttpError } from '../../src/http/http-errors';
import { paperLinkSigner } from '../../src/paper/paper-links';

const statusOf = (fn: () => void): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof HttpError);
    return err.status;
  }
};

describe('signed paper download links', () => {
  const links = paperLinkSigner('a-secret-of-at-least-thirty-two-characters!', 900);
  const at = new Date('2026-03-02T10:00:00Z');
  const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

  it('a fresh link passes until it expires, then gets 410', () => {
    const { path, expiresAt } = links.sign(7, at);
    assert.equal(expiresAt.toISOString(), '2026-03-02T10:15:00.000Z');
    assert.equal(statusOf(() => links.check(7, query(path), new Date('2026-03-02T10:14:59Z'))), undefined);
    assert.equal(statusOf(() => links.check(7, query(path), new Date('2026-03-02T10:15:01Z'))), 410);
  });

  it('a link edited to another paper, a later expiry or a cut signature gets 403; so does one signed with another secret', () => {
    const { path } = links.sign(7, at);
    const q = query(path);
    assert.equal(statusOf(() => links.check(8, q, at)), 403);
    assert.equal(statusOf(() => links.check(7, { ...q, exp: String(Number(q.exp) + 60) }, at)), 403);
    assert.equal(statusOf(() => links.check(7, { ...q, sig: q.sig?.slice(0, 20) }, at)), 403);
    assert.equal(statusOf(() => links.check(7, {}, at)), 403);
    const other = paperLinkSigner('another-secret-of-at-least-thirty-two-chars', 900);
    assert.equal(statusOf(() => other.check(7, q, at)), 403);
  });
});
