import type { ReactNode } from 'react';
import { useViewer } from '../auth/viewer';
import { EmptyState } from './states';

/** The admin pages: an agent who opens one by its address is told it is not theirs (the API refuses them too). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const viewer = useViewer();
  if (viewer.role === 'ADMIN') return <>{children}</>;
  return (
    <section className="page">
      <EmptyState title="Only admins can open this page">
        <p>Ask an admin of your account if you need something changed here.</p>
      </EmptyState>
    </section>
  );
}
