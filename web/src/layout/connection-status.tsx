import { useConnection } from '../auth/use-connection';

const LABELS = { connected: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…' } as const;

/** Whether live updates flow: the websocket's state in words and colour. */
export function ConnectionStatus() {
  const { status } = useConnection();
  return (
    <span className={`connection connection--${status}`} data-testid="connection-status" role="status" title={status === 'connected' ? 'Live updates are on' : 'Live updates are paused until the connection is back'}>
      <span className="connection__dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
