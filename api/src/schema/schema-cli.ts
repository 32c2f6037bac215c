import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSchema, printSortedSchema } from './build-schema';
import { schemaDescriptionGaps } from './schema-descriptions';

export const SCHEMA_FILE = resolve(__dirname, __filename.endsWith('.ts') ? '../../../schema/schema.graphql' : '../../../../schema/schema.graphql');

/** Whether `file` holds exactly `sdl` (a missing file is stale too). */
export function isSchemaFileCurrent(file: string, sdl: string): boolean {
  try {
    return readFileSync(file, 'utf8') === sdl;
  } catch {
    return false;
  }
}

/** `emit` writes schema/schema.graphql; `check` fails when it is stale or a description is missing. */
async function main(command: string | undefined): Promise<number> {
  const schema = await createSchema();
  const sdl = printSortedSchema(schema);
  const gaps = schemaDescriptionGaps(schema);
  if (gaps.length) {
    console.error(`Every type, field and argument needs a description. Missing:\n  ${gaps.join('\n  ')}`);
    return 1;
  }
  if (command === 'emit') {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE}`);
    return 0;
  }
  if (command === 'check') {
    if (!isSchemaFileCurrent(SCHEMA_FILE, sdl)) {
      console.error('schema/schema.graphql is stale: run `npm run schema:emit` and commit the result.');
      return 1;
    }
    console.log('schema/schema.graphql is up to date');
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
