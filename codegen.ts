import type { CodegenConfig } from '@graphql-codegen/cli';

// Reads the checked-in SDL, never a running server, so codegen works offline and in CI.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/graphql/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/graphql/generated/': {
      preset: 'client',
      // Fragments only share selections here; Apollo's cache does the data flow, so no masking.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // Apollo adds __typename to every selection at runtime; the types should say so.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        scalars: {
          DateTimeISO: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
