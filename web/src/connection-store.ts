import { useSyncExternalStore } from 'react';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

/** The websocket's state, plus how many times it has (re)connected. */
export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Increments on every successful connection: effects keyed on it resubscribe after a drop. */
  epoch: number;
}

/** A tiny external store fed by graphql-ws events, read by React with useSyncExternalStore. */
export interface ConnectionStore {
  get(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  set(status: Exclude<ConnectionStatus, 'connected'>): void;
  connected(): void;
  /** Closes the current socket so graphql-ws reconnects; replaced once a socket opens. */
  dropSocket: () => void;
}

export function createConnectionStore(): ConnectionStore {
  let snapshot: ConnectionSnapshot = { status: 'connecting', epoch: 0 };
  const listeners = new Set<() => void>();
  const publish = (next: ConnectionSnapshot) => {
    snapshot = next;
    listeners.forEach((listener) => listener());
  };
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(status) {
      if (snapshot.status !== status) publish({ ...snapshot, status });
    },
    connected() {
      publish({ status: 'connected', epoch: snapshot.epoch + 1 });
    },
    dropSocket: () => {},
  };
}

export function useConnectionSnapshot(store: ConnectionStore): ConnectionSnapshot {
  return useSyncExternalStore(store.subscribe, store.get);
}
