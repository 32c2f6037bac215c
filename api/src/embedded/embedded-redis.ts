import { execFileSync } from 'node:child_process';
import { RedisMemoryServer } from 'redis-memory-server';

export interface EmbeddedRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * A private redis-server on a free loopback port. Uses the system's `redis-server` when there
 * is one (redis-memory-server would otherwise try to download and compile Redis).
 * `--hz 100` keeps BullMQ's delayed jobs within ~10 ms of their time.
 */
export async function startEmbeddedRedis(): Promise<EmbeddedRedis> {
  const systemBinary = process.env.REDISMS_SYSTEM_BINARY || findOnPath('redis-server');
  const server = await RedisMemoryServer.create({
    instance: { ip: '127.0.0.1', args: ['--save', '', '--appendonly', 'no', '--hz', '100', '--maxmemory-policy', 'noeviction'] },
    binary: systemBinary ? { systemBinary } : undefined,
    // Its own process group: Ctrl-C in a terminal reaches our shutdown, which stops it in order.
    spawn: { detached: true },
  });
  const host = await server.getHost();
  const port = await server.getPort();
  return {
    url: `redis://${host}:${port}`,
    async stop() {
      await server.stop();
    },
  };
}

function findOnPath(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
