import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ACCEPT_CHAT, AGENT_CONVERSATION_EVENTS, SEND_AGENT_MESSAGE, VISITOR_CONVERSATION_EVENTS, VISITOR_SEND_MESSAGE, type AcceptChatData, type ConversationEventData } from '../lib/documents';
import { expectNoUserErrors, GraphQLHttp } from '../lib/http-client';
import { totalCpuMicros, waitUntilIdle } from '../lib/processes';
import { mapLimit, percentile, sleep } from '../lib/stats';
import type { ChatSystem } from '../lib/systems';
import { queueVisitor, startVisitor, type Visitor } from '../lib/visitors';
import { closeAll, connectMany, type WsConnection } from '../lib/ws-clients';

/** An accepted chat: its visitor, and the agent (an index into the account's agents) who took it. */
export interface LiveChat {
  visitor: Visitor;
  agent: number;
  /**
   * The last event cursor each side received: the next round's subscriptions resume after it,
   * as the inbox and the widget do on a reconnect, instead of replaying the whole chat so far.
   */
  agentCursor?: string;
  visitorCursor?: string;
}

/** Makes `chats` accepted chats over `agents` agents (chat i taken by agent i mod agents). */
export async function prepareLiveChats(system: ChatSystem, gql: GraphQLHttp, account: string, chats: number, agents: number): Promise<LiveChat[]> {
  const port = system.ports[0];
  const tokens = system.agentTokens(account, agents);
  return mapLimit(Array.from({ length: chats }), 8, async (_, index) => {
    const visitor = await startVisitor(gql, port, system.flowId(account));
    await queueVisitor(gql, port, visitor);
    const { data } = await gql.request<AcceptChatData>(port, ACCEPT_CHAT, { conversationId: visitor.conversationId }, tokens[index % agents]);
    expectNoUserErrors(data.acceptChat, 'acceptChat');
    return { visitor, agent: index % agents };
  });
}

export interface PingPongFigures {
  messagesPerSecond: number;
  roundTripP50Ms: number;
  roundTripP99Ms: number;
  cpuMsPerMessage: number;
  lost: number;
  errors: number;
  firstError?: string;
}

const WARMUP_CAP_MS = 30_000;
const LATE_ANSWER_WAIT_MS = 60_000;

export interface PingPongShape {
  agents: number;
  warmupMs: number;
  durationMs: number;
  roundTripTimeoutMs: number;
  /**
   * Open loop: each chat's visitor sends a message every `paceMs` (from a random phase), whether
   * or not the last answer came, and a round trip runs from the moment the message was due
   * (so a slow server is not excused by sending less). Without it, closed loop: each chat sends
   * its next message when the answer to the last arrives, as fast as the server goes.
   */
  paceMs?: number;
}

/**
 * Every chat plays ping-pong at once: the visitor sends a message (the widget's mutation),
 * the agent's conversationEvents subscription receives it and the agent answers (the inbox's
 * mutation), the visitor's subscription receives the answer, and the visitor sends the next.
 * Messages per second counts the messages delivered to the other side inside the measured
 * window, which opens once every chat has finished a round trip (at least `warmupMs`, at
 * most 30 s in); a round trip runs from the visitor's send to its receipt of the answer. An
 * answer later than `roundTripTimeoutMs` lets the chat go on and is waited for at the end;
 * one that never arrives (60 s more) is lost.
 */
