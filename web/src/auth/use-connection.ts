import { useConnectionSnapshot, type ConnectionSnapshot } from '../connection-store';
import { useSession } from './session';

/** The websocket state of the current session. */
export function useConnection(): ConnectionSnapshot {
  return useConnectionSnapshot(useSession().apollo.connection);
}
