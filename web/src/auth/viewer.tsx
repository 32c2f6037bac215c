import { useQuery } from '@apollo/client/react';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { ViewerQuery } from '../graphql/generated/graphql';
import { ErrorState, Loading } from '../ui/states';
import { useDocumentVisible } from '../ui/use-document-visible';
import { ViewerDocument } from './auth.documents';

export type Viewer = NonNullable<ViewerQuery['me']>;

const ViewerContext = createContext<Viewer | null>(null);

// What others change about the viewer (an admin switching their accepting chats off, their
// capacity) reaches this tab within this long, and at once when the tab is shown again.
const VIEWER_REFRESH_MS = 10_000;

/** Loads `me` for the signed-in pages (they can then rely on a viewer being there), and keeps it fresh. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { data, error, refetch } = useQuery(ViewerDocument, { pollInterval: VIEWER_REFRESH_MS });
  const visible = useDocumentVisible();
  useEffect(() => {
    if (visible) void refetch().catch(() => {});
  }, [visible, refetch]);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading your inbox…" />;
  if (!data.me) return <ErrorState error={{ message: 'This token does not belong to a user. Sign in with your email.' }} />;
  return <ViewerContext.Provider value={data.me}>{children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer must be used inside <ViewerProvider>');
  return viewer;
}
