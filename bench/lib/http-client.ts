import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RawResponse {
  status: number;
  body: string;
  /** Time from sending the request to the end of the response, in ms. */
  ms: number;
}

/**
 * One POST of a prepared body over a keep-alive agent (no parsing: the load loops stay cheap).
 * A reused socket the server closed as idle just as it was picked fails before the server
 * read the request: that one is sent again, once, on a new socket (Node's documented remedy).
 */
export function post(agent: Agent, port: number, body: string, authorization?: string): Promise<RawResponse> {
  return postOnce(agent, port, body, authorization).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
    if (error.reusedSocket && error.code === 'ECONNRESET') return postOnce(agent, port, body, authorization);
    throw error;
  });
}

function postOnce(agent: Agent, port: number, body: string, authorization?: string): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const started = performance.now();
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (authorization) headers.authorization = authorization;
    const req = request({ agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('request timed out after 120 s')));
    req.on('error', (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      error.reusedSocket = req.reusedSocket;
      reject(error);
    });
    req.end(body);
  });
}

export interface GraphQLResult<T> {
  data: T;
  ms: number;
}

/** A GraphQL client for setup and timed mutations: keep-alive sockets, errors thrown. */
export class GraphQLHttp {
  readonly agent: Agent;

  constructor(maxSockets = 64) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  async request<T = Record<string, unknown>>(port: number, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> {
    const response = await post(this.agent, port, JSON.stringify({ query, variables }), token ? `Bearer ${token}` : undefined);
    let parsed: { data?: T; errors?: unknown[] };
    try {
      parsed = JSON.parse(response.body) as typeof parsed;
    } catch {
      throw new Error(`HTTP ${response.status} from :${port}: ${response.body.slice(0, 300)}`);
    }
    if (parsed.errors?.length || !parsed.data) throw new Error(`GraphQL errors from :${port}: ${JSON.stringify(parsed.errors ?? parsed).slice(0, 500)}`);
    return { data: parsed.data, ms: response.ms };
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throws when a mutation payload carries userErrors; returns the payload otherwise. */
export function expectNoUserErrors<T extends { userErrors?: { code: string; message?: string }[] }>(payload: T, what: string): T {
  if (payload.userErrors?.length) throw new Error(`${what}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export interface LoadOptions {
  ports: number[];
  body: string;
  authorization?: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Called at the start and the end of the measured window (CPU samples). */
  onWindow?: (edge: 'start' | 'end') => Promise<void>;
}

export interface LoadResult {
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latenciesMs: number[];
}

/**
 * A closed-loop HTTP load: `connections` keep-alive sockets, each sending the next request
 * as soon as the previous one answered, spread evenly over `ports`. Requests that complete
 * inside the measured window (after the warm-up) are counted; a response is an error unless
 * it is HTTP 200 without an `errors` member.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const perPort = Math.ceil(options.connections / options.ports.length);
  const agents = options.ports.map(() => new Agent({ keepAlive: true, maxSockets: perPort, maxFreeSockets: perPort }));
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  let measuring = false;
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latenciesMs: number[] = [];
  const lane = async (index: number) => {
    const portIndex = index % options.ports.length;
    while (performance.now() < windowEnd) {
      let failure: string | undefined;
      let ms = 0;
      try {
        const response = await post(agents[portIndex], options.ports[portIndex], options.body, options.authorization);
        ms = response.ms;
        if (response.status !== 200 || response.body.includes('"errors"')) failure = `HTTP ${response.status}: ${response.body.slice(0, 200)}`;
      } catch (error) {
        failure = (error as Error).message;
      }
      const now = performance.now();
      if (now < windowStart || now > windowEnd) continue;
      requests++;
      latenciesMs.push(ms);
      if (failure) {
        errors++;
        firstError ??= failure;
      }
    }
  };
  const lanes = Array.from({ length: options.connections }, (_, index) => lane(index));
  const edges = (async () => {
    await new Promise((done) => setTimeout(done, Math.max(0, windowStart - performance.now())));
    measuring = true;
    await options.onWindow?.('start');
    await new Promise((done) => setTimeout(done, Math.max(0, windowEnd - performance.now())));
    await options.onWindow?.('end');
  })();
  await Promise.all([...lanes, edges]);
  for (const agent of agents) agent.destroy();
  if (!measuring) throw new Error('the load never reached its measured window');
  return { requests, errors, firstError, seconds: options.durationMs / 1000, latenciesMs };
}
