/**
 * `window.__graphiql`: a small handle for browser tests (and curious admins in the console)
 * to set and read the active tab's editors without typing into Monaco, whose auto-closing
 * brackets garble typed JSON. GraphiQL keeps its Monaco namespace on `globalThis.__MONACO`
 * and names its models `<instance>operation.graphql`, `<instance>variables.json`,
 * `<instance>request-headers.json` and `<instance>response.json`.
 */
export interface GraphiQLTestHook {
  /** Replaces the operation of the active tab. */
  setQuery(text: string): void;
  /** Replaces the variables (JSON text, or an object to serialise) of the active tab. */
  setVariables(value: string | object): void;
  /** Replaces the request headers (JSON text, or an object to serialise) of the active tab. */
  setHeaders(value: string | object): void;
  getQuery(): string;
  getVariables(): string;
  /** The text of the result pane ('' before anything ran). */
  getResponse(): string;
  /** Empties the result pane, so the next result can be told from the last. */
  clearResponse(): void;
}

interface MonacoModel {
  uri: { path: string };
  getValue(): string;
  setValue(value: string): void;
  isDisposed(): boolean;
}

interface MonacoNamespace {
  editor: { getModels(): MonacoModel[] };
}

declare global {
  interface Window {
    __graphiql?: GraphiQLTestHook;
  }
}

const MODEL_SUFFIX = {
  query: 'operation.graphql',
  variables: 'variables.json',
  headers: 'request-headers.json',
  response: 'response.json',
} as const;

function model(kind: keyof typeof MODEL_SUFFIX): MonacoModel {
  const monaco = (globalThis as { __MONACO?: MonacoNamespace }).__MONACO;
  if (!monaco) throw new Error('GraphiQL has not loaded its editors yet.');
  // The newest model wins: signing out and in again creates a new GraphiQL instance.
  const found = monaco.editor
    .getModels()
    .filter((candidate) => !candidate.isDisposed() && candidate.uri.path.endsWith(MODEL_SUFFIX[kind]))
    .at(-1);
  if (!found) throw new Error(`GraphiQL has no ${kind} editor yet.`);
  return found;
}

/** Installs `window.__graphiql`. */
export function installTestHook(): void {
  window.__graphiql = {
    setQuery: (text) => model('query').setValue(text),
    setVariables: (value) => model('variables').setValue(typeof value === 'string' ? value : JSON.stringify(value, null, 2)),
    setHeaders: (value) => model('headers').setValue(typeof value === 'string' ? value : JSON.stringify(value, null, 2)),
    getQuery: () => model('query').getValue(),
    getVariables: () => model('variables').getValue(),
    getResponse: () => model('response').getValue(),
    clearResponse: () => {
      if (model('response').getValue()) model('response').setValue('');
    },
  };
}
