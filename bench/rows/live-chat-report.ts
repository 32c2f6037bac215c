import { performance } from 'node:perf_hooks';
import pg, { type Pool } from 'pg';
import { agentsSql, figuresSql, flowsSql, REPORT_SETTINGS, timeToAcceptDistributionSql, type ReportSql } from '../../api/src/reports/live-chat-report.sql';
import type { ReportScope } from '../../api/src/reports/live-chat-report.types';
import { decodeGlobalId, type ChatOnce } from '../lib/chatonce';
import { median } from '../lib/stats';

/**
 * `liveChatReport` over a year of a busy account: 100,000 conversations, each with its offer and
 * answer, 70% accepted (with a join line and six live messages), 20% missed, 10% abandoned, their
 * activity events and the agents' accepting periods (one a day each): about 690,000 messages and
 * 270,000 events. Seeded by a few `insert … select … from generate_series` statements, then
 * VACUUM ANALYZE, as a database that has been running for a year would be.
 *
 * Each grouping is timed end to end over HTTP (an accepting agent's token, the inbox's kind of
 * document), against the same statements (live-chat-report.sql.ts) sent straight to
 * PostgreSQL with `pg`, in parallel as the API's field resolvers run them, each in a read-only
 * transaction with the same settings (REPORT_SETTINGS).
 */
export const REPORT_CONVERSATIONS = 100_000;
const YEAR_SECONDS = 365 * 86_400;

export type ReportGrouping = 'DAY' | 'AGENT' | 'FLOW';
export const REPORT_GROUPINGS: ReportGrouping[] = ['DAY', 'AGENT', 'FLOW'];

export interface ReportTimings {
  /** Median time of one report, ms, by grouping. */
  ms: Record<ReportGrouping, number>;
}

export interface ReportSeed {
  accountKey: string;
  scope: ReportScope;
  token: string;
}

const DURATION = 'count medianSeconds p90Seconds maxSeconds averageSeconds';
const FIGURES = `requested accepted missed abandoned dismissed waiting timeToAccept { ${DURATION} } firstResponse { ${DURATION} } chatDuration { ${DURATION} } messagesPerChat offlineMessages ratings ratingAverage`;
const DOCUMENTS: Record<ReportGrouping, string> = {
  DAY: `query($input: LiveChatReportInput!) { liveChatReport(input: $input) { totals { ${FIGURES} } timeToAcceptDistribution { fromSeconds toSeconds chats } rows { ... on LiveChatPeriodRow { start end label figures { ${FIGURES} } } } } }`,
  AGENT: `query($input: LiveChatReportInput!) { liveChatReport(input: $input) { rows { ... on LiveChatAgentRow { agent { id name } accepted missedWhileAccepting acceptingSeconds timeToAccept { ${DURATION} } firstResponse { ${DURATION} } chatDuration { ${DURATION} } ratings ratingAverage } } } }`,
  FLOW: `query($input: LiveChatReportInput!) { liveChatReport(input: $input) { rows { ... on LiveChatFlowRow { flow { id name } conversations offered offerAccepted detailsGiven requested accepted missed messagesLeft } } } }`,
};

/** The statements each grouping's document makes the API run. */
function statements(scope: ReportScope, grouping: ReportGrouping): ReportSql[] {
  // Totals and days come from one statement (the API runs it once for both fields).
  if (grouping === 'DAY') return [figuresSql(scope, 'DAY'), timeToAcceptDistributionSql(scope)];
  return [grouping === 'AGENT' ? agentsSql(scope) : flowsSql(scope)];
}

/** SQL for a UUIDv7-like ID: `at`'s milliseconds in the first 48 bits, version 7, then an MD5 of `salt`. */
function uuid7(at: string, salt: string): string {
  return `overlay(overlay(md5(${salt}) placing lpad(to_hex((extract(epoch from ${at}) * 1000)::bigint), 12, '0') from 1 for 12) placing '7' from 13 for 1)::uuid`;
}

