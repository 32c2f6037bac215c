import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSchema, printSortedSchema, userErrorsMarkdown } from './build-schema';
import { schemaChangelog, type IntendedBreakingChange } from './schema-changelog';
import { schemaDescriptionGaps } from './schema-descriptions';

const SCHEMA_DIR = resolve(__dirname, __filename.endsWith('.ts') ? '../../../schema' : '../../../../schema');
export const SCHEMA_FILE = resolve(SCHEMA_DIR, 'schema.graphql');
/** The last released schema, what the changelog and the breaking-change check compare against. */
export const RELEASED_SCHEMA_FILE = resolve(SCHEMA_DIR, 'released.graphql');
export const CHANGELOG_FILE = resolve(SCHEMA_DIR, 'CHANGELOG.md');
export const USER_ERRORS_FILE = resolve(SCHEMA_DIR, '../docs/USER_ERRORS.md');
export const INTENDED_BREAKING_FILE = resolve(SCHEMA_DIR, 'intended-breaking-changes.json');

/** The changelog of `sdl` against the released schema, with the intended breaking changes listed. */
export function changelogOf(sdl: string) {
  const intended = JSON.parse(readFileSync(INTENDED_BREAKING_FILE, 'utf8')) as IntendedBreakingChange[];
  return schemaChangelog(readFileSync(RELEASED_SCHEMA_FILE, 'utf8'), sdl, intended);
}

/** Whether `file` holds exactly `sdl` (a missing file is stale too). */
export function isSchemaFileCurrent(file: string, sdl: string): boolean {
  try {
    return readFileSync(file, 'utf8') === sdl;
  } catch {
    return false;
  }
}

/**
 * `emit` writes schema/schema.graphql and schema/CHANGELOG.md; `check` fails when either is stale,
 * a description is missing, or a breaking change against the released schema is not listed in
 * schema/intended-breaking-changes.json.
 */
async function main(command: string | undefined): Promise<number> {
  const schema = await createSchema();
  const sdl = printSortedSchema(schema);
  const gaps = schemaDescriptionGaps(schema);
  if (gaps.length) {
    console.error(`Every type, field and argument needs a description. Missing:\n  ${gaps.join('\n  ')}`);
    return 1;
  }
  const changelog = await changelogOf(sdl);
  if (changelog.unintended.length) {
    console.error(
      `Breaking changes against schema/released.graphql that are not listed in schema/intended-breaking-changes.json:\n  ${changelog.unintended.map((change) => `${change.path}: ${change.message}`).join('\n  ')}\nKeep the old field (deprecate it with @deprecated(reason:)), or list the change with its reason.`,
    );
    return 1;
  }
  if (command === 'emit') {
    writeFileSync(SCHEMA_FILE, sdl);
    writeFileSync(CHANGELOG_FILE, changelog.markdown);
    writeFileSync(USER_ERRORS_FILE, userErrorsMarkdown(schema));
    console.log(`wrote ${SCHEMA_FILE}, ${CHANGELOG_FILE} and ${USER_ERRORS_FILE}`);
    return 0;
  }
  if (command === 'check') {
    if (!isSchemaFileCurrent(SCHEMA_FILE, sdl) || !isSchemaFileCurrent(CHANGELOG_FILE, changelog.markdown) || !isSchemaFileCurrent(USER_ERRORS_FILE, userErrorsMarkdown(schema))) {
      console.error('schema/schema.graphql, schema/CHANGELOG.md or docs/USER_ERRORS.md is stale: run `npm run schema:emit` and commit the result.');
      return 1;
    }
    console.log('schema/schema.graphql and schema/CHANGELOG.md are up to date; no unintended breaking change');
    return 0;
  }
  console.error('usage: schema-cli emit | check');
  return 2;
}

if (require.main === module) {
  main(process.argv[2]).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
