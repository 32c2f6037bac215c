import { performance } from 'node:perf_hooks';
import { INCOMING_CHATS, type InboxEventData } from '../lib/documents';
import type { GraphQLHttp } from '../lib/http-client';
import { totalCpuMicros, waitUntilIdle } from '../lib/processes';
import { mapLimit, percentile, sleep } from '../lib/stats';
import type { ChatSystem } from '../lib/systems';
import { queueVisitor, startVisitor } from '../lib/visitors';
import { closeAll, connectMany } from '../lib/ws-clients';

export interface FanOutFigures {
  p50Ms: number;
  p99Ms: number;
  cpuMsPerEvent: number;
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  subscriptionErrors: number;
  /** Retained heap per idle subscribed websocket (when asked for), in bytes. */
  heapPerSocket?: number;
}

export interface FanOutShape {
  agents: number;
  events: number;
  eventTimeoutMs: number;
  measureHeap: boolean;
}

/**
 * A new chat reaching `agents` accepting agents, each on its own graphql-ws connection with
 * the inbox's IncomingChats subscription. Latency runs from sending the visitor's last answer
 * (the mutation that puts the chat in the inbox) to each agent's receipt of its ADDED event;
 * events go one after another, each once every agent has it (or after the timeout). One
 * untimed event first proves every subscription is live. With `measureHeap`, the primary
 * process's heap after GC is read before the sockets open and once they idle, subscribed.
 */
export async function measureFanOut(system: ChatSystem, gql: GraphQLHttp, account: string, shape: FanOutShape): Promise<FanOutFigures> {
  const port = system.ports[0];
  const visitors = await mapLimit(Array.from({ length: shape.events + 1 }), 8, () => startVisitor(gql, port, system.flowId(account)));
  await waitUntilIdle(system.processes);
  const heapBefore = shape.measureHeap ? await system.primary.heapUsed() : 0;

  const receipts = new Map<string, number[]>(visitors.map((visitor) => [visitor.conversationId, []]));
  const seen = new Set<string>();
  let duplicated = 0;
  let subscriptionErrors = 0;
  let waiter: { conversationId: string; done: () => void } | undefined;
  const connections = await connectMany(port, system.agentTokens(account, shape.agents));
  connections.forEach((connection, agent) =>
    connection.subscribe<InboxEventData>(
      INCOMING_CHATS,
      {},
      {
        next: ({ incomingChats }) => {
          const at = performance.now();
          if (incomingChats.kind !== 'ADDED') return;
          const times = receipts.get(incomingChats.conversation.id);
          if (!times) return;
          const key = `${agent}:${incomingChats.conversation.id}`;
          if (seen.has(key)) return void duplicated++;
          seen.add(key);
          times.push(at);
          if (waiter?.conversationId === incomingChats.conversation.id && times.length === shape.agents) waiter.done();
        },
        error: () => void subscriptionErrors++,
        // An inbox subscription never ends by itself while the agent is connected.
        complete: () => void subscriptionErrors++,
      },
    ),
  );
  try {
    await sleep(500);
    await waitUntilIdle(system.processes);
    const heapAfter = shape.measureHeap ? await system.primary.heapUsed() : 0;

    const deliver = async (conversationId: string, send: () => Promise<unknown>) => {
      const all = new Promise<void>((done) => (waiter = { conversationId, done }));
      const timeout = sleep(shape.eventTimeoutMs);
      await send();
      await Promise.race([all, timeout]);
      waiter = undefined;
    };
    await deliver(visitors[0].conversationId, () => queueVisitor(gql, port, visitors[0]));

    const latencies: number[] = [];
    const cpuStart = await totalCpuMicros(system.processes);
    for (const visitor of visitors.slice(1)) {
      const sent = performance.now();
      await deliver(visitor.conversationId, () => queueVisitor(gql, port, visitor));
      for (const at of receipts.get(visitor.conversationId)!) latencies.push(at - sent);
    }
    await waitUntilIdle(system.processes);
    const cpuEnd = await totalCpuMicros(system.processes);
    // Late arrivals of any event still count as received (not lost), just never as fast.
    await sleep(200);
    const expected = visitors.length * shape.agents;
    const received = [...receipts.values()].reduce((total, times) => total + times.length, 0);
    return {
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      cpuMsPerEvent: (cpuEnd - cpuStart) / 1000 / shape.events,
      expected,
      received,
      lost: expected - received,
      duplicated,
      subscriptionErrors,
      heapPerSocket: shape.measureHeap ? (heapAfter - heapBefore) / shape.agents : undefined,
    };
  } finally {
    await closeAll(connections);
    await waitUntilIdle(system.processes);
  }
}
