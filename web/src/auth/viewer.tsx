import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import type { ViewerQuery } from '../graphql/generated/graphql';
import { ErrorState, Loading } from '../ui/states';
import { ViewerDocument } from './auth.documents';

export type Viewer = NonNullable<ViewerQuery['me']>;

const ViewerContext = createContext<Viewer | null>(null);

/** Loads `me` once for the signed-in pages; they can then rely on a viewer being there. */
export function ViewerProvider({ children }: { children: ReactNode }) {
  const { data, error, refetch } = useQuery(ViewerDocument);
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
