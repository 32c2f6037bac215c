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

/**
 * GraphiQL 5.2 picks the tab to show by matching the stored editor contents against the
 * stored tabs, but stores those contents only after an edit: a reload without one added an
 * empty "<untitled>" tab. Missing contents fall back to the active tab's.
 */
function activeTabValue(base: Storage, key: string): string | null {
  const field = key === QUERY ? 'query' : key === VARIABLES ? 'variables' : null;
  if (!field) return null;
  try {
    const state = JSON.parse(base.getItem(TABS) ?? 'null') as { activeTabIndex?: number; tabs?: Record<string, unknown>[] } | null;
    const value = state?.tabs?.[state.activeTabIndex ?? -1]?.[field];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
