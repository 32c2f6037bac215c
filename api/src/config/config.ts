import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_MAX: positiveInt.max(100).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only').default('chatonce'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SECRET_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  USER_TOKEN_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  PLATFORM_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  // Bearer token for GET /metrics; in production /metrics answers 404 without one.
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanFlag.default(true),
  // `npm start` runs the workers unless told not to: a deployment without them would never time a chat out.
  RUN_WORKER: z.enum(['inline', 'off']).default('inline'),
  IDLE_TIMEOUT_SECONDS: positiveInt.default(600),
  // The shortest reminder interval an account may set (updateAccountSettings); tests lower it.
  REMINDER_MIN_SECONDS: positiveInt.max(3600).default(5),
  // The shortest accept window of AUTO assignment an account may set (updateAccountSettings); tests lower it.
  OFFER_MIN_SECONDS: positiveInt.max(600).default(5),
  SWEEP_INTERVAL_SECONDS: positiveInt.max(3600).default(15),
  WORKER_CONCURRENCY: positiveInt.max(100).default(10),
  // Workers say they are alive this often; a worker silent for three beats counts as gone.
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().positive().max(300).default(5),
  LOGIN_ATTEMPTS_PER_15_MIN: positiveInt.default(10),
  CONVERSATIONS_PER_IP_PER_10_MIN: positiveInt.default(30),
  VISITOR_MESSAGES_PER_MINUTE: positiveInt.default(30),
  // setTyping calls one participant may make in one conversation per minute (start, keep-alives, stop, previews).
  TYPING_SIGNALS_PER_MINUTE: positiveInt.default(90),
  // A visitor counts as OFFLINE this long after their last websocket closed (a reload stays ONLINE).
  PRESENCE_OFFLINE_SECONDS: z.coerce.number().positive().max(300).default(5),
  // How often an API process renews its visitors' connections in Redis; one silent for three beats (a crashed process) is gone.
  PRESENCE_HEARTBEAT_SECONDS: z.coerce.number().positive().max(300).default(10),
  TRUST_PROXY: z.string().min(1).default('loopback'),
  WEBHOOK_ALLOW_HTTP: booleanFlag.optional(),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: booleanFlag.default(false),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  // About three days in all: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
  WEBHOOK_RETRY_DELAYS_SECONDS: z
    .string()
    .default('5,300,1800,7200,18000,36000,50400,72000,86400')
    .transform((value, ctx) => {
      const delays = value.split(',').map((part) => Number(part.trim()));
      if (!delays.length || delays.some((delay) => !Number.isFinite(delay) || delay < 0)) {
        ctx.addIssue({ code: 'custom', message: 'a comma-separated list of non-negative seconds' });
        return z.NEVER;
      }
      return delays;
    }),
  GRAPHQL_MAX_DEPTH: positiveInt.max(50).default(12),
  GRAPHQL_MAX_COST: positiveInt.default(50000),
  // Query points per hour (rate-limits/query-budget.ts): per API key, and per account over all its keys.
  API_KEY_POINTS_PER_HOUR: positiveInt.default(5000),
  ACCOUNT_POINTS_PER_HOUR: positiveInt.default(15000),
});

export type Config = Readonly<
  Omit<z.output<typeof envSchema>, 'JWT_SECRET' | 'SECRET_ENCRYPTION_KEY' | 'WEBHOOK_ALLOW_HTTP'> & {
    JWT_SECRET: string;
    /** Encrypts secrets that must be read back (webhook signing secrets). */
    SECRET_ENCRYPTION_KEY: string;
    /** Whether webhook endpoints may use plain http (never by default in production). */
    WEBHOOK_ALLOW_HTTP: boolean;
    /** True when PostgreSQL or Redis is embedded (PGlite, redis-memory-server). */
    embedded: { postgres: boolean; redis: boolean };
    /** Absolute path of DATA_DIR. */
    dataDir: string;
  }
>;

/** Thrown at start-up with every invalid variable named, so an operator can fix them at once. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; every other module receives the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production && !values.JWT_SECRET) throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  if (production && !values.SECRET_ENCRYPTION_KEY) throw new ConfigError('Invalid configuration:\n  SECRET_ENCRYPTION_KEY: required when NODE_ENV=production');
  if (production && (!values.DATABASE_URL || !values.REDIS_URL)) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL, REDIS_URL: required when NODE_ENV=production (the embedded default is for trying ChatOnce out)');
  }
  const dataDir = resolve(values.DATA_DIR);
  const embedded = { postgres: !values.DATABASE_URL, redis: !values.REDIS_URL };
  return Object.freeze({
    ...values,
    dataDir,
    embedded,
    JWT_SECRET: values.JWT_SECRET ?? developmentSecret(dataDir, 'jwt-secret'),
    SECRET_ENCRYPTION_KEY: values.SECRET_ENCRYPTION_KEY ?? developmentSecret(dataDir, 'encryption-key'),
    WEBHOOK_ALLOW_HTTP: values.WEBHOOK_ALLOW_HTTP ?? !production,
  });
}

// Outside production a random secret kept under DATA_DIR keeps sign-ins valid across restarts.
function developmentSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

// `FOO=` in a shell or compose file means "not set", not "set to the empty string".
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
