import { runLoad } from '../lib/http-client';
import { totalCpuMicros, waitUntilIdle } from '../lib/processes';
import { percentile } from '../lib/stats';
import type { ChatSystem } from '../lib/systems';

export interface HttpFigures {
  rate: number;
  cpuMsPerRequest: number;
  p99Ms: number;
  errors: number;
  firstError?: string;
}

export interface HttpLoadShape {
  connections: number;
  warmupMs: number;
  durationMs: number;
}

/**
 * Requests per second of one document under a closed-loop load of `connections` keep-alive
 * connections, over the system's first `processes` API ports; server CPU per request is the
 * CPU time every process of the system used in the measured window, divided by its requests.
 */
export async function measureHttp(system: ChatSystem, document: string, token: string, shape: HttpLoadShape, processes = 1): Promise<HttpFigures> {
  await waitUntilIdle(system.processes);
  let cpuStart = 0;
  let cpuEnd = 0;
  const result = await runLoad({
    ports: system.ports.slice(0, processes),
    body: JSON.stringify({ query: document }),
    authorization: `Bearer ${token}`,
    ...shape,
    onWindow: async (edge) => {
      const cpu = await totalCpuMicros(system.processes);
      if (edge === 'start') cpuStart = cpu;
      else cpuEnd = cpu;
    },
  });
  return {
    rate: result.requests / result.seconds,
    cpuMsPerRequest: (cpuEnd - cpuStart) / 1000 / Math.max(1, result.requests),
    p99Ms: percentile(result.latenciesMs, 0.99),
    errors: result.errors,
    firstError: result.firstError,
  };
}
