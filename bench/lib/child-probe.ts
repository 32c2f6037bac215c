/**
 * Preloaded (`node -r`) into every server the suite starts, ChatOnce and baselines alike. It
 * answers the suite's questions over the IPC channel (CPU time, heap after a full GC), so
 * neither the product nor a baseline carries benchmark code of its own.
 */
interface ProbeRequest {
  probe: 'cpu' | 'heap';
  id: number;
}

function isProbeRequest(message: unknown): message is ProbeRequest {
  return typeof message === 'object' && message !== null && 'probe' in message && 'id' in message;
}

// BENCH_HEAP_SNAPSHOT_DIR=<dir>: SIGUSR2 writes a heap snapshot there (to find what a server keeps).
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
if (snapshotDir) {
  process.on('SIGUSR2', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeHeapSnapshot } = require('node:v8') as typeof import('node:v8');
    const file = writeHeapSnapshot(`${snapshotDir}/${process.pid}-${Date.now()}.heapsnapshot`);
    process.stderr.write(`heap snapshot written to ${file}\n`);
  });
}

if (process.send) {
  const reply = (payload: object) => process.send?.(payload);
  process.on('message', (message: unknown) => {
    if (!isProbeRequest(message)) return;
    if (message.probe === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ id: message.id, cpuMicros: user + system });
    } else if (message.probe === 'heap') {
      const gc = (globalThis as { gc?: () => void }).gc;
      // Several passes: weak references and finalizers free more on the next one.
      for (let pass = 0; pass < 4; pass++) gc?.();
      reply({ id: message.id, heapUsed: process.memoryUsage().heapUsed, collected: Boolean(gc) });
    }
  });
  // The suite died without stopping us (SIGKILL): do not outlive it.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
