import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { buildSchema, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/**
 * The raw baseline: ChatOnce's own schema (schema/schema.graphql, so every document the suite
 * sends is valid here too), answered from memory by bare graphql-http on node:http and, with
 * `--ws`, bare graphql-ws on the same port. No database, no Redis, no auth beyond a map
 * lookup: what the same GraphQL traffic costs when nothing else happens.
 *
 *   node dist/bench/baselines/memory-server.js --port 4100 [--ws]
 *
 * Accounts are named by the flow ID a visitor starts on and by the agent tokens
 * (`agent:<account>:<n>`); visitor tokens are `visitor:<conversation id>`.
 */

interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  fields: Record<string, string>;
}
interface User {
  id: string;
  account: string;
  name: string;
  email: string;
  role: 'AGENT';
  acceptingChats: boolean;
  createdAt: string;
}
interface Message {
  id: string;
  author: 'VISITOR' | 'AGENT' | 'BOT' | 'SYSTEM';
  body: string;
  options: { key: string; label: string }[] | null;
  senderName: string | null;
  clientMessageId: string | null;
  createdAt: string;
  cursor: string;
}
interface Conversation {
  id: string;
  account: string;
  status: 'BOT' | 'WAITING' | 'ACTIVE' | 'ENDED' | 'TIMED_OUT';
  createdAt: string;
  updatedAt: string;
  waitingSince: string | null;
  timeoutAt: string | null;
  acceptedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  pageUrl: string | null;
  referrer: string | null;
  locale: string | null;
  contact: Contact;
  assignee: User | null;
  assigneeName: string | null;
  messages: Message[];
}
type Context = { token?: string } & Record<string, unknown>;

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]);
const withWebSockets = args.includes('--ws');

const globalId = (type: string) => Buffer.from(`${type}:${randomUUID()}`).toString('base64');
const now = () => new Date().toISOString();

const users = new Map<string, User>();
const conversations = new Map<string, Conversation>();

