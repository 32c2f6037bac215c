import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { createSchema, printSortedSchema, SDL_HEADER } from './build-schema';
import { isSchemaFileCurrent, SCHEMA_FILE } from './schema-cli';
import { schemaDescriptionGaps } from './schema-descriptions';

describe('the checked-in schema', () => {
  let sdl: string;
  beforeAll(async () => {
    sdl = printSortedSchema(await createSchema());
  });

  it('matches the code (run `npm run schema:emit` when this fails)', () => {
    expect(isSchemaFileCurrent(SCHEMA_FILE, sdl)).toBe(true);
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
