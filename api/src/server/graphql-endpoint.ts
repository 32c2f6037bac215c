/// <reference path="./proxy-addr.d.ts" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import cors from 'cors';
import express, { type RequestHandler } from 'express';
import proxyAddr from 'proxy-addr';

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a middleware sets on every response, captured once (helmet's are the same for every request). */
export function headersSetBy(middleware: RequestHandler): [string, string | string[]][] {
  const headers: [string, string | string[]][] = [];
  const recorder = { setHeader: (name: string, value: string | string[]) => headers.push([name, value]), removeHeader: () => undefined };
  let synchronous = false;
  middleware({ headers: {} } as never, recorder as never, () => {
    synchronous = true;
  });
  if (!synchronous) throw new Error('headersSetBy: the middleware did not finish synchronously');
  return headers;
}

export interface GraphQLEndpointOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage, ip: string) => Promise<Context>;
  /** Headers set on every response (helmet's). */
  headers: [string, string | string[]][];
  /** Express's compiled `trust proxy` setting, so the client address is what Express would say. */
  trustProxy: (address: string, hop: number) => boolean;
  /** Answers a body that cannot be read (too large, not JSON), as the rest of the server does. */
  bodyError: (error: unknown, res: ServerResponse) => void;
}

/**
 * GraphQL over HTTP at /graphql on node:http: the hot path of every client, so it skips
 * Express's router and per-response work (ETag, content negotiation) and sets the security
 * headers computed once; CORS and body parsing are the same libraries Express would run.
 */
export function graphqlEndpoint<Context extends BaseContext>(options: GraphQLEndpointOptions<Context>) {
  const { apollo, context, headers, trustProxy, bodyError } = options;
  // The widget runs on customers' sites. Auth is a bearer token, never a cookie, so any origin may call.
  const allowOrigins = cors({ origin: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight'], maxAge: 600 }) as NodeMiddleware;
  const parseJson = express.json({ limit: '256kb' }) as unknown as NodeMiddleware;

  const execute = async (req: IncomingMessage & { body?: unknown }, res: ServerResponse, search: string): Promise<void> => {
    const requestHeaders = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) requestHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const ip = proxyAddr(req, trustProxy);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers: requestHeaders, search, body: req.body },
      context: () => context(req, ip),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req: IncomingMessage, res: ServerResponse, search: string): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    allowOrigins(req, res, (corsError) => {
      if (corsError) return bodyError(corsError, res);
      parseJson(req, res, (parseError) => {
        if (parseError) return bodyError(parseError, res);
        execute(req, res, search).catch((error: unknown) => bodyError(error, res));
      });
    });
  };
}
