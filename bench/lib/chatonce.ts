import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg, { type Client, type Pool } from 'pg';
import { uuidv7 } from 'uuidv7';
import { signUserToken } from '../../api/src/auth/tokens';
import { SET_ACCEPTING_CHATS } from './documents';
import { expectNoUserErrors, GraphQLHttp } from './http-client';
import { freePort, startServer, waitForHttp, type ServerProcess } from './processes';
import { mapLimit } from './stats';
import type { ChatSystem } from './systems';

const DIST = resolve(__dirname, '../..');
const API_MAIN = resolve(DIST, 'api/src/main.js');
const WORKER_MAIN = resolve(DIST, 'jobs/worker-main.js');
const PASSWORD = 'bench password, not secret';
const TOKEN_TTL_SECONDS = 24 * 3600;
/** The longest timeout a flow may have: chats of the rows other than timers never time out. */
export const DAY_SECONDS = 86_400;

export interface ChatOnceOptions {
  databaseUrl: string;
  redisUrl: string;
  logDir: string;
}

interface Account {
  id: string;
  adminToken: string;
  flows: Map<number, string>;
  agents: { id: string; token: string }[];
}

/**
 * ChatOnce as production runs it, without Docker: two API processes (`node
 * dist/api/src/main.js`) and one worker process (`node dist/jobs/worker-main.js`) on a fresh
 * database and a random Redis prefix. Accounts, flows and agents are made through the public
 * API, except that bulk agents are inserted in SQL with one real argon2 hash and signed
 * tokens (1,000 `createUser` + `login` calls would spend minutes in argon2).
 */
export class ChatOnce implements ChatSystem {
  readonly name = 'ChatOnce';
  readonly gql = new GraphQLHttp(64);
  readonly redisPrefix = `bench-${randomBytes(4).toString('hex')}`;
  readonly databaseName = `chatonce_bench_${randomBytes(4).toString('hex')}`;
  readonly jwtSecret = randomBytes(32).toString('hex');
  readonly operatorToken = randomBytes(24).toString('hex');
  ports: number[] = [];
  /** The benchmark's own database (dropped at the end). */
  databaseUrl = '';
  processes: ServerProcess[] = [];
  apis: ServerProcess[] = [];
  worker?: ServerProcess;
  db?: Pool;
  private admin?: Client;
  private databaseCreated = false;
  private readonly accounts = new Map<string, Account>();
  private passwordHash?: string;

  constructor(private readonly options: ChatOnceOptions) {}

  get primary(): ServerProcess {
    return this.apis[0];
  }

