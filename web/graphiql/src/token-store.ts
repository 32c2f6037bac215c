/** The key the inbox (same origin) keeps the signed-in user's token under. */
export const TOKEN_KEY = 'chatonce.token';

/**
 * Where a token was found: only the inbox's own key is ours to write and clear. An API key
 * pasted into the sign-in form is kept in this page's memory only, never in storage.
 */
export type TokenSource = 'inbox' | 'other-key' | 'url' | 'api-key';

export interface FoundToken {
  token: string;
  source: TokenSource;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;

/** Storage can be missing or throw (private modes, sandboxed frames): treat it as empty. */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Some apps store strings JSON-encoded ("\"eyJ…\""): accept both. */
function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not JSON: use it as it is.
    }
  }
  return trimmed;
}

function otherStoredJwt(): string | null {
  let keys: string[];
  try {
    keys = Object.keys(localStorage);
  } catch {
    return null;
  }
  for (const key of keys.sort()) {
    if (key === TOKEN_KEY || !key.toLowerCase().includes('token')) continue;
    const value = unquote(readStorage(key) ?? '');
    if (JWT_SHAPE.test(value)) return value;
  }
  return null;
}

/**
 * Reads `?token=` once and removes it from the address bar, so the secret does not stay in
 * the history or get copied along with the URL.
 */
let urlToken: string | null | undefined;
function takeUrlToken(): string | null {
  if (urlToken !== undefined) return urlToken;
  const url = new URL(location.href);
  urlToken = url.searchParams.get('token')?.trim() || null;
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return urlToken;
}

/**
 * The token to start with: the inbox's `chatonce.token`, else `?token=` (an API key works
 * there too), else another stored JWT whose key names a token.
 */
export function findToken(): FoundToken | null {
  const urlToken = takeUrlToken();
  const inbox = unquote(readStorage(TOKEN_KEY) ?? '');
  if (inbox) return { token: inbox, source: 'inbox' };
  if (urlToken) return { token: urlToken, source: 'url' };
  const other = otherStoredJwt();
  return other ? { token: other, source: 'other-key' } : null;
}

/** Stores a token from the sign-in form where the inbox finds it too. */
export function saveToken(token: string): void {
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}

/** Signs out of the inbox too: it shares the key and follows it across tabs. */
export function clearToken(): void {
  try {
    localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** Calls `listener` when another tab (the inbox, say) signs in or out. */
export function onTokenChange(listener: (token: string | null) => void): () => void {
  const handle = (event: StorageEvent) => {
    if (event.key === TOKEN_KEY || event.key === null) listener(event.newValue ? unquote(event.newValue) : null);
  };
  window.addEventListener('storage', handle);
  return () => window.removeEventListener('storage', handle);
}
