import assert from 'node:assert/strict';
import { can, primaryRole, type Principal } from '../../src/access/permissions';

const person = (over: Partial<Principal>): Principal => ({ userId: 'u', admin: false, grants: [], ...over });

describe('who may do what', () => {
  it('a lead may update only their own workstream', () => {
    const lead = person({ grants: [{ role: 'lead', scope: 'autism' }] });
    assert.equal(can(lead, 'workstream:update', 'autism'), true);
    assert.equal(can(lead, 'workstream:update', 'special-schools'), false);
    assert.equal(can(lead, 'workstream:update'), false);
    assert.equal(can(lead, 'concern:raise'), false);
    assert.equal(can(lead, 'roles:manage'), false);
  });

  it('executive and officer may raise, see and act on concerns but not update workstreams or manage roles', () => {
    for (const role of ['executive', 'officer'] as const) {
      const p = person({ grants: [{ role }] });
      assert.equal(can(p, 'concern:raise'), true);
      assert.equal(can(p, 'concern:act'), true);
      assert.equal(can(p, 'concern:view'), true);
      assert.equal(can(p, 'workstream:update', 'autism'), false);
      assert.equal(can(p, 'roles:manage'), false);
    }
  });

  it('the SEND Executive may make the meeting paper; officers and leads may not', () => {
    assert.equal(can(person({ grants: [{ role: 'executive' }] }), 'paper:make'), true);
    assert.equal(can(person({ grants: [{ role: 'officer' }] }), 'paper:make'), false);
    assert.equal(can(person({ grants: [{ role: 'lead', scope: 'autism' }] }), 'paper:make'), false);
  });

  it('admins may do everything; nobody else may do anything', () => {
    const admin = person({ admin: true });
    for (const action of ['workstream:update', 'roles:manage', 'concern:raise', 'concern:act', 'concern:view', 'paper:make'] as const) {
      assert.equal(can(admin, action, 'autism'), true);
      assert.equal(can(person({}), action, 'autism'), false);
    }
    assert.equal(primaryRole(admin), 'admin');
    assert.equal(primaryRole(person({ grants: [{ role: 'lead', scope: 'x' }, { role: 'officer' }] })), 'officer');
    assert.equal(primaryRole(person({})), undefined);
  });
});
