import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import helmet from 'helmet';
import express, { type ErrorRequestHandler } from 'express';
import { GraphQLError, getOperationAST, getVariableValues, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiKeyScopesPlugin, requireScopesForOperation } from '../auth/auth-checker';
import { authenticate } from '../auth/authenticate';
import { metrics, metricsAccess, registry, requestMetricsPlugin, watchQueueDepth } from '../metrics/metrics';
import type { Viewer } from '../auth/viewer';
import { userErrorCataloguePlugin } from '../errors/user-error-catalogue';
import { asGraphQLError, createErrorFormatter, ErrorCode, errorStatusPlugin, isServiceUnavailable, serviceUnavailable } from '../errors/graphql-errors';
import { follow } from './pub-sub';
import { eventContext, lazySubscriptionContext, sharedSubscribe } from '../realtime/shared-execution';
import { Topic } from '../realtime/topics';
import type { UserAccessMessage } from '../realtime/after-commit';
import { createSchema } from '../schema/build-schema';
import { createLoaders } from './loaders';
import { graphqlEndpoint, headersSetBy } from './graphql-endpoint';
import { checkOperation, createDocumentCache, documentLimits, documentLimitsPlugin } from './document-limits';
import { queryBudgetPlugin } from '../rate-limits/query-budget-plugin';
import { demoFlowId, demoPage } from './demo-page';
import type { GraphQLContext } from './context';
import type { Runtime } from './runtime';
import { describeWorkerStatus, workerStatus } from '../../../jobs/worker-heartbeat';

export interface HttpServer {
  server: Server;
  schema: GraphQLSchema;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;
/** Closes a websocket whose user's role changed: graphql-ws clients reconnect (4499 is not fatal to them), with the new role. */
const WS_REAUTHORIZE = 4499;

/** Open websockets by who holds them (an API key's or a user's id), to close them all at once. */
class SocketsByHolder {
  private readonly byHolder = new Map<string, Set<WebSocket>>();

  add(holder: string, socket: WebSocket): void {
    const sockets = this.byHolder.get(holder) ?? new Set<WebSocket>();
    this.byHolder.set(holder, sockets.add(socket));
    socket.once('close', () => {
      sockets.delete(socket);
      if (!sockets.size && this.byHolder.get(holder) === sockets) this.byHolder.delete(holder);
    });
  }

