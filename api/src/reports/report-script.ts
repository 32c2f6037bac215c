import { FlowStepKind, OfflineMode, type FlowStepInput } from '../flows/flow-step.types';
import { dbId, enableLiveChat, signUpAccount, type SignedUpAccount } from '../test/fixtures';
import { accept, demoSteps, publishFlow, send, setAccepting, startVisitor, visitorToInbox, type Visitor } from '../test/live-chat-fixtures';
import { namedUser, transfer } from '../test/team-fixtures';
import type { TestApp } from '../test/test-app';

/**
 * A known script of chats for the report tests (API and browser). Each chat is played through
 * the real API and services, as it happens in production: the visitor qualifies in the demo
 * flow and enters the inbox, users accept, write, transfer and end, timeouts are run by
 * ChatEndingService, visitors rate. Only then are its times set, in the database, to the
 * script's (the play itself takes milliseconds): every timestamp the report reads —
 * conversations' created_at, waiting_since, accepted_at, ended_at, rated_at,
 * offline_message_at, the live messages' created_at, the accepting periods — and, for
 * consistency, the activity events' occurred_at. Everything else stays as played.
 */

export type Person = 'ana' | 'ben' | 'admin';

export interface ScriptedChat {
  /** When the chat entered the inbox (ISO). */
  requestedAt: string;
  outcome: 'accepted' | 'missed' | 'abandoned' | 'dismissed' | 'waiting';
  /** accepted: who accepts. */
  acceptedBy?: 'ana' | 'ben';
  /** accepted: seconds from the request to the accept; abandoned/dismissed: to the end. */
  waitSeconds?: number;
  /** A visitor message while waiting, this many seconds after the request (before any accept). */
  waitingMessageAfter?: number;
  /** accepted: live messages, seconds after the accept; `agent` is whoever has the chat then. */
  replies?: { from: 'agent' | 'visitor'; after: number }[];
  /** accepted: hand the chat to this teammate after the first reply. */
  transferTo?: 'ana' | 'ben';
  /** accepted: end it this many seconds after the accept, by the agent or the visitor. */
  endAfter?: number;
  endedBy?: 'agent' | 'visitor';
  rating?: number;
  /** The visitor first types something that is not an option at the offer, then accepts. */
  fumblesOffer?: boolean;
  /**
   * Ended by the agent, the bot carries on (the main flow's `afterChatNext` asks "How did it
   * go?"): the visitor answers this many seconds after the chat ended, which ends the
   * conversation (`again` goes to a second live-chat offer, which the bot passes over: a
   * conversation has one live chat). Without it the question stays unanswered (the conversation
   * is the bot's, not ended).
   */
  afterChat?: { answer: 'great' | 'again'; after: number };
}

export interface ScriptedVisit {
  /** When the conversation started (ISO). */
  startedAt: string;
  /** How far the visitor goes in the demo flow. */
  path: 'declines' | 'leavesAtOffer' | 'leavesAtName' | 'browses' | 'leavesMessage';
}

export interface ScriptedPeriod {
  who: 'ana' | 'ben';
  from: string;
  to: string;
}

export interface Script {
  chats: ScriptedChat[];
  /** Conversations that never became live chats (the funnel's other stages, offline messages). */
  visits: ScriptedVisit[];
  /** Each user's accepting periods, in order (non-overlapping); they replace the played ones. */
  periods: ScriptedPeriod[];
  /** Seconds a waiting chat of the main flow waits before it times out. */
  timeoutSeconds: number;
}

export interface PlayedScript {
  admin: SignedUpAccount;
  people: Record<Person, { token: string; userId: string; name: string }>;
  /** The main flow (live chat, WAIT) and the one that takes messages while nobody is available. */
  flowId: string;
  offlineFlowId: string;
  conversationIds: string[];
}

/** Where the main flow's bot carries on after an agent ends a chat: a question, and a second offer. */
function afterChatSteps(timeoutSeconds: number): FlowStepInput[] {
  return [
    {
      key: 'feedback',
      kind: FlowStepKind.QUESTION,
      text: 'How did it go?',
      options: [
        { key: 'great', label: 'Great, thanks', next: 'bye' },
        { key: 'again', label: 'I have another question', next: 'again_live' },
      ],
    },
    {
      key: 'again_live',
      kind: FlowStepKind.LIVE_CHAT,
      liveChat: { offerMessage: 'Talk to someone again?', declineNext: 'bye', handoffMessage: 'One moment…', timeoutSeconds, timeoutMessage: 'Sorry, nobody is free.' },
    },
  ];
}

