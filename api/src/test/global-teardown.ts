import type { EmbeddedRedis } from '../embedded/embedded-redis';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __embeddedRedis?: EmbeddedRedis }).__embeddedRedis?.stop();
}
