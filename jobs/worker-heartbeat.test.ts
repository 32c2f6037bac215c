import { eventually } from '../api/src/test/eventually';
import { startTestApp, type TestApp } from '../api/src/test/test-app';
import { watchWorkers } from './worker-heartbeat';

const readyz = async (app: TestApp) => {
  const response = await fetch(`${app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

describe('the worker heartbeat', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Beats every 200 ms: a worker counts as gone 600 ms after its last one.
    app = await startTestApp({ WORKER_HEARTBEAT_SECONDS: '0.2' });
  });
  afterAll(() => app.close());

  it('shows in /readyz whether a worker is alive, and stays ready without one', async () => {
    const before = await readyz(app);
    expect(before).toEqual({ status: 200, body: { status: 'ready', postgres: 'ok', redis: 'ok', worker: expect.stringMatching(/^none seen for \d+ s$/) } });

    await app.startWorkers();
    expect((await readyz(app)).body.worker).toBe('ok');

    await app.workers!.close();
    // Once three beats are missed; N counts from the last beat, so it grows.
    const after = await eventually(() => readyz(app), (result) => result.body.worker !== 'ok', 3000);
    expect(after).toEqual({ status: 200, body: { status: 'ready', postgres: 'ok', redis: 'ok', worker: expect.stringMatching(/^none seen for [0-9] s$/) } });
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(Number(/(\d+) s$/.exec((await readyz(app)).body.worker)![1])).toBeGreaterThanOrEqual(2);
  });

  it('logs a warning while no worker is alive, and says when one is back', async () => {
    const lines: { level: string; details: object; message: string }[] = [];
    const logger = {
      warn: (details: object, message: string) => void lines.push({ level: 'warn', details, message }),
      info: (details: object, message: string) => void lines.push({ level: 'info', details, message }),
    };
    const watch = watchWorkers(app.runtime.redis, logger, 100);
    try {
      // The previous test stopped the workers: the first check finds none.
      const [warning] = await eventually(async () => lines, (seen) => seen.length > 0, 2000);
      expect(warning).toEqual({ level: 'warn', details: { silentForSeconds: expect.any(Number) }, message: expect.stringMatching(/^no worker is running/) });
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Checked five times meanwhile, warned once: at most one line a minute.
      expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1);

      await app.startWorkers();
      const back = await eventually(async () => lines, (seen) => seen.some((line) => line.level === 'info'), 2000);
      expect(back.at(-1)).toEqual({ level: 'info', details: { silentForSeconds: expect.any(Number) }, message: 'a worker is running again' });
    } finally {
      watch.stop();
    }
  });
});