  /** Creates the database, starts API A (which migrates), then API B and the worker. */
  async start(): Promise<void> {
    this.admin = new pg.Client({ connectionString: this.options.databaseUrl });
    await this.admin.connect();
    await this.admin.query(`create database ${this.databaseName}`);
    this.databaseCreated = true;
    const url = new URL(this.options.databaseUrl);
    url.pathname = `/${this.databaseName}`;
    this.databaseUrl = url.toString();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: url.toString(),
      REDIS_URL: this.options.redisUrl,
      REDIS_PREFIX: this.redisPrefix,
      JWT_SECRET: this.jwtSecret,
      SECRET_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      PLATFORM_ADMIN_TOKEN: this.operatorToken,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'off',
      DATA_DIR: resolve(this.options.logDir, 'data'),
      // The suite is every visitor, from one address: the per-address and per-visitor limits
      // would refuse its traffic. The chats it keeps open must not end while it runs.
      CONVERSATIONS_PER_IP_PER_10_MIN: '100000000',
      VISITOR_MESSAGES_PER_MINUTE: '100000000',
      IDLE_TIMEOUT_SECONDS: String(DAY_SECONDS),
      // See child-probe.ts.
      ...(process.env.BENCH_HEAP_SNAPSHOT_DIR ? { BENCH_HEAP_SNAPSHOT_DIR: process.env.BENCH_HEAP_SNAPSHOT_DIR } : {}),
    };
    const [portA, portB] = [await freePort(), await freePort()];
    const apiA = startServer('chatonce-api-a', API_MAIN, [], { ...env, PORT: String(portA) }, this.options.logDir, portA);
    this.apis.push(apiA);
    this.processes.push(apiA);
    await waitForHttp(apiA, '/readyz', 120_000);
    const apiB = startServer('chatonce-api-b', API_MAIN, [], { ...env, PORT: String(portB) }, this.options.logDir, portB);
    this.apis.push(apiB);
    this.worker = startServer('chatonce-worker', WORKER_MAIN, [], env, this.options.logDir, 0);
    this.processes.push(apiB, this.worker);
    await waitForHttp(apiB, '/readyz', 120_000);
    this.ports = [portA, portB];
    this.db = new pg.Pool({ connectionString: url.toString(), max: 4 });
    // `drop database … with (force)` at the end terminates connections that are still closing:
    // their late error must not crash the suite before it has cleaned up.
    this.db.on('error', () => undefined).on('connect', (client) => client.on('error', () => undefined));
  }

  flowId(account: string): string {
    const flowId = this.accounts.get(account)?.flows.get(DAY_SECONDS);
    if (!flowId) throw new Error(`no account ${account}`);
    return flowId;
  }

  agentTokens(account: string, count: number): string[] {
    const agents = this.accounts.get(account)?.agents ?? [];
    if (agents.length < count) throw new Error(`account ${account} has ${agents.length} agents, not ${count}`);
    return agents.slice(0, count).map((agent) => agent.token);
  }

  agentIds(account: string): string[] {
    return (this.accounts.get(account)?.agents ?? []).map((agent) => agent.id);
  }

  accountId(account: string): string {
    const found = this.accounts.get(account);
    if (!found) throw new Error(`no account ${account}`);
    return found.id;
  }

  /** An account with live chat on, a flow whose chats wait a day, and `agents` accepting agents. */
  async createAccount(key: string, agents: number): Promise<void> {
    const port = this.ports[0];
    const signUp = await this.gql.request<{ signUp: { token: string; user: { account: { id: string } }; userErrors: { code: string }[] } }>(
      port,
      `mutation($input: SignUpInput!) { signUp(input: $input) { token user { account { id } } userErrors { code message } } }`,
      { input: { accountName: `Bench ${key}`, name: `Admin ${key}`, email: `admin@${key}.bench.test`, password: PASSWORD } },
    );
    expectNoUserErrors(signUp.data.signUp, `signUp ${key}`);
    const accountGlobalId = signUp.data.signUp.user.account.id;
    const account: Account = { id: decodeGlobalId(accountGlobalId), adminToken: signUp.data.signUp.token, flows: new Map(), agents: [] };
    this.accounts.set(key, account);
    const enabled = await this.gql.request<{ setLiveChatEnabled: { userErrors: { code: string }[] } }>(
      port,
      `mutation($id: ID!) { setLiveChatEnabled(input: { accountId: $id, enabled: true }) { userErrors { code message } } }`,
      { id: accountGlobalId },
      this.operatorToken,
    );
    expectNoUserErrors(enabled.data.setLiveChatEnabled, 'setLiveChatEnabled');
    await this.flowWithTimeout(key, DAY_SECONDS);
    await this.addAgents(key, agents);
  }

  /** The account's flow whose LIVE_CHAT step times out after `seconds` (created once). */
  async flowWithTimeout(key: string, seconds: number): Promise<string> {
    const account = this.accounts.get(key)!;
    const known = account.flows.get(seconds);
    if (known) return known;
    const port = this.ports[0];
    const steps = [
      {
        key: 'offer',
        kind: 'LIVE_CHAT',
        liveChat: { offerMessage: 'Would you like to talk to someone?', declineNext: 'bye', handoffMessage: 'Connecting you…', timeoutSeconds: seconds, timeoutMessage: 'Nobody is free right now.' },
      },
      { key: 'bye', kind: 'END', text: 'Bye!' },
    ];
    const created = await this.gql.request<{ createFlow: { flow: { id: string } | null; userErrors: { code: string }[] } }>(
      port,
      `mutation($input: CreateFlowInput!) { createFlow(input: $input) { flow { id } userErrors { code message } } }`,
      { input: { name: `Timeout ${seconds}s`, steps } },
      account.adminToken,
    );
    const flowId = expectNoUserErrors(created.data.createFlow, 'createFlow').flow!.id;
    const published = await this.gql.request<{ publishFlow: { userErrors: { code: string }[] } }>(
      port,
      `mutation($id: ID!) { publishFlow(id: $id) { userErrors { code message } } }`,
      { id: flowId },
      account.adminToken,
    );
    expectNoUserErrors(published.data.publishFlow, 'publishFlow');
    account.flows.set(seconds, flowId);
    return flowId;
  }

  /** Adds agents in SQL (one real argon2 hash, copied), signs their tokens, and switches each on through the API. */
  private async addAgents(key: string, count: number): Promise<void> {
    if (!count) return;
    const account = this.accounts.get(key)!;
    this.passwordHash ??= await this.templatePasswordHash(key);
    const rows = Array.from({ length: count }, (_, index) => ({ id: uuidv7(), name: `Agent ${index} of ${key}`, email: `agent-${index}@${key}.bench.test` }));
    for (let start = 0; start < rows.length; start += 500) {
      const slice = rows.slice(start, start + 500);
      const values = slice.map((_, index) => `($${index * 3 + 1}, $${slice.length * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3}, $${slice.length * 3 + 2}, 'AGENT', false, now())`);
      await this.db!.query(`insert into users (id, account_id, name, email, password_hash, role, accepting_chats, created_at) values ${values.join(', ')}`, [
        ...slice.flatMap((row) => [row.id, row.name, row.email]),
        account.id,
        this.passwordHash,
      ]);
    }
    account.agents = rows.map((row) => ({ id: row.id, token: signUserToken({ userId: row.id, accountId: account.id }, this.jwtSecret, TOKEN_TTL_SECONDS) }));
    await mapLimit(account.agents, 16, async (agent) => {
      const result = await this.gql.request<{ setAcceptingChats: { userErrors: { code: string }[] } }>(this.ports[0], SET_ACCEPTING_CHATS, { accepting: true }, agent.token);
      expectNoUserErrors(result.data.setAcceptingChats, 'setAcceptingChats');
    });
  }

  /** One user made by `createUser`, so the bulk agents carry a hash the product itself wrote. */
  private async templatePasswordHash(key: string): Promise<string> {
    const account = this.accounts.get(key)!;
    const created = await this.gql.request<{ createUser: { userErrors: { code: string }[] } }>(
      this.ports[0],
      `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }`,
      { input: { name: 'Template agent', email: `template@${key}.bench.test`, password: PASSWORD, role: 'AGENT' } },
      account.adminToken,
    );
    expectNoUserErrors(created.data.createUser, 'createUser');
    const { rows } = await this.db!.query<{ password_hash: string }>(`select password_hash from users where email = $1`, [`template@${key}.bench.test`]);
    return rows[0].password_hash;
  }

  /** Stops every process, drops the database and deletes this run's Redis keys (its prefix only). */
  async cleanup(redisKeysDeleter: (prefix: string) => Promise<number>): Promise<void> {
    this.gql.close();
    await Promise.all(this.processes.map((server) => server.stop()));
    await redisKeysDeleter(this.redisPrefix).catch((error: Error) => console.error(`could not delete the keys ${this.redisPrefix}:*: ${error.message}`));
    await this.db?.end().catch(() => undefined);
    if (this.admin) {
      if (this.databaseCreated)
        await this.admin.query(`drop database if exists ${this.databaseName} with (force)`).catch((error: Error) => console.error(`could not drop ${this.databaseName}: ${error.message}`));
      await this.admin.end().catch(() => undefined);
    }
  }
}

/** The UUID inside a Relay global ID (`base64("Type:uuid")`). */
export function decodeGlobalId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}