/** The script's times go to PostgreSQL as ISO strings (UTC), never through a local clock. */
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();
const plus = (iso: string, seconds: number) => at(iso, seconds);

/** Plays the script in a new account (its admin is called "Ada Admin"; agents Ana and Ben). */
export async function playScript(app: TestApp, script: Script): Promise<PlayedScript> {
  const admin = await signUpAccount(app, 'Report Co');
  await enableLiveChat(app, admin.accountId);
  const flowId = await publishFlow(app, admin.token, [...demoSteps({ timeoutSeconds: script.timeoutSeconds, afterChatNext: 'feedback' }), ...afterChatSteps(script.timeoutSeconds)]);
  const offlineFlowId = await publishFlow(app, admin.token, demoSteps({ offlineMode: OfflineMode.LEAVE_MESSAGE }));
  const ana = await namedUser(app, admin.token, 'Ana');
  const ben = await namedUser(app, admin.token, 'Ben');
  const people: PlayedScript['people'] = { admin: { token: admin.token, userId: admin.userId, name: 'Ada Admin' }, ana, ben };
  const sql = (query: string, params: unknown[]) => app.runtime.orm.em.fork().getConnection().execute(query, params);
  const conversationIds: string[] = [];

  // Messages left first, while nobody is accepting chats (the offline path needs nobody).
  for (const visit of script.visits) {
    if (visit.path !== 'leavesMessage') continue;
    const visitor = await reachOffer(app, offlineFlowId);
    for (const body of ['Grace Hopper', 'grace@example.com', 'Please call me back.']) expectNoErrors(await send(app, visitor.token, visitor.conversationId, { body }), 'leave a message');
    await sql(`update conversations set created_at = ?, offline_message_at = ?, ended_at = ? where id = ?`, [at(visit.startedAt), at(visit.startedAt, 90), at(visit.startedAt, 90), dbId(visitor.conversationId)]);
    await retimeEvents(sql, visitor.conversationId, at(visit.startedAt));
    conversationIds.push(visitor.conversationId);
  }
  await setAccepting(app, ana.token, true);
  await setAccepting(app, ben.token, true);

  for (const visit of script.visits) {
    if (visit.path === 'leavesMessage') continue;
    const visitor = visit.path === 'browses' ? await startVisitor(app, flowId) : await reachOffer(app, flowId);
    if (visit.path === 'browses') expectNoErrors(await send(app, visitor.token, visitor.conversationId, { optionKey: 'browsing' }), 'browse');
    if (visit.path === 'declines') expectNoErrors(await send(app, visitor.token, visitor.conversationId, { optionKey: 'decline' }), 'decline');
    if (visit.path === 'leavesAtName') expectNoErrors(await send(app, visitor.token, visitor.conversationId, { optionKey: 'accept' }), 'accept the offer');
    if (visit.path === 'leavesAtOffer') await endChat(app, visitor.token, visitor.conversationId);
    await sql(`update conversations set created_at = ? where id = ?`, [at(visit.startedAt), dbId(visitor.conversationId)]);
    await retimeEvents(sql, visitor.conversationId, at(visit.startedAt));
    conversationIds.push(visitor.conversationId);
  }

  for (const [index, chat] of script.chats.entries()) {
    const name = `Visitor ${index + 1}`;
    const visitor = chat.fumblesOffer ? await fumbleIntoInbox(app, flowId, name) : await visitorToInbox(app, flowId, name, `visitor-${index + 1}@example.com`);
    const id = dbId(visitor.conversationId);
    const requested = at(chat.requestedAt);
    /** Messages whose time the script sets: their IDs and when they were written. */
    const timed: [string, string][] = [];
    if (chat.waitingMessageAfter !== undefined) timed.push([await say(app, visitor, 'Are you there?'), at(chat.requestedAt, chat.waitingMessageAfter)]);
    let acceptedAt: string | null = null;
    /** When the live part ended (LIVE_CHAT_ENDED / _TIMED_OUT), and the conversation (later, with the bot after it). */
    let endedAt: string | null = null;
    let conversationEndedAt: string | null | undefined;
    switch (chat.outcome) {
      case 'accepted': {
        let holder = people[chat.acceptedBy!];
        const accepted = await accept(app, holder.token, visitor.conversationId);
        if (accepted.userErrors.length) throw new Error(`accept: ${JSON.stringify(accepted.userErrors)}`);
        acceptedAt = at(chat.requestedAt, chat.waitSeconds!);
        for (const [replyIndex, reply] of (chat.replies ?? []).entries()) {
          const token = reply.from === 'agent' ? holder.token : visitor.token;
          timed.push([await say(app, { ...visitor, token }, `${reply.from} line ${replyIndex + 1}`), plus(acceptedAt, reply.after)]);
          if (replyIndex === 0 && chat.transferTo) {
            const handed = await transfer(app, holder.token, { conversationId: visitor.conversationId, toUserId: people[chat.transferTo].userId });
            if (handed.userErrors.length) throw new Error(`transfer: ${JSON.stringify(handed.userErrors)}`);
            holder = people[chat.transferTo];
          }
        }
        if (chat.endAfter !== undefined) {
          await endChat(app, chat.endedBy === 'visitor' ? visitor.token : holder.token, visitor.conversationId);
          endedAt = plus(acceptedAt, chat.endAfter);
          if (chat.rating) {
            const rated = await app.gql(`mutation($input: RateConversationInput!) { rateConversation(input: $input) { userErrors { code } } }`, { input: { conversationId: visitor.conversationId, score: chat.rating } }, visitor.token);
            expectNoErrors(rated.data!.rateConversation, 'rate');
          }
          // Ended by the agent: the bot asked "How did it go?" and the conversation is not over.
          if (chat.endedBy !== 'visitor') conversationEndedAt = null;
          if (chat.afterChat) {
            const answered = await send(app, visitor.token, visitor.conversationId, { optionKey: chat.afterChat.answer });
            expectNoErrors(answered, 'answer after the chat');
            if (answered.conversation?.status !== 'ENDED') throw new Error(`after the chat: the conversation is ${answered.conversation?.status}, not ENDED`);
            timed.push([answered.message!.id, plus(endedAt, chat.afterChat.after)]);
            conversationEndedAt = plus(endedAt, chat.afterChat.after);
          }
        }
        break;
      }
      case 'missed': {
        const timedOut = await app.runtime.services.chatEndings.timeOutWaiting(app.runtime.orm.em.fork(), id, new Date(Date.now() + (script.timeoutSeconds + 60) * 1000));
        if (!timedOut) throw new Error('the chat did not time out');
        endedAt = at(chat.requestedAt, script.timeoutSeconds);
        break;
      }
      case 'abandoned':
      case 'dismissed':
        await endChat(app, chat.outcome === 'abandoned' ? visitor.token : admin.token, visitor.conversationId);
        endedAt = at(chat.requestedAt, chat.waitSeconds!);
        break;
      case 'waiting':
        break;
    }
    // The bot part, system lines and anything not timed by the script: before the request.
    await sql(`update messages set created_at = ? where conversation_id = ?`, [at(chat.requestedAt, -30), id]);
    for (const [messageId, writtenAt] of timed) await sql(`update messages set created_at = ? where id = ?`, [writtenAt, dbId(messageId)]);
    await sql(
      `update conversations set created_at = ?, waiting_since = ?, accepted_at = ?, ended_at = ?, timeout_at = case when status = 'WAITING' then ?::timestamptz end,
              rated_at = case when rated_at is not null then ?::timestamptz end
        where id = ?`,
      [at(chat.requestedAt, -60), requested, acceptedAt, conversationEndedAt === undefined ? endedAt : conversationEndedAt, at(chat.requestedAt, script.timeoutSeconds), endedAt ? plus(endedAt, 30) : null, id],
    );
    await retimeEvents(sql, visitor.conversationId, at(chat.requestedAt, -60), { requested, acceptedAt, endedAt });
    conversationIds.push(visitor.conversationId);
  }

  await retimePeriods(app, sql, people, script.periods);
  return { admin, people, flowId, offlineFlowId, conversationIds };
}