/** Fills the account `key` (made by createAccount, with its agents) with a year of chats. */
export async function seedReportAccount(chatonce: ChatOnce, key: string, conversations = REPORT_CONVERSATIONS): Promise<ReportSeed> {
  const db = chatonce.db!;
  const accountId = chatonce.accountId(key);
  const agents = chatonce.agentIds(key);
  const [{ version }] = (await db.query(`select published_version_id as version from flows where id = $1`, [decodeGlobalId(chatonce.flowId(key))])).rows;
  const now = new Date();
  // Chat i entered the inbox i steps of (a year / n) ago; its outcome is i % 10 (0–6 accepted, 7–8 missed, 9 abandoned).
  const series = `select i, $2::timestamptz - (i * ${YEAR_SECONDS}.0 / ${conversations}) * interval '1 second' as requested from generate_series(1, ${conversations}) i`;
  // UUIDv7-like IDs, as the product's: the time in the first 48 bits (rows sort by creation), the rest a hash.
  const id = (kind: string, at = 's.requested') => uuid7(at, `'${kind}' || $1::text || i`);
  await db.query(`insert into contacts (id, account_id, fields, created_at, updated_at) select ${id('contact')}, $1::uuid, '{}', s.requested, s.requested from (${series}) s`, [accountId, now]);
  await db.query(
    `insert into conversations (id, account_id, flow_version_id, contact_id, status, assignee_id, waiting_since, accepted_at, ended_at, end_reason,
                                last_message_seq, rating_score, rated_at, created_at, updated_at)
     select ${id('conversation', "s.requested - interval '1 minute'")}, $1::uuid, $3, ${id('contact')},
            (case when i % 10 < 7 then 'ENDED' when i % 10 < 9 then 'TIMED_OUT' else 'ENDED' end)::conversation_status,
            case when i % 10 < 7 then ($4::uuid[])[1 + i % array_length($4::uuid[], 1)] end,
            s.requested,
            case when i % 10 < 7 then s.requested + (5 + (i * 7) % 120) * interval '1 second' end,
            s.requested + case when i % 10 < 7 then (5 + (i * 7) % 120 + 60 + (i * 13) % 900) when i % 10 < 9 then 120 else 30 end * interval '1 second',
            (case when i % 10 < 7 then 'AGENT_ENDED' when i % 10 < 9 then 'UNANSWERED' else 'VISITOR_LEFT' end)::end_reason,
            case when i % 10 < 7 then 9 else 2 end,
            case when i % 10 < 7 and i % 4 = 0 then 1 + i % 5 end,
            case when i % 10 < 7 and i % 4 = 0 then s.requested + interval '1 hour' end,
            s.requested - interval '1 minute', s.requested + interval '1 hour'
       from (${series}) s`,
    [accountId, now, version, agents],
  );
  // The offer and the visitor's answer; for accepted chats the join line and three exchanges.
  await db.query(
    `insert into messages (id, account_id, conversation_id, seq, author, body, options, sender_id, created_at)
     select ${uuid7('t.at', "'message' || c.id::text || m.seq")}, $1::uuid, c.id, m.seq, m.author::message_author, m.body, m.options,
            case when m.author in ('AGENT', 'SYSTEM') then c.assignee_id end, t.at
       from conversations c
      cross join lateral (values
        (1, 'BOT', 'Would you like to talk to someone?', '[{"key":"accept","label":"Yes"},{"key":"decline","label":"No"}]'::jsonb),
        (2, 'VISITOR', 'Yes', null), (3, 'SYSTEM', 'Agent joined the chat.', null),
        (4, 'AGENT', 'Hello!', null), (5, 'VISITOR', 'Hi, about pricing…', null), (6, 'AGENT', 'Sure.', null),
        (7, 'VISITOR', 'Thanks', null), (8, 'AGENT', 'Anything else?', null), (9, 'VISITOR', 'No, bye', null)) m(seq, author, body, options)
      cross join lateral (select case when m.seq <= 2 then c.created_at + m.seq * interval '10 seconds' else c.accepted_at + (m.seq - 3) * interval '20 seconds' end as at) t
      where c.account_id = $1::uuid and (m.seq <= 2 or c.accepted_at is not null)`,
    [accountId],
  );
  await db.query(
    `insert into activity_events (id, account_id, type, occurred_at, contact_id, conversation_id, actor_kind, actor_user_id, data, position)
     select ${uuid7('e.at', "'event' || c.id::text || e.kind")}, $1::uuid, e.type::activity_event_type, e.at, c.contact_id, c.id, e.actor::actor_kind,
            case when e.actor = 'USER' then c.assignee_id end, '{}',
            (select activity_position from accounts where id = $1::uuid) + row_number() over (order by c.waiting_since, c.id, e.kind)
       from conversations c
      cross join lateral (values
        (1, 'LIVE_CHAT_REQUESTED', c.waiting_since, 'VISITOR'),
        (2, case when c.accepted_at is not null then 'LIVE_CHAT_ACCEPTED' when c.status = 'TIMED_OUT' then 'LIVE_CHAT_TIMED_OUT' else 'LIVE_CHAT_ENDED' end, coalesce(c.accepted_at, c.ended_at),
            case when c.accepted_at is not null then 'USER' when c.status = 'TIMED_OUT' then 'SYSTEM' else 'VISITOR' end),
        (3, case when c.accepted_at is not null then 'LIVE_CHAT_ENDED' end, c.ended_at, 'USER')) e(kind, type, at, actor)
      where c.account_id = $1::uuid and e.type is not null`,
    [accountId],
  );
  await db.query(`update accounts set activity_position = (select max(position) from activity_events where account_id = $1::uuid) where id = $1::uuid`, [accountId]);
  // Each agent accepted chats from 08:00 to 16:00 UTC every day of the year (their real period, switched on by the suite, stays open).
  await db.query(
    `insert into accepting_periods (id, account_id, user_id, started_at, ended_at)
     select gen_random_uuid(), $1::uuid, a.id, d + interval '8 hours', d + interval '16 hours'
       from unnest($2::uuid[]) a(id)
      cross join generate_series(date_trunc('day', $3::timestamptz) - interval '366 days', date_trunc('day', $3::timestamptz) - interval '1 day', interval '1 day') d`,
    [accountId, agents, now],
  );
  for (const table of ['contacts', 'conversations', 'messages', 'activity_events', 'accepting_periods']) await db.query(`vacuum analyze ${table}`);
  const scope = { accountId, from: new Date(now.getTime() - YEAR_SECONDS * 1000), to: now, timeZone: 'Europe/Berlin' };
  return { accountKey: key, scope, token: chatonce.agentTokens(key, 1)[0] };
}

