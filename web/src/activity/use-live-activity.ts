import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useConnection } from '../auth/use-connection';
import { ActivityEventsDocument } from './activity.documents';
import type { ActivityEvent } from './fold-messages';

/**
 * Events that happened since the page loaded, newest first, from `activityEvents`. It starts
 * after `newestCursor` (the newest event loaded) and, when the websocket comes back, resumes
 * after the last event received, so nothing is missed; ids keep a replayed event from showing twice.
 */
export function useLiveActivity(newestCursor: string | null | undefined, ready: boolean): { events: ActivityEvent[]; error: string | null } {
  const client = useApolloClient();
  const { status, epoch } = useConnection();
  const [events, setEvents] = useState<ActivityEvent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const lastCursor = useRef<string | null>(null);

  // The first page decides where the feed starts; later pages (Load more) are older.
  useEffect(() => {
    if (ready && lastCursor.current === null) lastCursor.current = newestCursor ?? '';
  }, [ready, newestCursor]);

  useEffect(() => {
    if (!ready || status !== 'connected' || lastCursor.current === null) return;
    const subscription = client
      .subscribe({ query: ActivityEventsDocument, variables: { after: lastCursor.current || null } })
      .subscribe({
        next: ({ data, error: failure }) => {
          if (failure) setError(failure.message);
          const event = data?.activityEvents;
          if (!event) return;
          lastCursor.current = event.cursor;
          setError(null);
          setEvents((previous) => (previous.some((known) => known.id === event.id) ? previous : [event, ...previous]));
        },
        error: (failure: Error) => setError(failure.message),
      });
    return () => subscription.unsubscribe();
  }, [client, ready, status, epoch]);

  return { events, error };
}