/**
 * Replaces the accepting periods the play recorded with the script's: switches each user on and
 * off through the API as many times as the script has periods (so the periods are the ones
 * `setAcceptingChats` writes), then sets their times, in order.
 */
async function retimePeriods(app: TestApp, sql: (query: string, params: unknown[]) => Promise<unknown>, people: PlayedScript['people'], periods: ScriptedPeriod[]): Promise<void> {
  for (const who of ['ana', 'ben'] as const) {
    const mine = periods.filter((period) => period.who === who);
    const userId = dbId(people[who].userId);
    // The play's period (switched on before the chats) is the first; each off/on adds one.
    await setAccepting(app, people[who].token, false);
    for (let more = 1; more < mine.length; more++) {
      await setAccepting(app, people[who].token, true);
      await setAccepting(app, people[who].token, false);
    }
    const played = (await sql(`select id from accepting_periods where user_id = ? order by started_at`, [userId])) as { id: string }[];
    if (played.length !== Math.max(1, mine.length)) throw new Error(`${who} has ${played.length} accepting periods, expected ${mine.length}`);
    if (!mine.length) await sql(`delete from accepting_periods where user_id = ?`, [userId]);
    for (const [index, period] of mine.entries()) await sql(`update accepting_periods set started_at = ?, ended_at = ? where id = ?`, [at(period.from), at(period.to), played[index].id]);
  }
}

