import assert from 'node:assert/strict';
import { parseSince, parseStatusIntent } from '../../src/workstreams/status-intent';

const today = '2026-03-10'; // a Tuesday
const intent = (text: string) => parseStatusIntent(text, today);

describe('recognising workstream requests', () => {
  it('`status` alone and dashboard phrasings open the dashboard', () => {
    for (const t of ['status', 'Status', 'dashboard', 'show me the dashboard', 'how are the workstreams doing?', 'list all workstreams']) {
      assert.deepEqual(intent(t), { kind: 'dashboard' }, t);
    }
  });

  it('`status <name>` and natural phrasings name one workstream', () => {
    assert.deepEqual(intent('status autism'), { kind: 'workstream', query: 'autism', explicit: true });
    assert.deepEqual(intent('show me the autism workstream'), { kind: 'workstream', query: 'autism', explicit: false });
    assert.deepEqual(intent('How is the Exceptional Needs Funding workstream going?'), { kind: 'workstream', query: 'exceptional needs funding', explicit: false });
    assert.deepEqual(intent("what's the status of the quality send offer?"), { kind: 'workstream', query: 'quality send offer', explicit: false });
    assert.deepEqual(intent('behaviour status'), { kind: 'workstream', query: 'behaviour', explicit: false });
  });

  it('plain questions about workstreams are not claimed, and a natural phrasing is only tentative', () => {
    // A tentative match is dropped by the route when the name is not a workstream.
    assert.equal((intent('What is the status of children with EHCPs in mainstream schools?') as { explicit: boolean }).explicit, false);
    for (const t of [
      'Who leads the autism workstream?',
      'Which workstreams is Helen Booth on?',
      'What will the autism workstream do?',
      'What does HASSH stand for?',
      'What happens when a school is rated amber?',
    ]) {
      assert.equal(intent(t), undefined, t);
    }
  });

  it('overdue, changes since a date, and my workstreams', () => {
    assert.deepEqual(intent("what's overdue?"), { kind: 'overdue' });
    assert.deepEqual(intent('Which workstreams are overdue'), { kind: 'overdue' });
    assert.deepEqual(intent('what changed since 1 March?'), { kind: 'changes', since: '2026-03-01', sinceText: '1 march' });
    assert.deepEqual(intent('my workstreams'), { kind: 'mine' });
  });

  it('update, follow and unfollow commands', () => {
    assert.deepEqual(intent('update autism'), { kind: 'update', query: 'autism' });
    assert.deepEqual(intent('follow all'), { kind: 'follow', query: 'all' });
    assert.deepEqual(intent('follow the autism workstream'), { kind: 'follow', query: 'autism' });
    assert.deepEqual(intent('unfollow all workstreams'), { kind: 'unfollow', query: 'all' });
  });

  it('dates in "since" read as the most recent such day', () => {
    assert.equal(parseSince('1 March', today), '2026-03-01');
    assert.equal(parseSince('1st April', today), '2025-04-01');
    assert.equal(parseSince('March 1 2025', today), '2025-03-01');
    assert.equal(parseSince('2026-02-28', today), '2026-02-28');
    assert.equal(parseSince('05/03/2026', today), '2026-03-05');
    assert.equal(parseSince('monday', today), '2026-03-09');
    assert.equal(parseSince('this week', today), '2026-03-09');
    assert.equal(parseSince('last week', today), '2026-03-03');
    assert.equal(parseSince('31 February', today), undefined);
    assert.equal(parseSince('the meeting', today), undefined);
  });
});
