import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/** How a cut proxy treats connections: `reset` closes them at once, `blackhole` holds them silently. */
export type CutMode = 'reset' | 'blackhole';

export interface TcpProxy {
  /** `target` with its host and port replaced by the proxy's. */
  url: string;
  port: number;
  /** Drops every open connection; new ones are reset or held unanswered until `restore()`. */
  cut(mode?: CutMode): void;
  /** Forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a real service (PostgreSQL, Redis), so a test can make the
 * service unreachable for one app without touching the service that others share.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const targetUrl = new URL(target);
  const targetPort = Number(targetUrl.port);
  const sockets = new Set<Socket>();
  let mode: CutMode | null = null;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (mode === 'reset') return void client.resetAndDestroy();
    if (mode === 'blackhole') return; // accepted, never answered
    const upstream = connect(targetPort, targetUrl.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    port,
    cut(cutMode = 'reset') {
      mode = cutMode;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore() {
      mode = null;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
