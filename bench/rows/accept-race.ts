import { Agent } from 'node:http';
import { ACCEPT_CHAT, ME, type AcceptChatData } from '../lib/documents';
import { post } from '../lib/http-client';
import { waitUntilIdle } from '../lib/processes';
import { mapLimit, percentile } from '../lib/stats';
import type { ChatOnce } from '../lib/chatonce';
import { queueVisitor, startVisitor, type Visitor } from '../lib/visitors';

export interface RaceFigures {
  loserP99Ms: number;
  winnerP99Ms: number;
  uncontendedP99Ms: number;
  /**
   * The floor under the losers: `callers` concurrent `{ me { id name } }` from the same agents on
   * the same sockets and processes (one request each, no accept at all), p99 over as many bursts.
   */
  concurrentMeP99Ms: number;
  chats: number;
  /** Chats that did not end with exactly one winner, as the responses and the database say. */
  badChats: string[];
  unexpectedCodes: string[];
}

export interface RaceShape {
  chats: number;
  callers: number;
  uncontendedFirst: boolean;
}

interface AcceptOutcome {
  ms: number;
  won: boolean;
  code?: string;
  agentId: string;
}

/**
 * `callers` concurrent acceptChat calls on one waiting chat, alternating between the two API
 * processes, one chat after another; then the same number of chats each accepted by one
 * caller alone (the uncontended baseline, one call at a time, alternating processes). Every
 * contended chat must have exactly one winner in the responses, and the database must name
 * that winner as the assignee.
 */
export async function measureAcceptRace(chatonce: ChatOnce, account: string, shape: RaceShape): Promise<RaceFigures> {
  const [portA, portB] = chatonce.ports;
  const tokens = chatonce.agentTokens(account, shape.callers);
  const agentIds = chatonce.agentIds(account);
  const flowId = chatonce.flowId(account);
  const prepare = () =>
    mapLimit(Array.from({ length: shape.chats }), 8, async () => {
      const visitor = await startVisitor(chatonce.gql, portA, flowId);
      await queueVisitor(chatonce.gql, portB, visitor);
      return visitor;
    });
  const contended = await prepare();
  const uncontended = await prepare();

  // One socket per caller and process, opened before the race so no call pays for a connect.
  const agent = new Agent({ keepAlive: true, maxSockets: shape.callers, maxFreeSockets: shape.callers });
  const warm = JSON.stringify({ query: '{ __typename }' });
  await Promise.all(tokens.flatMap(() => [post(agent, portA, warm), post(agent, portB, warm)]));
  await waitUntilIdle(chatonce.processes);

  const accept = async (visitor: Visitor, caller: number): Promise<AcceptOutcome> => {
    const body = JSON.stringify({ query: ACCEPT_CHAT, variables: { conversationId: visitor.conversationId } });
    const response = await post(agent, caller % 2 ? portB : portA, body, `Bearer ${tokens[caller]}`);
    const parsed = JSON.parse(response.body) as { data?: AcceptChatData; errors?: unknown[] };
    const payload = parsed.data?.acceptChat;
    const code = payload?.userErrors[0]?.code ?? (parsed.errors ? `GraphQL error ${JSON.stringify(parsed.errors).slice(0, 200)}` : undefined);
    return { ms: response.ms, won: Boolean(payload && !payload.userErrors.length && payload.conversation?.status === 'ACTIVE'), code, agentId: agentIds[caller] };
  };

  const losers: number[] = [];
  const winners: number[] = [];
  const badChats: string[] = [];
  const unexpectedCodes = new Set<string>();
  const winnerOf = new Map<string, string>();
  const runContended = async () => {
    for (const visitor of contended) {
      const outcomes = await Promise.all(tokens.map((_, caller) => accept(visitor, caller)));
      const won = outcomes.filter((outcome) => outcome.won);
      for (const outcome of outcomes) {
        (outcome.won ? winners : losers).push(outcome.ms);
        if (!outcome.won && outcome.code !== 'ALREADY_ACCEPTED') unexpectedCodes.add(outcome.code ?? 'no code');
      }
      if (won.length !== 1) badChats.push(`${visitor.conversationId}: ${won.length} winners`);
      else winnerOf.set(visitor.conversationId, won[0].agentId);
    }
  };
  const uncontendedMs: number[] = [];
  const runUncontended = async () => {
    for (const [index, visitor] of uncontended.entries()) {
      const outcome = await accept(visitor, index % tokens.length);
      if (!outcome.won) throw new Error(`an uncontended accept failed: ${outcome.code}`);
      uncontendedMs.push(outcome.ms);
    }
  };
  const concurrentMe: number[] = [];
  const meBody = JSON.stringify({ query: ME });
  const runConcurrentMe = async () => {
    for (let burst = 0; burst < shape.chats; burst++) {
      const responses = await Promise.all(tokens.map((token, caller) => post(agent, caller % 2 ? portB : portA, meBody, `Bearer ${token}`)));
      concurrentMe.push(...responses.map((response) => response.ms));
    }
  };
  // Alternated by round, like every ChatOnce/baseline pair.
  if (shape.uncontendedFirst) await runUncontended().then(runContended).then(runConcurrentMe);
  else await runConcurrentMe().then(runContended).then(runUncontended);
  agent.destroy();

  // The database's word: one assignee, the one the responses named, and one acceptance event.
  const ids = contended.map((visitor) => Buffer.from(visitor.conversationId, 'base64').toString('utf8').split(':')[1]);
  const { rows } = await chatonce.db!.query<{ id: string; status: string; assignee_id: string | null; accepted: string }>(
    `select c.id, c.status, c.assignee_id,
            (select count(*) from activity_events e where e.conversation_id = c.id and e.type = 'LIVE_CHAT_ACCEPTED') as accepted
       from conversations c where c.id = any($1::uuid[])`,
    [ids],
  );
  for (const row of rows) {
    const globalId = Buffer.from(`Conversation:${row.id}`).toString('base64');
    const expected = winnerOf.get(globalId);
    if (expected && (row.status !== 'ACTIVE' || row.assignee_id !== expected || Number(row.accepted) !== 1)) {
      badChats.push(`${globalId}: database says ${row.status}, assignee ${row.assignee_id}, ${row.accepted} acceptance events; responses named ${expected}`);
    }
  }
  return {
    loserP99Ms: percentile(losers, 0.99),
    winnerP99Ms: percentile(winners, 0.99),
    uncontendedP99Ms: percentile(uncontendedMs, 0.99),
    concurrentMeP99Ms: percentile(concurrentMe, 0.99),
    chats: contended.length,
    badChats,
    unexpectedCodes: [...unexpectedCodes],
  };
}