export async function measurePingPong(system: ChatSystem, account: string, chats: LiveChat[], shape: PingPongShape): Promise<PingPongFigures> {
  const port = system.ports[0];
  const gql = new GraphQLHttp(2 * chats.length + 8);
  const agentTokens = system.agentTokens(account, shape.agents);
  let delivered = 0;
  let errors = 0;
  let firstError: string | undefined;
  const fail = (error: unknown) => {
    errors++;
    firstError ??= error instanceof Error ? error.message : String(error);
  };
  // Set once the chats play in steady state (see `window` below).
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const inWindow = (at: number) => at >= windowStart && at <= windowEnd;
  const awaitingPong = new Map<string, () => void>();

  const connections: WsConnection[] = [];
  try {
    connections.push(...(await connectMany(port, agentTokens)));
    const visitorConnections = await connectMany(
      port,
      chats.map((chat) => chat.visitor.token),
    );
    connections.push(...visitorConnections);
    for (const chat of chats) {
      connections[chat.agent].subscribe<ConversationEventData>(
        AGENT_CONVERSATION_EVENTS,
        { conversationId: chat.visitor.conversationId, after: chat.agentCursor ?? null },
        {
          next: ({ conversationEvents: { message, cursor } }) => {
            chat.agentCursor = cursor;
            if (message.author !== 'VISITOR' || !message.body.startsWith('ping ')) return;
            if (inWindow(performance.now())) delivered++;
            const input = { conversationId: chat.visitor.conversationId, body: `pong ${message.body.slice(5)}`, clientMessageId: randomUUID() };
            gql
              .request<{ sendMessage: { userErrors: { code: string }[] } }>(port, SEND_AGENT_MESSAGE, { input }, agentTokens[chat.agent])
              .then(({ data }) => expectNoUserErrors(data.sendMessage, 'agent sendMessage'))
              .catch(fail);
          },
          error: fail,
        },
      );
    }
    chats.forEach((chat, index) =>
      visitorConnections[index].subscribe<ConversationEventData>(
        VISITOR_CONVERSATION_EVENTS,
        { id: chat.visitor.conversationId, after: chat.visitorCursor ?? null },
        {
          next: ({ conversationEvents: { message, cursor } }) => {
            chat.visitorCursor = cursor;
            if (message.author !== 'AGENT' || !message.body.startsWith('pong ')) return;
            if (inWindow(performance.now())) delivered++;
            awaitingPong.get(message.body.slice(5))?.();
          },
          error: fail,
        },
      ),
    );
    await sleep(500);
    await waitUntilIdle(system.processes);

    const roundTrips: number[] = [];
    const warmedUp = new Set<LiveChat>();
    const overdue: Promise<boolean>[] = [];
    let cpuStart = 0;
    /**
     * One visitor message and the wait for its answer, timed from `from` (when it was sent, or
     * due); counted if `from` (open loop) or the answer (closed loop) falls in the window.
     * False when the send failed (counted in errors).
     */
    const roundTrip = async (chat: LiveChat, turn: number, from: number, countBy: 'due' | 'answer'): Promise<boolean> => {
      const key = `${chat.visitor.conversationId} ${turn}`;
      const pong = new Promise<boolean>((done) => awaitingPong.set(key, () => done(true)));
      const input = { conversationId: chat.visitor.conversationId, body: `ping ${key}`, clientMessageId: randomUUID() };
      try {
        const { data } = await gql.request<{ sendMessage: { userErrors: { code: string }[] } }>(port, VISITOR_SEND_MESSAGE, { input }, chat.visitor.token);
        expectNoUserErrors(data.sendMessage, 'visitor sendMessage');
      } catch (error) {
        fail(error);
        awaitingPong.delete(key);
        return false;
      }
      // A slow answer is not lost yet: it is waited for (bounded) at the end, and this chat goes on.
      const answered = await Promise.race([pong, sleep(shape.roundTripTimeoutMs).then(() => false)]);
      if (!answered) {
        overdue.push(Promise.race([pong, sleep(LATE_ANSWER_WAIT_MS).then(() => false)]));
        return true;
      }
      awaitingPong.delete(key);
      warmedUp.add(chat);
      if (inWindow(countBy === 'due' ? from : performance.now())) roundTrips.push(performance.now() - from);
      return true;
    };
    // Closed loop: the next message once the last one's answer came (or was given up on).
    const play = async (chat: LiveChat) => {
      for (let turn = 0; performance.now() < windowEnd; turn++) {
        if (!(await roundTrip(chat, turn, performance.now(), 'answer'))) await sleep(100);
      }
    };
    // Measured once every chat has finished a round trip (steady state), at least `warmupMs` in.
    const window = (async () => {
      const cap = performance.now() + WARMUP_CAP_MS;
      await sleep(shape.warmupMs);
      while (warmedUp.size < chats.length && performance.now() < cap) await sleep(50);
      windowStart = performance.now();
      windowEnd = windowStart + shape.durationMs;
      cpuStart = await totalCpuMicros(system.processes);
      await sleep(Math.max(0, windowEnd - performance.now()));
      return totalCpuMicros(system.processes);
    })();
    // Open loop: a message every `paceMs`, answered or not.
    const playPaced = async (chat: LiveChat, paceMs: number) => {
      const answers: Promise<boolean>[] = [];
      let due = performance.now() + Math.random() * paceMs;
      for (let turn = 0; ; turn++) {
        await sleep(Math.max(0, due - performance.now()));
        if (performance.now() >= windowEnd) break;
        answers.push(roundTrip(chat, turn, due, 'due'));
        due += paceMs;
      }
      await Promise.all(answers);
    };
    const paceMs = shape.paceMs;
    const [cpuEnd] = await Promise.all([window, ...chats.map((chat) => (paceMs ? playPaced(chat, paceMs) : play(chat)))]);
    const lost = (await Promise.all(overdue)).filter((answered) => !answered).length;
    return {
      messagesPerSecond: delivered / (shape.durationMs / 1000),
      roundTripP50Ms: percentile(roundTrips, 0.5),
      roundTripP99Ms: percentile(roundTrips, 0.99),
      cpuMsPerMessage: (cpuEnd - cpuStart) / 1000 / Math.max(1, delivered),
      lost,
      errors,
      firstError,
    };
  } finally {
    await closeAll(connections);
    gql.close();
    await waitUntilIdle(system.processes);
  }
}
