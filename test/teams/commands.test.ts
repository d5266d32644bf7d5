import assert from 'node:assert/strict';
import { renderCard } from '../../src/teams/card-render';
import welcomeTemplate from '../../src/teams/cards/welcome.json';
import { messageCommand, parseCommand, parseRoleChange } from '../../src/teams/commands';
import { commandButtons, helpCardData } from '../../src/teams/help-content';

const today = '2026-11-30';

describe('chat commands', () => {
  it('reads each command by its first word, with polite padding and a question mark', () => {
    assert.deepEqual(parseCommand('status', today), { kind: 'status' });
    assert.deepEqual(parseCommand('Status of autism please', today), { kind: 'status', target: 'autism' });
    assert.deepEqual(parseCommand('update behaviour and alternative provision', today), {
      kind: 'update',
      target: 'behaviour and alternative provision',
    });
    assert.deepEqual(parseCommand('follow all the workstreams', today), { kind: 'follow', target: 'all' });
    assert.deepEqual(parseCommand('unfollow SLCN', today), { kind: 'unfollow', target: 'slcn' });
    assert.deepEqual(parseCommand('<at>Herts SEND Assistant</at> raise a concern', today), { kind: 'raise-concern' });
    assert.deepEqual(parseCommand('grant lead autism <at>Lead One</at>', today), { kind: 'grant', rest: 'lead autism' });
    assert.deepEqual(parseCommand('open concerns', today), { kind: 'concerns' });
    assert.deepEqual(parseCommand('my workstreams', today), { kind: 'mine' });
    assert.deepEqual(parseCommand('paper', today), { kind: 'paper' });
    assert.deepEqual(parseCommand('meeting paper please', today), { kind: 'paper' });
  });

  it('reads the report commands also as the questions they are, with dates from chrono (never in the future)', () => {
    assert.deepEqual(parseCommand("what's overdue?", today), { kind: 'overdue' });
    assert.deepEqual(parseCommand('what changed since 1 March?', today), { kind: 'changes', since: '2026-03-01', sinceText: '1 march' });
    assert.deepEqual(parseCommand('changes since 1 December', today), { kind: 'changes', since: '2025-12-01', sinceText: '1 december' });
    assert.equal((parseCommand('what has changed since last week', today) as { since: string }).since, '2026-11-23');
  });

  it('reads the concern and role commands the way their routes used to match them', () => {
    assert.deepEqual(parseCommand('raise concern', today), { kind: 'raise-concern' });
    assert.deepEqual(parseCommand('Raise a concern', today), { kind: 'raise-concern' });
    assert.deepEqual(parseCommand('concerns', today), { kind: 'concerns' });
    assert.deepEqual(parseCommand('subscribe concerns', today), { kind: 'subscribe-concerns' });
    assert.deepEqual(parseCommand('Unsubscribe concerns', today), { kind: 'unsubscribe-concerns' });
    for (const text of ['roles', 'list roles', 'who has which roles?', 'Who has what role'])
      assert.deepEqual(parseCommand(text, today), { kind: 'roles' }, text);
    assert.deepEqual(parseCommand('revoke officer <at>Temp Person</at>', today), { kind: 'revoke', rest: 'officer' });
    assert.equal(parseCommand('raise concerns about funding', today), undefined);
    assert.equal(parseCommand('granted funding for 2026?', today), undefined);
  });

  it('reads the role and the workstream of a grant or revoke; the person is the @mention', () => {
    assert.deepEqual(parseRoleChange('lead autism'), { role: 'lead', workstream: 'autism' });
    assert.deepEqual(parseRoleChange('the role lead of send transport to'), { role: 'lead', workstream: 'send transport' });
    assert.deepEqual(parseRoleChange('executive'), { role: 'executive', workstream: '' });
    assert.deepEqual(parseRoleChange('officer from'), { role: 'officer', workstream: '' });
    assert.equal(parseRoleChange('admin'), undefined);
    assert.equal(parseRoleChange(''), undefined);
  });

  it('a route asks for the commands it handles: other kinds, questions and non-message activities are not its', () => {
    const message = (text: string) => ({ type: 'message', text });
    assert.deepEqual(messageCommand(message('<at>Bot</at> subscribe concerns'), ['subscribe-concerns', 'concerns'], today), {
      kind: 'subscribe-concerns',
    });
    assert.equal(messageCommand(message('status autism'), ['subscribe-concerns', 'concerns'], today), undefined);
    assert.equal(messageCommand(message('Who leads the autism workstream?'), ['status'], today), undefined);
    assert.equal(messageCommand({ type: 'invoke', text: 'status' }, ['status'], today), undefined);
  });

  it('leaves questions to the answering pipeline', () => {
    for (const q of [
      'What did the January paper say about autism?',
      'paper on autism',
      'Who leads the autism workstream?',
      'show me the autism workstream',
      'what is the status of the autism review?',
      'how do I follow the rules on warning notices?',
    ]) {
      assert.equal(parseCommand(q, today), undefined, q);
    }
  });

  it('the help card offers the common commands as buttons that type them, and each is a command', () => {
    const card = renderCard(welcomeTemplate, helpCardData('help')).content as {
      actions: { type: string; title: string; data: { msteams: { type: string; value: string } } }[];
    };
    assert.deepEqual(
      card.actions.map((a) => a.data.msteams.value),
      commandButtons.map((b) => b.command),
    );
    for (const a of card.actions) {
      assert.equal(a.data.msteams.type, 'imBack');
      assert.ok(parseCommand(a.data.msteams.value, today), a.title);
    }
  });
});
