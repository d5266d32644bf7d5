/**
 * Lets outgoing activities keep every field of their entities (citations, the AI-generated label).
 *
 * botframework-connector 4.23 serialises outgoing activities with @azure/core-client's serializer, which
 * writes only the properties a mapper lists unless the mapper declares `additionalProperties`. Its
 * `Entity` mapper lists `type`, `text` and `mentioned` and declares nothing else, so a citation entity
 * reached Teams as a bare `{ type }`. The Activity schema says entities are open-ended; this says so
 * to the serializer, by giving the connector's exported `Entity` mapper `additionalProperties`. It is a
 * process-wide change to a dependency, so it is made here, on purpose, once — from `createAdapter`
 * (bot-adapter.ts) — and only for the version it was checked against: on any other version it throws,
 * so an upgrade is looked at rather than silently losing citations (or patching something that moved).
 * test/teams/citations-on-the-wire.test.ts checks the result end to end.
 */
import connectorPackage from 'botframework-connector/package.json';
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';

/** The botframework-connector versions whose `Entity` mapper was checked (major.minor). */
const checkedVersions = ['4.23'];

export function allowOpenEntities(version: string = connectorPackage.version): void {
  if (!checkedVersions.some((v) => version === v || version.startsWith(`${v}.`))) {
    throw new Error(
      `botframework-connector ${version} is not a version allowOpenEntities() was checked against (${checkedVersions.join(', ')}): ` +
        'check whether its Entity mapper still drops unknown entity fields, then update src/teams/open-entities.ts (docs/decisions/0003).',
    );
  }
  const entity = Mappers.Entity.type;
  if (entity.name !== 'Composite')
    throw new Error('botframework-connector: the Entity mapper is no longer a Composite; see src/teams/open-entities.ts');
  if (entity.additionalProperties) return;
  Mappers.Entity.type = { ...entity, additionalProperties: { type: { name: 'Object' } } };
}