async function retimeEvents(
  sql: (query: string, params: unknown[]) => Promise<unknown>,
  conversationId: string,
  started: string,
  live: { requested?: string; acceptedAt?: string | null; endedAt?: string | null } = {},
): Promise<void> {
  await sql(
    `update activity_events set occurred_at = case type
        when 'LIVE_CHAT_REQUESTED' then coalesce(?::timestamptz, occurred_at)
        when 'LIVE_CHAT_ACCEPTED' then coalesce(?::timestamptz, occurred_at)
        when 'LIVE_CHAT_TIMED_OUT' then coalesce(?::timestamptz, occurred_at)
        when 'LIVE_CHAT_ENDED' then coalesce(?::timestamptz, occurred_at)
        else ?::timestamptz end
      where conversation_id = ?`,
    [live.requested ?? null, live.acceptedAt ?? null, live.endedAt ?? null, live.endedAt ?? null, started, dbId(conversationId)],
  );
}

/** Starts a visitor on the demo flow and qualifies them up to the live-chat offer. */
async function reachOffer(app: TestApp, flowId: string): Promise<Visitor> {
  const visitor = await startVisitor(app, flowId);
  for (const optionKey of ['pricing', 'small']) expectNoErrors(await send(app, visitor.token, visitor.conversationId, { optionKey }), optionKey);
  return visitor;
}

/** Into the inbox, after first typing something at the offer that is not one of its options. */
async function fumbleIntoInbox(app: TestApp, flowId: string, name: string): Promise<Visitor> {
  const visitor = await reachOffer(app, flowId);
  for (const input of [{ body: 'maybe later?' }, { optionKey: 'accept' }, { body: name }, { body: `${name.toLowerCase().replace(/\W+/g, '-')}@example.com` }]) {
    expectNoErrors(await send(app, visitor.token, visitor.conversationId, input), JSON.stringify(input));
  }
  return visitor;
}

async function say(app: TestApp, visitor: Visitor, body: string): Promise<string> {
  const sent = await send(app, visitor.token, visitor.conversationId, { body });
  expectNoErrors(sent, `say ${body}`);
  return sent.message!.id;
}

async function endChat(app: TestApp, token: string, conversationId: string): Promise<void> {
  const ended = await app.gql(`mutation($id: ID!) { endChat(conversationId: $id) { userErrors { code message } } }`, { id: conversationId }, token);
  expectNoErrors(ended.data!.endChat, 'endChat');
}

function expectNoErrors(payload: { userErrors: { code: string }[] }, what: string): void {
  if (payload.userErrors.length) throw new Error(`${what}: ${JSON.stringify(payload.userErrors)}`);
}