/** `repeat` reports of each grouping through the API, one after another; the median of each. */
export async function measureReportApi(chatonce: ChatOnce, seed: ReportSeed, repeat: number): Promise<ReportTimings> {
  const ms = {} as Record<ReportGrouping, number>;
  const input = (groupBy: ReportGrouping) => ({ input: { from: seed.scope.from.toISOString(), to: seed.scope.to.toISOString(), timeZone: seed.scope.timeZone, groupBy } });
  for (const grouping of REPORT_GROUPINGS) {
    const times: number[] = [];
    for (let run = 0; run < repeat; run++) {
      const result = await chatonce.gql.request<{ liveChatReport: unknown }>(chatonce.ports[0], DOCUMENTS[grouping], input(grouping), seed.token);
      times.push(result.ms);
    }
    ms[grouping] = median(times);
  }
  return { ms };
}

/** The same statements straight to PostgreSQL (`pg`, a pool of 4), a grouping's statements in parallel. */
export async function measureReportSql(databaseUrl: string, seed: ReportSeed, repeat: number): Promise<ReportTimings> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const ms = {} as Record<ReportGrouping, number>;
    for (const grouping of REPORT_GROUPINGS) {
      const times: number[] = [];
      for (let round = 0; round < repeat; round++) {
        const started = performance.now();
        await Promise.all(statements(seed.scope, grouping).map((statement) => runStatement(pool, statement)));
        times.push(performance.now() - started);
      }
      ms[grouping] = median(times);
    }
    return { ms };
  } finally {
    await pool.end();
  }
}

/** One statement as the API runs it: in a read-only transaction with the report's settings. */
async function runStatement(pool: Pool, statement: ReportSql): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`begin read only; ${REPORT_SETTINGS}`);
    await client.query(statement.text, statement.values);
    await client.query('commit');
  } finally {
    client.release();
  }
}

/** Checks the seeded year reads as seeded (a wrong seed would time the wrong thing). */
export async function checkReportSeed(chatonce: ChatOnce, seed: ReportSeed): Promise<string | null> {
  const result = await chatonce.gql.request<{ liveChatReport: { totals: { requested: number; accepted: number; missed: number; abandoned: number } } }>(
    chatonce.ports[0],
    `query($input: LiveChatReportInput!) { liveChatReport(input: $input) { totals { requested accepted missed abandoned } } }`,
    { input: { from: new Date(seed.scope.from.getTime() - 86_400_000).toISOString(), to: new Date(seed.scope.to.getTime() + 1000).toISOString(), timeZone: 'UTC', groupBy: 'DAY' } },
    seed.token,
  );
  const totals = result.data.liveChatReport.totals;
  const expected = { requested: REPORT_CONVERSATIONS, accepted: REPORT_CONVERSATIONS * 0.7, missed: REPORT_CONVERSATIONS * 0.2, abandoned: REPORT_CONVERSATIONS * 0.1 };
  return JSON.stringify(totals) === JSON.stringify(expected) ? null : `report seed reads ${JSON.stringify(totals)}, not ${JSON.stringify(expected)}`;
}
