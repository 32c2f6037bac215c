import { ApolloProvider } from '@apollo/client/react';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { createApolloSession, type ApolloSession, type SignedOutReason } from '../apollo';

const TOKEN_KEY = 'chatonce.token';

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

interface SessionState {
  token: string | null;
  apollo: ApolloSession;
  /** Set when the API refused the token, so the login page can say why. */
  expired: SignedOutReason | null;
}

/**
 * The signed-in state lives outside React: one Apollo session per token, created once
 * (StrictMode double renders would otherwise open two websockets) and disposed on change.
 */
function createSessionStore() {
  const listeners = new Set<() => void>();
  let state: SessionState;

  const replace = (token: string | null, expired: SignedOutReason | null) => {
    const previous = state?.apollo;
    state = { token, expired, apollo: createApolloSession(token, (reason) => signOut(reason)) };
    previous?.dispose();
    listeners.forEach((listener) => listener());
  };

  const signOut = (expired: SignedOutReason | null = null) => {
    if (!state.token) return;
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch {
      // Private mode without storage: the in-memory session still ends.
    }
    replace(null, expired);
  };

  replace(readToken(), null);

  // Another tab signing in or out changes this tab too.
  window.addEventListener('storage', (event) => {
    if (event.key === TOKEN_KEY && event.newValue !== state.token) replace(event.newValue, null);
  });

  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signIn(token: string) {
      try {
        localStorage.setItem(TOKEN_KEY, token);
      } catch {
        // Without storage the session lasts until the tab closes.
      }
      replace(token, null);
    },
    signOut: () => signOut(null),
  };
}

const store = createSessionStore();

export interface Session extends SessionState {
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

/** Provides the session and the Apollo client of its token. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(store.subscribe, store.get);
  const session: Session = { ...state, signIn: store.signIn, signOut: store.signOut };
  return (
    <SessionContext.Provider value={session}>
      <ApolloProvider client={state.apollo.client}>{children}</ApolloProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
