import { useEffect, useState } from 'react';

type Readiness = 'checking' | 'ready' | 'not-ready';

const POLL_MS = 10_000;
const TIMEOUT_MS = 3_000;

/** Polls GET /readyz; any failure (network, timeout, non-2xx) counts as not ready. */
function useApiReadiness(): Readiness {
  const [state, setState] = useState<Readiness>('checking');

  useEffect(() => {
    let active = true;
    let controller: AbortController | undefined;

    const check = async () => {
      controller = new AbortController();
      const timer = setTimeout(() => controller?.abort(), TIMEOUT_MS);
      let next: Readiness;
      try {
        const res = await fetch('/readyz', { cache: 'no-store', signal: controller.signal });
        next = res.ok ? 'ready' : 'not-ready';
      } catch {
        next = 'not-ready';
      } finally {
        clearTimeout(timer);
      }
      if (active) setState(next);
    };

    void check();
    const interval = setInterval(() => void check(), POLL_MS);
    return () => {
      active = false;
      clearInterval(interval);
      controller?.abort();
    };
  }, []);

  return state;
}

const LABELS: Record<Readiness, string> = {
  checking: 'Checking API…',
  ready: 'API ready',
  'not-ready': 'API not ready',
};

/** Placeholder page until the agent inbox lands. */
export function App() {
  const readiness = useApiReadiness();

  return (
    <main className="page">
      <h1>ChatOnce inbox</h1>
      <p>The agent inbox arrives soon.</p>
      <p className={`health health--${readiness}`} role="status" aria-live="polite">
        <span className="health__dot" aria-hidden="true" />
        {LABELS[readiness]}
      </p>
    </main>
  );
}