  close(holder: string, code: number, reason: string): void {
    for (const socket of this.byHolder.get(holder) ?? []) socket.close(code, reason);
  }
}

/** 'ok' (or what `describe` says), or why not: a probe must answer even when a service hangs (Redis retries forever). */
function probe<T>(check: Promise<T>, describe: (value: T) => string = () => 'ok'): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PROBE_TIMEOUT_MS} ms`), PROBE_TIMEOUT_MS);
  });
  return Promise.race([check.then(describe, (error: Error) => error.message), timeout]).finally(() => clearTimeout(timer));
}

const DIST = resolve(__dirname, __filename.endsWith('.ts') ? '../../../dist' : '../../..');
const WEB_DIST = resolve(DIST, 'web');
const WIDGET_FILE = resolve(DIST, 'widget/widget.js');
const GRAPHIQL_DIST = resolve(DIST, 'graphiql');

/**
 * One HTTP server on one port: GraphQL over HTTP at /graphql, graphql-ws on the same path,
 * health probes, and the built inbox. Closing drains requests and websocket connections.
 */
export async function createHttpServer(runtime: Runtime): Promise<HttpServer> {
  const { config, logger, orm, redis, services, listen } = runtime;
  const schema = await createSchema();
  const app = express();
  app.disable('x-powered-by');
  // Behind nginx (docker-compose) the client address comes from X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY);
  let graphql: ReturnType<typeof graphqlEndpoint<GraphQLContext>> | undefined;
  // /graphql straight on node:http (see graphql-endpoint.ts); everything else through Express.
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (graphql && (path === '/graphql' || path === '/graphql/')) return graphql(req, res, query < 0 ? '' : url.slice(query));
    app(req, res);
  });
  const formatError = createErrorFormatter(logger, { hideSuggestions: config.NODE_ENV === 'production' });
  const limits = documentLimits(config);
  // HTTP and websockets share one cache of checked documents: clients send the same few texts.
  const documents = createDocumentCache(schema, limits);

  const contextFor = async (authorization: unknown, ip: string, viewer?: Viewer): Promise<GraphQLContext> => {
    const em = orm.em.fork();
    try {
      return { em, viewer: viewer ?? (await authenticate(authorization, em, config, runtime.userCache)), ip, logger, services, listen, loaders: createLoaders(em) };
    } catch (error) {
      throw asGraphQLError(error);
    }
  };

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: 256 * 1024 });
  wsServer.on('connection', (socket) => {
    metrics.openWebsockets.inc();
    socket.once('close', () => metrics.openWebsockets.dec());
  });
  const stopWatchingQueues = watchQueueDepth([runtime.queues.liveChatTimers, runtime.queues.webhookDeliveries, runtime.queues.routing]);
  // Open websockets per API key and per user, so a revocation or a deactivation (announced by any process) closes them at once.
  const sockets = new SocketsByHolder();
  // Not awaited: with Redis down the API still starts (and /readyz says why), and listens once Redis is back.
  const stopWatchingRevocations = follow<{ apiKeyId: string }>(listen, Topic.API_KEY_REVOKED, 'all', ({ apiKeyId }) => sockets.close(apiKeyId, 4403, 'API key revoked'), { logger });
  const stopWatchingUsers = follow<UserAccessMessage>(
    listen,
    Topic.USER_ACCESS_CHANGED,
    'all',
    ({ userId, change }) => (change === 'deactivated' ? sockets.close(userId, 4403, 'User deactivated') : sockets.close(userId, WS_REAUTHORIZE, 'Role changed: reconnect')),
    { logger },
  );
  const wsCleanup = useServer<{ authorization?: unknown }, { viewer?: Viewer }>(
    {
      schema,
      // An event reaching many subscribers is executed once per document and scope (see shared-execution.ts).
      subscribe: sharedSubscribe((context) => eventContext(context, () => orm.em.fork(), createLoaders)),
      // The token is checked once, when the connection opens; a bad one closes it with 4403.
      onConnect: async (ctx) => {
        try {
          const authorization = ctx.connectionParams?.authorization;
          const viewer = await authenticate(authorization, orm.em.fork(), config, runtime.userCache);
          ctx.extra.viewer = viewer;
          if (viewer.kind === 'apiKey') {
            sockets.add(viewer.apiKeyId, ctx.extra.socket);
            const stopExpiry = viewer.expiresAt ? closeAt(ctx.extra.socket, viewer.expiresAt, 'API key expired') : () => undefined;
            ctx.extra.socket.once('close', stopExpiry);
          }
          if (viewer.kind === 'user') {
            sockets.add(viewer.userId, ctx.extra.socket);
            // A deactivation announced between the check and the registration would have found no
            // socket to close: check again now that it would find it (the user cache usually answers).
            // The cache forgot the user before the announcement arrived (both come through one connection).
            ctx.extra.viewer = await authenticate(authorization, orm.em.fork(), config, runtime.userCache);
          }
          return true;
        } catch (error) {
          // 1013 "try again later": graphql-ws clients retry it, unlike the 4500 a throw would give.
          if (isServiceUnavailable(error)) ctx.extra.socket.close(1013, 'Service unavailable: try again shortly');
          if (error instanceof GraphQLError || isServiceUnavailable(error)) return false;
          throw error;
        }
      },
      // The same limits and input checks as HTTP, then variables coerced here so bad ones are BAD_USER_INPUT.
      onSubscribe: async (ctx, _id, payload) => {
        let checked: ReturnType<typeof documents.check>;
        try {
          checked = documents.check(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        if (checked.invalid) {
          return documents
            .validationErrors(payload.query)
            .map((error) => new GraphQLError(error.message, { nodes: error.nodes, originalError: error, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
        const { document } = checked;
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return [new GraphQLError('Name the operation to run: the document has several, or none.', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (coerced.errors) return coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
        try {
          requireScopesForOperation(ctx.extra.viewer ?? { kind: 'anonymous' }, document, operation);
          const complexity = checkOperation(schema, document, payload.operationName, payload.variables, limits);
          // A subscription is charged once, when it starts: its events are the server's to send.
          await services.queryBudget.charge(ctx.extra.viewer ?? { kind: 'anonymous' }, complexity);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          if (isServiceUnavailable(error)) return [serviceUnavailable()];
          throw error;
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: lazySubscriptionContext(
            { viewer: ctx.extra.viewer ?? { kind: 'anonymous' }, ip: ctx.extra.request.socket.remoteAddress ?? 'unknown', logger, services, listen },
            () => orm.em.fork(),
            createLoaders,
          ),
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => ({
        ...result,
        errors: result.errors?.map((error) => formatError(error instanceof GraphQLError ? error.toJSON() : (error as never), error)),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)) as unknown as GraphQLError[],
    },
    wsServer,
  );

  const drainWebSockets: ApolloServerPlugin = {
    async serverWillStart() {
      return { drainServer: async () => void (await wsCleanup.dispose()) };
    },
  };
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      requestMetricsPlugin(),
      documentLimitsPlugin(schema, limits, documents),
      apiKeyScopesPlugin(),
      queryBudgetPlugin(services.queryBudget),
      runtime.sharedReads.plugin(),
      errorStatusPlugin(),
      userErrorCataloguePlugin((entry) => logger.warn(entry, 'a userErrors code missing from MUTATION_USER_ERRORS')),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      drainWebSockets,
      ApolloServerPluginLandingPageDisabled(),
      // The default cache-control plugin wraps every field resolver to compute HTTP cache hints;
      // no type has any (responses depend on the caller), so it was pure per-field overhead.
      ApolloServerPluginCacheControlDisabled(),
    ],
    // Apollo's own store would parse a source before the limits saw it: documentLimitsPlugin
    // hands Apollo the document from its cache of sources that passed the limits instead.
    documentStore: null,
    allowBatchedHttpRequests: false,
    // main.ts owns signal handling and closes the database and Redis after Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // Security headers for the pages served here. The CSP allows what the inbox, GraphiQL (Monaco
  // workers, injected styles, inlined fonts) and the widget need, all from this origin; no CDN.
  // widget.js is fetched by customers' sites, hence a cross-origin resource policy.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'worker-src': ["'self'", 'blob:'],
        // Served over plain http in development and behind TLS-terminating proxies in production.
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: config.NODE_ENV === 'production',
  });
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Without a worker this process still serves everything but timers and webhooks: `worker` says
  // so (and a warning is logged), but it stays ready, so a worker outage never takes the API down.
  app.get('/readyz', async (_req, res) => {
    const [postgres, redisStatus, worker] = await Promise.all([
      probe(orm.em.fork().getConnection().execute('select 1')),
      probe(redis.ping()),
      probe(workerStatus(redis), describeWorkerStatus),
    ]);
    const ready = postgres === 'ok' && redisStatus === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', postgres, redis: redisStatus, worker });
  });

  app.get('/metrics', async (req, res) => {
    const access = metricsAccess(config, req.headers.authorization);
    if (access === 404) return void res.status(404).type('text/plain').send('Not found');
    if (access === 401) return void res.status(401).set('www-authenticate', 'Bearer realm="metrics"').type('text/plain').send('Unauthorized');
    res.set('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics());
  });

  graphql = graphqlEndpoint<GraphQLContext>({
    apollo,
    context: (req, ip) => contextFor(req.headers.authorization, ip),
    headers: headersSetBy(securityHeaders),
    trustProxy: app.get('trust proxy fn'),
    bodyError: (error, res) => answerFailure(error, res),
  });

  app.get('/widget.js', (_req, res) => {
    if (!existsSync(WIDGET_FILE)) return void res.status(404).type('text/plain').send('The widget is not built: run `npm run build:web`.');
    res.set({ 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' }).sendFile(WIDGET_FILE);
  });
  app.get('/demo', async (req, res) => {
    res.type('html').send(demoPage(await demoFlowId(orm.em.fork(), req.query.flow)));
  });

  // GraphiQL for admins, bundled (no CDN). Assets are content-hashed; the page itself is not cached.
  if (existsSync(GRAPHIQL_DIST)) {
    app.use('/graphiql/assets', express.static(resolve(GRAPHIQL_DIST, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.get(['/graphiql', '/graphiql/'], (_req, res) => res.set('cache-control', 'no-cache').sendFile(resolve(GRAPHIQL_DIST, 'index.html')));
  }

  if (existsSync(WEB_DIST)) {
    app.use(express.static(WEB_DIST, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the inbox all load the same page.
    app.get(/^\/(?!graphql|graphiql|healthz|readyz|metrics|widget\.js|demo).*/, (_req, res) => res.sendFile(resolve(WEB_DIST, 'index.html')));
  }

  // A body that cannot be read (not JSON, too large) or a failure outside GraphQL: JSON in the GraphQL error shape.
  const answerFailure = (failure: unknown, res: ServerResponse): void => {
    if (res.headersSent) return void res.destroy();
    const error = failure as { status?: unknown; type?: unknown; message?: unknown } | undefined;
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message = error?.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : status >= 500 ? 'Internal server error' : String(error?.message);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] }));
  };
  const malformedBody: ErrorRequestHandler = (error, _req, res, next) => (res.headersSent ? next(error) : answerFailure(error, res));
  app.use(malformedBody);

  return {
    server,
    schema,
    listen: (port, host) =>
      new Promise((resolveListen, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolveListen(server.address() as AddressInfo));
      }),
    close: async () => {
      stopWatchingQueues();
      await stopWatchingRevocations();
      await stopWatchingUsers();
      await apollo.stop();
      if (server.listening) await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

// setTimeout fires at once past 2^31 - 1 ms (about 24.8 days): longer waits are taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes the socket with 4403 at `at` (a credential's expiry); returns how to cancel it. */
function closeAt(socket: WebSocket, at: Date, reason: string): () => void {
  let timer: NodeJS.Timeout;
  const schedule = () => {
    const left = at.getTime() - Date.now();
    if (left <= 0) return socket.close(4403, reason);
    timer = setTimeout(schedule, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}
