import type { Client } from 'graphql-ws';
import type { FlowStepInput } from '../flows/flow-step.types';
import { DEMO_FLOW_STEPS } from '../seed/demo-seed';
import type { TestApp } from './test-app';
import { createSignedInUser, enableLiveChat, signUpAccount } from './fixtures';

/** The demo flow with its live-chat step adjusted (a short timeout, say). */
export function demoSteps(liveChat: Partial<NonNullable<FlowStepInput['liveChat']>> = {}): FlowStepInput[] {
  return DEMO_FLOW_STEPS.map((step) => (step.liveChat ? { ...step, liveChat: { ...step.liveChat, ...liveChat } } : step));
}

/** Creates and publishes a flow; returns its global ID. */
export async function publishFlow(app: TestApp, adminToken: string, steps: FlowStepInput[] = demoSteps()): Promise<string> {
  const created = await app.gql(`mutation($input: CreateFlowInput!) { createFlow(input: $input) { flow { id } userErrors { code field } } }`, { input: { name: 'Test flow', steps } }, adminToken);
  const flowId = created.data?.createFlow.flow?.id;
  if (!flowId) throw new Error(`createFlow failed: ${JSON.stringify(created)}`);
  const published = await app.gql(`mutation($id: ID!) { publishFlow(id: $id) { userErrors { code field message } } }`, { id: flowId }, adminToken);
  if (published.data?.publishFlow.userErrors.length) throw new Error(`publishFlow failed: ${JSON.stringify(published.data.publishFlow.userErrors)}`);
  return flowId;
}

export interface Visitor {
  conversationId: string;
  token: string;
}

export async function startVisitor(app: TestApp, flowId: string): Promise<Visitor> {
  const result = await app.gql(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { conversation { id } visitorToken userErrors { code } } }`,
    { input: { flowId, visitor: { pageUrl: 'https://acme.example/pricing', referrer: 'https://search.example', locale: 'en-GB' } } },
  );
  const payload = result.data?.startConversation;
  if (!payload?.visitorToken) throw new Error(`startConversation failed: ${JSON.stringify(result)}`);
  return { conversationId: payload.conversation.id, token: payload.visitorToken };
}

const SEND = /* GraphQL */ `
  mutation Send($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message { id body author clientMessageId }
      conversation { id status }
      userErrors { code message field }
    }
  }
`;

export async function send(app: TestApp, token: string, conversationId: string, input: { body?: string; optionKey?: string; clientMessageId?: string }) {
  const result = await app.gql(SEND, { input: { conversationId, ...input } }, token);
  if (!result.data) throw new Error(`sendMessage failed: ${JSON.stringify(result)}`);
  return result.data.sendMessage as { message: { id: string; body: string; author: string; clientMessageId: string | null } | null; conversation: { id: string; status: string } | null; userErrors: { code: string; message: string }[] };
}

/** Takes a visitor of the demo flow through qualification and contact details into the inbox. */
export async function visitorToInbox(app: TestApp, flowId: string, name = 'Grace Hopper', email = 'grace@example.com'): Promise<Visitor> {
  const visitor = await startVisitor(app, flowId);
  for (const input of [{ optionKey: 'pricing' }, { optionKey: 'small' }, { optionKey: 'accept' }, { body: name }, { body: email }]) {
    const result = await send(app, visitor.token, visitor.conversationId, input);
    if (result.userErrors.length) throw new Error(`visitor step ${JSON.stringify(input)} failed: ${JSON.stringify(result.userErrors)}`);
  }
  return visitor;
}

export async function setAccepting(app: TestApp, token: string, accepting = true): Promise<void> {
  await app.gql(`mutation($a: Boolean!) { setAcceptingChats(accepting: $a) { user { acceptingChats } } }`, { a: accepting }, token);
}

export async function accept(app: TestApp, token: string, conversationId: string) {
  const result = await app.gql(`mutation($id: ID!) { acceptChat(conversationId: $id) { conversation { id status assignee { id } } userErrors { code } } }`, { id: conversationId }, token);
  return result.data!.acceptChat as { conversation: { id: string; status: string; assignee: { id: string } | null } | null; userErrors: { code: string }[] };
}

/** A live subscription whose events are collected; `next(n)` waits for the n-th event. */
export interface Collected<T> {
  events: T[];
  /** Resolves once a matching event arrived (or rejects after `timeoutMs`). */
  waitFor(predicate: (event: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves once the subscription is registered on the server (its first round trip). */
  dispose(): void;
}

export async function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}, field?: string): Promise<Collected<T>> {
  const events: T[] = [];
  const listeners = new Set<() => void>();
  let failure: unknown;
  const dispose = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failure = value.errors;
        const data = value.data;
        if (data) events.push(field ? data[field] : (Object.values(data)[0] as T));
        for (const listener of listeners) listener();
      },
      error: (error) => {
        failure = error;
        for (const listener of listeners) listener();
      },
      complete: () => undefined,
    },
  );
  const collected: Collected<T> = {
    events,
    dispose,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (failure) return finish(() => reject(new Error(`subscription failed: ${JSON.stringify(failure)}`)));
          const found = events.find(predicate);
          if (found !== undefined) finish(() => resolve(found));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
  return collected;
}

/**
 * Waits until the server has subscribed to a pub/sub channel in Redis: graphql-ws does not
 * acknowledge a subscription, and an event published before it is registered is not replayed
 * by the inbox streams.
 */
export async function waitForChannel(app: TestApp, topic: string, dynamicId: string, timeoutMs = 5000): Promise<void> {
  const channel = `${app.runtime.redisPrefix}:${topic}:${dynamicId}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [, count] = (await app.runtime.redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
    if (Number(count) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nobody subscribed to ${channel} within ${timeoutMs} ms`);
}

/** An account with live chat on and the demo flow, an accepting agent, and one visitor waiting in the inbox. */
export async function chatWaitingForAgent(app: TestApp) {
  const admin = await signUpAccount(app);
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token);
  const agent = await createSignedInUser(app, admin.token, 'AGENT');
  await setAccepting(app, agent.token, true);
  const visitor = await visitorToInbox(app, flowId);
  return { admin, flowId, agent, visitor };
}
