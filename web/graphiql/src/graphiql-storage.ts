import { createLocalStorage, type Storage } from '@graphiql/toolkit';

/**
 * GraphiQL's tabs and history, apart from anything else this origin keeps in localStorage
 * (its "Clear storage" setting clears this prefix only).
 */
const NAMESPACE = 'chatonce.graphiql';
/**
 * GraphiQL's keys (it adds its own "graphiql:" prefix) for the open tabs and the active
 * tab's editors: without them, `defaultTabs` opens the examples.
 */
const TABS = 'graphiql:tabState';
const QUERY = 'graphiql:query';
const VARIABLES = 'graphiql:variables';
/** The example tabs as last written by `refreshUntouchedTabs` (ours, not GraphiQL's). */
const EXAMPLES = 'chatonce:exampleTabs';
/** The placeholder id of the UpdateFlow and PublishFlow tabs before they were prefilled. */
const OLD_PLACEHOLDER = '<paste a flow id from List flows>';

export interface GraphiQLStorage extends Storage {
  /** Stops this instance writing: GraphiQL saves tabs 500 ms late, even after unmounting. */
  retire(): void;
}

/** The storage one mounted GraphiQL uses. */
export function createGraphiQLStorage(): GraphiQLStorage {
  const base = createLocalStorage({ namespace: NAMESPACE });
  let retired = false;
  return {
    getItem: (key) => base.getItem(key) ?? activeTabValue(base, key),
    setItem: (key, value) => {
      if (!retired) base.setItem(key, value);
    },
    removeItem: (key) => {
      if (!retired) base.removeItem(key);
    },
    clear: () => base.clear(),
    get length() {
      return base.length;
    },
    retire: () => {
      retired = true;
    },
  };
}

/** Forgets the saved tabs, so the next GraphiQL mounted opens the examples again. */
export function forgetTabs(): void {
  const storage = createLocalStorage({ namespace: NAMESPACE });
  for (const key of [TABS, QUERY, VARIABLES]) storage.removeItem(key);
}

interface ExampleTab {
  query?: string | null;
  variables?: string | null;
}

interface StoredTabs {
  activeTabIndex: number;
  tabs: (ExampleTab & Record<string, unknown>)[];
}

/** The operation name GraphiQL titles a tab with (the first uncommented line naming one). */
const operationName = (query?: string | null) => (query ? /^(?!#).*(?:query|subscription|mutation)\s+(\w+)/m.exec(query)?.[1] : undefined);

/**
 * Brings saved example tabs that were never edited up to date (call before GraphiQL mounts):
 * a tab still holding exactly what the examples held last time gets today's, so an UpdateFlow
 * tab opened last week cannot send last week's steps back over newer ones. Edited tabs stay.
 */
export function refreshUntouchedTabs(examples: ExampleTab[]): void {
  const storage = createLocalStorage({ namespace: NAMESPACE });
  const previous = parseJson<ExampleTab[]>(storage.getItem(EXAMPLES)) ?? [];
  const state = parseJson<StoredTabs>(storage.getItem(TABS));
  if (state && Array.isArray(state.tabs)) {
    let changed = false;
    for (const tab of state.tabs) {
      const name = operationName(tab.query);
      const fresh = examples.find((example) => operationName(example.query) === name);
      const last = previous.find((example) => operationName(example.query) === name);
      const untouched = (!!last && tab.query === last.query && (tab.variables ?? null) === (last.variables ?? null)) || !!tab.variables?.includes(OLD_PLACEHOLDER);
      if (!name || !fresh || !untouched) continue;
      // GraphiQL keeps the shown editor's contents apart and opens a new tab when no tab
      // matches them: move them along with the tab (missing variables are found by query).
      const shownVariables = storage.getItem(VARIABLES);
      if (storage.getItem(QUERY) === tab.query && (shownVariables === null || shownVariables === (tab.variables ?? ''))) {
        storage.setItem(QUERY, fresh.query ?? '');
        if (shownVariables !== null) storage.setItem(VARIABLES, fresh.variables ?? '');
      }
      tab.query = fresh.query ?? null;
      tab.variables = fresh.variables ?? null;
      changed = true;
    }
    if (changed) storage.setItem(TABS, JSON.stringify(state));
  }
  storage.setItem(EXAMPLES, JSON.stringify(examples.map(({ query, variables }) => ({ query, variables }))));
}

function parseJson<T>(text: string | null): T | null {
  try {
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/**
 * GraphiQL 5.2 picks the tab to show by matching the stored editor contents against the
 * stored tabs, but stores those contents only after an edit: a reload without one added an
 * empty "<untitled>" tab. Missing contents fall back to the active tab's; missing variables
 * to those of the tab holding the stored query, since the editors are saved at once and the
 * tabs (with the active index) half a second later, so a reload can come in between.
 */
function activeTabValue(base: Storage, key: string): string | null {
  const field = key === QUERY ? 'query' : key === VARIABLES ? 'variables' : null;
  if (!field) return null;
  const state = parseJson<StoredTabs>(base.getItem(TABS));
  if (!state || !Array.isArray(state.tabs)) return null;
  const query = base.getItem(QUERY);
  const tab = (field === 'variables' && query != null ? state.tabs.find((candidate) => candidate.query === query) : undefined) ?? state.tabs[state.activeTabIndex];
  const value = tab?.[field];
  return typeof value === 'string' ? value : null;
}
