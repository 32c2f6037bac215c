import type { Me } from './chatonce-api';

interface TopBarProps {
  me: Me;
  viaApiKey: boolean;
  onResetTabs(): void;
  onSignOut(): void;
}

/** Who is signed in, the way back to the inbox, and the way out. */
export function TopBar({ me, viaApiKey, onResetTabs, onSignOut }: TopBarProps) {
  return (
    <header className="gq-topbar">
      <a className="gq-brand" href="/" title="Back to the inbox">
        ChatOnce
      </a>
      <span className="gq-title">GraphiQL</span>
      <span className="gq-who" data-testid="signed-in-as" title={me.email}>
        {viaApiKey ? 'API key of' : 'Signed in as'} <strong>{me.name}</strong> <span className="gq-muted">({me.email})</span>
        <span className="gq-badge">{me.role}</span>
        <span className="gq-muted">{me.account.name}</span>
      </span>
      <nav className="gq-actions">
        <a href="/">Back to inbox</a>
        <button type="button" onClick={onResetTabs} title="Replace your tabs with the example operations">
          Reset example tabs
        </button>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </nav>
    </header>
  );
}
