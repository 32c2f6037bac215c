import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { createSchema, printSortedSchema, SDL_HEADER, userErrorsMarkdown } from './build-schema';
import { CHANGELOG_FILE, changelogOf, isSchemaFileCurrent, RELEASED_SCHEMA_FILE, SCHEMA_FILE, USER_ERRORS_FILE } from './schema-cli';
import { schemaChangelog } from './schema-changelog';
import { schemaDescriptionGaps } from './schema-descriptions';

describe('the checked-in schema', () => {
  let sdl: string;
  beforeAll(async () => {
    sdl = printSortedSchema(await createSchema());
  });

  it('matches the code (run `npm run schema:emit` when this fails)', () => {
    expect(isSchemaFileCurrent(SCHEMA_FILE, sdl)).toBe(true);
  });

  it('has a current changelog against the released schema, with no unintended breaking change', async () => {
    const changelog = await changelogOf(sdl);
    expect(changelog.unintended.map((change) => change.message)).toEqual([]);
    expect(isSchemaFileCurrent(CHANGELOG_FILE, changelog.markdown)).toBe(true);
  });

  it('has a current catalogue of userErrors codes in docs/USER_ERRORS.md', async () => {
    const markdown = userErrorsMarkdown(await createSchema());
    expect(markdown).toMatch(/^\| `acceptChat` \| `ALREADY_ACCEPTED`, /m);
    expect(isSchemaFileCurrent(USER_ERRORS_FILE, markdown)).toBe(true);
  });

  it('fails a breaking change unless it is listed as intended, and keeps the reason in the changelog', async () => {
    const released = readFileSync(RELEASED_SCHEMA_FILE, 'utf8');
    const removed = sdl.replace(/^  contacts\(/m, '  renamedContacts(');
    const unlisted = await schemaChangelog(released, removed, []);
    expect(unlisted.unintended.map((change) => change.path)).toEqual(['Query.contacts']);
    const listed = await schemaChangelog(released, removed, [{ path: 'Query.contacts', reason: 'renamed, see renamedContacts' }]);
    expect(listed.unintended).toEqual([]);
    expect(listed.markdown).toMatch(/## Breaking \(1\)\n\n- Field 'contacts' was removed from object type 'Query' — intended: renamed, see renamedContacts/);
  });

  it('is detected as stale once it differs from the code', () => {
    const stale = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.graphql');
    writeFileSync(stale, readFileSync(SCHEMA_FILE, 'utf8').replace('type Account implements Node', 'type Account implements Node @deprecated'));
    expect(isSchemaFileCurrent(stale, sdl)).toBe(false);
    expect(isSchemaFileCurrent(join(tmpdir(), 'missing-schema.graphql'), sdl)).toBe(false);
  });

  it('is sorted, carries the do-not-edit header and holds the contract’s names', () => {
    expect(sdl.startsWith(SDL_HEADER)).toBe(true);
    const typeNames = [...sdl.matchAll(/^(?:type|input|enum|interface|scalar) (\w+)/gm)].map((match) => match[1]);
    expect(typeNames).toEqual([...typeNames].sort());
    for (const name of ['signUp', 'login', 'createUser', 'createApiKey', 'setAcceptingChats', 'createFlow', 'updateFlow', 'publishFlow', 'node']) {
      expect(sdl).toMatch(new RegExp(`^  ${name}\\(`, 'm'));
    }
    expect(sdl).toContain('interface Node {');
    expect(sdl).toMatch(/enum FlowStepKind \{[^}]*END[^}]*LIVE_CHAT[^}]*MESSAGE[^}]*QUESTION/s);
  });

  it('describes every type, field, argument and enum value', async () => {
    expect(schemaDescriptionGaps(await createSchema())).toEqual([]);
    const undocumented = buildSchema('"Root" type Query { "ok" a(x: Int): Int b: Int }\ntype Thing { id: ID }');
    expect(schemaDescriptionGaps(undocumented).sort()).toEqual(['Query.a(x)', 'Query.b', 'Thing', 'Thing.id']);
  });
});
