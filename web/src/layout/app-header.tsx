import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { useViewer } from '../auth/viewer';
import { MuteToggle } from '../notifications/notification-controls';
import { AcceptingSwitch } from './accepting-switch';
import { ConnectionStatus } from './connection-status';

export function AppHeader() {
  const viewer = useViewer();
  const { signOut } = useSession();
  return (
    <header className="topbar">
      <Link to="/" className="brand" aria-label="ChatOnce home">
        <span className="brand__mark" aria-hidden="true">
          C1
        </span>
        <span className="brand__name">ChatOnce</span>
      </Link>
      <div className="topbar__who">
        <span className="topbar__user" data-testid="user-name">
          {viewer.name}
        </span>
        <span className="topbar__account" data-testid="account-name">
          {viewer.account.name}
        </span>
      </div>
      <div className="topbar__controls">
        <ConnectionStatus />
        <AcceptingSwitch />
        <MuteToggle />
        <button type="button" className="button button--quiet topbar__sign-out" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