/** In-memory topics: one async iterator per subscriber, fed synchronously on publish. */
const topics = new Map<string, Set<(value: unknown) => void>>();
function publish(topic: string, value: unknown): void {
  for (const push of topics.get(topic) ?? []) push(value);
}
function listen(topic: string): AsyncIterableIterator<unknown> {
  const queued: unknown[] = [];
  const waiting: ((result: IteratorResult<unknown>) => void)[] = [];
  const push = (value: unknown) => {
    const resolveNext = waiting.shift();
    if (resolveNext) resolveNext({ value, done: false });
    else queued.push(value);
  };
  const subscribers = topics.get(topic) ?? new Set();
  topics.set(topic, subscribers.add(push));
  const stop = () => {
    subscribers.delete(push);
    if (!subscribers.size) topics.delete(topic);
    for (const resolveNext of waiting.splice(0)) resolveNext({ value: undefined, done: true });
  };
  const iterator: AsyncIterableIterator<unknown> = {
    next: () => (queued.length ? Promise.resolve({ value: queued.shift(), done: false }) : new Promise((resolveNext) => waiting.push(resolveNext))),
    return: async () => {
      stop();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function userFor(token: string | undefined): User | null {
  if (!token?.startsWith('agent:')) return null;
  let user = users.get(token);
  if (!user) {
    const [, account, number] = token.split(':');
    user = { id: globalId('User'), account, name: `Agent ${number}`, email: `agent-${number}@${account}.bench.test`, role: 'AGENT', acceptingChats: true, createdAt: now() };
    users.set(token, user);
  }
  return user;
}

function conversationFor(context: Context, id: string): Conversation | null {
  const conversation = conversations.get(id);
  if (!conversation) return null;
  if (context.token === `visitor:${id}`) return conversation;
  return userFor(context.token)?.account === conversation.account ? conversation : null;
}

function append(conversation: Conversation, message: Omit<Message, 'id' | 'createdAt' | 'cursor'>): Message {
  const stored: Message = { ...message, id: globalId('Message'), createdAt: now(), cursor: Buffer.from(`m:${conversation.messages.length + 1}`).toString('base64url') };
  conversation.messages.push(stored);
  conversation.updatedAt = stored.createdAt;
  publish(`conversation:${conversation.id}`, { cursor: stored.cursor, message: stored, conversation });
  return stored;
}

const notFound = { code: 'CONVERSATION_NOT_FOUND', message: 'No conversation with this ID is open to you.', field: ['input', 'conversationId'] };

type Resolver = GraphQLFieldResolver<unknown, Context, Record<string, never> & Record<string, unknown>>;
const query: Record<string, Resolver> = {
  me: (_root, _args, context) => userFor(context.token),
  liveChatInbox: (_root, _args, context) => {
    const user = userFor(context.token);
    if (!user) return [];
    return [...conversations.values()].filter((chat) => chat.account === user.account && chat.status === 'WAITING').sort((a, b) => (a.waitingSince! < b.waitingSince! ? -1 : 1));
  },
};
const mutation: Record<string, Resolver> = {
  startConversation: (_root, { input }) => {
    const { flowId, visitor } = input as { flowId: string; visitor?: { pageUrl?: string; referrer?: string; locale?: string } };
    const created = now();
    const conversation: Conversation = {
      id: globalId('Conversation'),
      account: flowId,
      status: 'BOT',
      createdAt: created,
      updatedAt: created,
      waitingSince: null,
      timeoutAt: null,
      acceptedAt: null,
      endedAt: null,
      endReason: null,
      pageUrl: visitor?.pageUrl ?? null,
      referrer: visitor?.referrer ?? null,
      locale: visitor?.locale ?? null,
      contact: { id: globalId('Contact'), name: null, email: null, fields: {} },
      assignee: null,
      assigneeName: null,
      messages: [],
    };
    conversations.set(conversation.id, conversation);
    append(conversation, {
      author: 'BOT',
      body: 'Would you like to talk to someone?',
      options: [
        { key: 'accept', label: 'Yes' },
        { key: 'decline', label: 'No' },
      ],
      senderName: null,
      clientMessageId: null,
    });
    return { conversation, visitorToken: `visitor:${conversation.id}`, userErrors: [] };
  },
  sendMessage: (_root, { input }, context) => {
    const { conversationId, body, optionKey, clientMessageId } = input as { conversationId: string; body?: string; optionKey?: string; clientMessageId?: string };
    const conversation = conversationFor(context, conversationId);
    if (!conversation) return { message: null, conversation: null, userErrors: [notFound] };
    const user = userFor(context.token);
    if (!user && conversation.status === 'BOT' && optionKey === 'accept') {
      const message = append(conversation, { author: 'VISITOR', body: 'Yes', options: null, senderName: null, clientMessageId: clientMessageId ?? null });
      conversation.status = 'WAITING';
      conversation.waitingSince = message.createdAt;
      conversation.timeoutAt = new Date(Date.now() + 86_400_000).toISOString();
      publish(`inbox:${conversation.account}`, { kind: 'ADDED', reason: null, conversation });
      return { message, conversation, userErrors: [] };
    }
    const message = append(conversation, { author: user ? 'AGENT' : 'VISITOR', body: body ?? '', options: null, senderName: user?.name ?? null, clientMessageId: clientMessageId ?? null });
    return { message, conversation, userErrors: [] };
  },
  acceptChat: (_root, { conversationId }, context) => {
    const conversation = conversationFor(context, conversationId as string);
    const user = userFor(context.token);
    if (!conversation || !user) return { conversation: null, userErrors: [{ ...notFound, field: ['conversationId'] }] };
    if (conversation.status !== 'WAITING') return { conversation, userErrors: [{ code: 'ALREADY_ACCEPTED', message: 'Someone else accepted this chat first.', field: ['conversationId'] }] };
    conversation.status = 'ACTIVE';
    conversation.assignee = user;
    conversation.assigneeName = user.name;
    conversation.acceptedAt = now();
    conversation.timeoutAt = null;
    publish(`inbox:${conversation.account}`, { kind: 'REMOVED', reason: 'ACCEPTED', conversation });
    return { conversation, userErrors: [] };
  },
  setAcceptingChats: (_root, { accepting }, context) => {
    const user = userFor(context.token);
    if (user) user.acceptingChats = Boolean(accepting);
    return { user, userErrors: [] };
  },
};
const subscription: Record<string, { subscribe: Resolver; resolve: Resolver }> = {
  incomingChats: {
    subscribe: (_root, _args, context) => {
      const user = userFor(context.token);
      if (!user) throw new Error('Only a signed-in user has a live-chat inbox.');
      return listen(`inbox:${user.account}`);
    },
    resolve: (event) => event,
  },
  conversationEvents: {
    subscribe: (_root, { conversationId }, context) => {
      const conversation = conversationFor(context, conversationId as string);
      if (!conversation) throw new Error('No conversation with this ID is open to you.');
      return listen(`conversation:${conversation.id}`);
    },
    resolve: (event) => event,
  },
};

function attachResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const [name, resolveField] of Object.entries(query)) schema.getQueryType()!.getFields()[name].resolve = resolveField as never;
  for (const [name, resolveField] of Object.entries(mutation)) schema.getMutationType()!.getFields()[name].resolve = resolveField as never;
  for (const [name, field] of Object.entries(subscription)) Object.assign(schema.getSubscriptionType()!.getFields()[name], field);
  return schema;
}

const schema = attachResolvers(buildSchema(readFileSync(resolve(__dirname, '../../../schema/schema.graphql'), 'utf8')));
const bearer = (value: unknown) => (typeof value === 'string' ? /^Bearer\s+(\S+)/i.exec(value)?.[1] : undefined);
const graphqlHttp = createHandler<Context>({ schema, context: (req) => ({ token: bearer(req.raw.headers.authorization) }) });
const server = createServer((req, res) => {
  if (req.url === '/graphql') return void graphqlHttp(req, res);
  res.writeHead(req.url === '/readyz' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
});
if (withWebSockets) {
  useServer<{ authorization?: unknown }>({ schema, context: (ctx) => ({ token: bearer(ctx.connectionParams?.authorization) }) }, new WebSocketServer({ server, path: '/graphql' }));
}
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
