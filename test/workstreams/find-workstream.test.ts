import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findWorkstream } from '../../src/workstreams/find-workstream';
import { registryFileSchema } from '../../src/workstreams/registry-schema';

const registry = registryFileSchema.parse(JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/workstreams.json'), 'utf8')));
const slugFor = (q: string) => {
  const r = findWorkstream(registry.workstreams, q);
  return r.kind === 'found' ? r.workstream.slug : r.kind;
};

describe('finding the workstream a person means', () => {
  it('by slug, full name, part of the name, or initials', () => {
    assert.equal(slugFor('autism'), 'autism');
    assert.equal(slugFor('Exceptional Needs Funding'), 'exceptional-needs-funding');
    assert.equal(slugFor('speech'), 'speech-language-and-communication-needs');
    assert.equal(slugFor('SLCN'), 'speech-language-and-communication-needs');
    assert.equal(slugFor('behaviour'), 'behaviour-and-alternative-provision');
    assert.equal(slugFor('dspl'), 'dspl-area-groups');
    assert.equal(slugFor('special schools'), 'special-schools');
    assert.equal(slugFor('sensory-and-physical-needs'), 'sensory-and-physical-needs');
  });

  it('says when a name is ambiguous or unknown rather than guessing', () => {
    const r = findWorkstream(registry.workstreams, 'spec');
    assert.equal(r.kind, 'ambiguous');
    assert.equal(slugFor('children with ehcps in mainstream schools'), 'none');
    assert.equal(slugFor('the weather'), 'none');
  });
});
