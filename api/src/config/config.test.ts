import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'chatonce-config-'));

describe('configuration', () => {
  it('uses the embedded default and an inline worker when no services are configured', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({ PORT: 4000, embedded: { postgres: true, redis: true }, RUN_WORKER: 'inline', IDLE_TIMEOUT_SECONDS: 600 });
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the development signing secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).JWT_SECRET).toBe(loadConfig({ DATA_DIR: dir }).JWT_SECRET);
  });

  it('names every invalid variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', IDLE_TIMEOUT_SECONDS: '-5', DATA_DIR: dataDir() })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', IDLE_TIMEOUT_SECONDS: '-5', DATA_DIR: dataDir() });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'IDLE_TIMEOUT_SECONDS']) expect(message).toContain(`  ${name}:`);
    }
  });

  it('requires real services and a secret in production', () => {
    const services = { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...services })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...services, JWT_SECRET: 's'.repeat(40) })).toThrow(/SECRET_ENCRYPTION_KEY: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40), SECRET_ENCRYPTION_KEY: 'k'.repeat(40) })).toThrow(/DATABASE_URL, REDIS_URL: required/);
    const config = loadConfig({ NODE_ENV: 'production', ...services, JWT_SECRET: 's'.repeat(40), SECRET_ENCRYPTION_KEY: 'k'.repeat(40) });
    expect(config).toMatchObject({ embedded: { postgres: false, redis: false }, WEBHOOK_ALLOW_HTTP: false, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: false });
  });

  it('runs the workers inside `npm start` with real services too, unless RUN_WORKER=off', () => {
    const services = { DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://r:6379', DATA_DIR: dataDir() };
    expect(loadConfig(services)).toMatchObject({ embedded: { postgres: false, redis: false }, RUN_WORKER: 'inline', WORKER_HEARTBEAT_SECONDS: 5 });
    expect(loadConfig({ ...services, RUN_WORKER: 'off' }).RUN_WORKER).toBe('off');
    expect(() => loadConfig({ ...services, RUN_WORKER: 'no' })).toThrow(/RUN_WORKER/);
  });

  it('reads the webhook retry schedule as seconds', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).WEBHOOK_RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 86400).toBeCloseTo(3.15, 1);
    expect(loadConfig({ DATA_DIR: dataDir(), WEBHOOK_RETRY_DELAYS_SECONDS: '1, 2.5' }).WEBHOOK_RETRY_DELAYS_SECONDS).toEqual([1, 2.5]);
    expect(() => loadConfig({ DATA_DIR: dataDir(), WEBHOOK_RETRY_DELAYS_SECONDS: '1,soon' })).toThrow(/WEBHOOK_RETRY_DELAYS_SECONDS/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: dataDir() }).PORT).toBe(4000);
  });
});
