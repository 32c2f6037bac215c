import { GraphiQL } from 'graphiql';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchFlowPrefill, fetchMe, SessionExpiredError, type Me } from './chatonce-api';
import { exampleTabs } from './examples';
import { createGraphiQLStorage, forgetTabs, refreshUntouchedTabs } from './graphiql-storage';
import { createSessionFetcher, type SessionFetcher } from './session-fetcher';
import { SignInForm } from './sign-in-form';
import { clearToken, findToken, onTokenChange, saveToken, type TokenSource } from './token-store';
import { TopBar } from './top-bar';

type State =
  | { kind: 'checking' }
  | { kind: 'signed-out'; notice?: string }
  | { kind: 'signed-in'; token: string; source: TokenSource; me: Me };

/** The sign-in gate, then GraphiQL signed in with the user's own token. */
export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });
  // The token in use and where it came from, for the cross-tab listener and late answers.
  const current = useRef<string | null>(null);
  const currentSource = useRef<TokenSource>('inbox');

  const adoptToken = useCallback(async (token: string, source: TokenSource) => {
    current.current = token;
    currentSource.current = source;
    setState({ kind: 'checking' });
    try {
      const me = await fetchMe(token);
      if (current.current === token) setState({ kind: 'signed-in', token, source, me });
    } catch (error) {
      if (current.current !== token) return;
      current.current = null;
      if (error instanceof SessionExpiredError) {
        if (source === 'inbox') clearToken();
        setState({ kind: 'signed-out', notice: error.message });
      } else {
        setState({ kind: 'signed-out', notice: error instanceof Error ? error.message : String(error) });
      }
    }
  }, []);

  useEffect(() => {
    const found = findToken();
    if (found) void adoptToken(found.token, found.source);
    else setState({ kind: 'signed-out' });
    // The inbox in another tab signing in or out moves this page along.
    return onTokenChange((token) => {
      if (token === current.current) return;
      if (token) void adoptToken(token, 'inbox');
      else {
        current.current = null;
        setState({ kind: 'signed-out', notice: 'You signed out in another tab.' });
      }
    });
  }, [adoptToken]);

  const signOut = useCallback(() => {
    current.current = null;
    // Signing out of an API key leaves the inbox's session alone.
    if (currentSource.current !== 'api-key') clearToken();
    setState({ kind: 'signed-out' });
  }, []);

  // Only the token in use can expire the session: a late answer to an old one cannot.
  const expire = useCallback((token: string) => {
    if (current.current !== token) return;
    if (currentSource.current === 'inbox') clearToken();
    current.current = null;
    setState({ kind: 'signed-out', notice: 'Your session has expired. Sign in again.' });
  }, []);

  const signIn = useCallback(
    async (token: string) => {
      saveToken(token);
      await adoptToken(token, 'inbox');
    },
    [adoptToken],
  );
  const useApiKey = useCallback((key: string) => adoptToken(key, 'api-key'), [adoptToken]);

  switch (state.kind) {
    case 'checking':
      return <p className="gq-checking">Checking your session…</p>;
    case 'signed-out':
      return <SignInForm notice={state.notice} onSignedIn={signIn} onApiKey={useApiKey} />;
    case 'signed-in':
      return <Workbench key={state.token} token={state.token} viaApiKey={state.source === 'api-key'} me={state.me} onExpired={expire} onSignOut={signOut} />;
  }
}

interface WorkbenchProps {
  token: string;
  /** Signed in with an API key: it acts as the admin who created it, within its scopes. */
  viaApiKey: boolean;
  me: Me;
  onExpired(token: string): void;
  onSignOut(): void;
}

type ExampleTabs = ReturnType<typeof exampleTabs>;

function Workbench({ token, viaApiKey, me, onExpired, onSignOut }: WorkbenchProps) {
  const [session, setSession] = useState<SessionFetcher | null>(null);
  // Replaced (and GraphiQL remounted with it) when the tabs are reset to the examples.
  const [{ storage, generation }, setTabsStore] = useState(() => ({ storage: createGraphiQLStorage(), generation: 0 }));
  // The examples, built from the account's flow as it is now; GraphiQL mounts once they are.
  const [examples, setExamples] = useState<ExampleTabs | null>(null);

  const loadExamples = useCallback(async (): Promise<ExampleTabs | null> => {
    try {
      const tabs = exampleTabs(await fetchFlowPrefill(token));
      refreshUntouchedTabs(tabs);
      return tabs;
    } catch (error) {
      if (error instanceof SessionExpiredError) onExpired(token);
      return null;
    }
  }, [token, onExpired]);

  useEffect(() => {
    let live = true;
    void loadExamples().then((tabs) => live && tabs && setExamples(tabs));
    return () => {
      live = false;
    };
  }, [loadExamples]);

  // Created in an effect, not during render, so StrictMode's second mount gets a live socket.
  useEffect(() => {
    const created = createSessionFetcher(token, () => onExpired(token));
    setSession(created);
    return () => created.dispose();
  }, [token, onExpired]);

  const resetTabs = async () => {
    if (!window.confirm('Replace all open tabs with the example operations?')) return;
    storage.retire();
    forgetTabs();
    const tabs = await loadExamples();
    if (!tabs) return;
    setExamples(tabs);
    setTabsStore({ storage: createGraphiQLStorage(), generation: generation + 1 });
  };

  return (
    <div className="gq-app">
      <TopBar me={me} viaApiKey={viaApiKey} onResetTabs={() => void resetTabs()} onSignOut={onSignOut} />
      <div className="gq-graphiql">
        {session && examples && (
          <GraphiQL
            key={generation}
            fetcher={session.fetcher}
            storage={storage}
            defaultTabs={examples}
            defaultEditorToolsVisibility="variables"
          />
        )}
      </div>
    </div>
  );
}

