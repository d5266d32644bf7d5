import assert from 'node:assert/strict';
import { paperLinkSigner } from '../../src/paper/paper-links';

describe('signed paper download links', () => {
  const links = paperLinkSigner('a-secret-of-at-least-thirty-two-characters!', 900);
  const at = new Date('2026-03-02T10:00:00Z');
  const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

  it('a fresh link is valid until it expires (the download route answers 410 then)', () => {
    const { path, expiresAt } = links.sign(7, at);
    assert.equal(expiresAt.toISOString(), '2026-03-02T10:15:00.000Z');
    assert.equal(links.check(7, query(path), new Date('2026-03-02T10:14:59Z')), 'valid');
    assert.equal(links.check(7, query(path), new Date('2026-03-02T10:15:01Z')), 'expired');
  });

  it('a link edited to another paper, a later expiry or a cut signature is altered (403 from the route); so is one signed with another secret', () => {
    const { path } = links.sign(7, at);
    const q = query(path);
    assert.equal(links.check(8, q, at), 'altered');
    assert.equal(links.check(7, { ...q, exp: String(Number(q.exp) + 60) }, at), 'altered');
    assert.equal(links.check(7, { ...q, sig: q.sig?.slice(0, 20) }, at), 'altered');
    assert.equal(links.check(7, {}, at), 'altered');
    const other = paperLinkSigner('another-secret-of-at-least-thirty-two-chars', 900);
    assert.equal(other.check(7, q, at), 'altered');
  });
});
