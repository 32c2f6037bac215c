import type { ReportScope } from './live-chat-report.types';

/**
 * The report's SQL, one statement per part, written with `$1` `$2`… placeholders: $1 the
 * account, $2 `from`, $3 `to` (timestamptz), $4 the time zone. Everything is aggregated by
 * PostgreSQL; the process receives one row per bucket, agent or flow. The bench runs these
 * same statements directly through `pg` as its baseline.
 *
 * A live chat is a conversation with `waiting_since` (it entered the inbox, LIVE_CHAT_REQUESTED)
 * and belongs to the bucket of that moment. Its figures come from its own columns
 * (`accepted_at`, `status`, `end_reason`, `rating_score`: `conversations_live_chats_index`), the
 * end of its live part and who accepted it (LIVE_CHAT_ENDED, LIVE_CHAT_ACCEPTED:
 * `activity_events_live_chat_index`), its visitor and agent messages (`messages_live_index`)
 * and the accepting periods. A conversation has at most one live chat: once one was accepted,
 * the bot passes over further offers (`liveChatHeld`), also after the chat (`afterChatNext`).
 */
export interface ReportSql {
  text: string;
  values: unknown[];
}

export type PeriodBucket = 'DAY' | 'HOUR';

/**
 * Each report statement runs in a read-only transaction with these: at most 20 s (a runaway
 * aggregate must not hold a connection); no JIT, whose compiling costs these plans more than it
 * saves (seconds, for a year of chats); room to sort a year of durations in memory.
 */
export const REPORT_SETTINGS = `set local statement_timeout = 20000; set local jit = off; set local work_mem = '32MB'`;

/** Upper bounds (seconds) of the time-to-accept distribution's buckets; the last one is open. */
export const TIME_TO_ACCEPT_BUCKETS = [10, 30, 60, 120, 300, 600] as const;

const OFFER_OPTIONS = `'[{"key":"accept"},{"key":"decline"}]'::jsonb`;

/** The statement with the values its placeholders use ($1 to the highest one in the text). */
function statement(text: string, scope: ReportScope): ReportSql {
  const used = Math.max(...[...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
  return { text, values: [scope.accountId, scope.from.toISOString(), scope.to.toISOString(), scope.timeZone].slice(0, used) };
}

/** The bucket a moment falls in: a local midnight (DAY), a whole hour counted from `from`'s local hour (HOUR). */
function bucketOf(column: string, bucket: PeriodBucket | null): string {
  if (bucket === 'DAY') return `date_trunc('day', ${column}, $4)`;
  if (bucket === 'HOUR') return `(date_trunc('hour', $2::timestamptz, $4) + floor(extract(epoch from ${column} - date_trunc('hour', $2::timestamptz, $4)) / 3600) * interval '1 hour')`;
  return '0';
}

/** Every bucket of the range, empty ones too, with its local label and UTC offset. */
function bucketsOf(bucket: PeriodBucket): string {
  if (bucket === 'DAY') {
    // Local dates in the zone, each from its midnight to the next: 23 or 25 hours across a DST change.
    return `select d at time zone $4 as bucket, (d + interval '1 day') at time zone $4 as bucket_end,
                   to_char(d, 'YYYY-MM-DD') as label, 0 as utc_offset
              from generate_series(date_trunc('day', $2::timestamptz, $4) at time zone $4,
                                   ($3::timestamptz - interval '1 microsecond') at time zone $4, interval '1 day') d`;
  }
  // Real hours (an interval of hours is exact), so a repeated local hour is two rows.
  return `select h as bucket, h + interval '1 hour' as bucket_end,
                 to_char(h at time zone $4, 'YYYY-MM-DD"T"HH24:MI') as label,
                 extract(epoch from (h at time zone $4) - (h at time zone 'UTC'))::int as utc_offset
            from generate_series(date_trunc('hour', $2::timestamptz, $4), $3::timestamptz - interval '1 microsecond', interval '1 hour') h`;
}

/** count, [median, p90] (one sort), max and mean of a column of seconds (nulls are left out by every one). */
function durationAggregates(column: string): string {
  return `count(${column})::int as ${column}_count,
          percentile_cont(array[0.5, 0.9]) within group (order by ${column}) as ${column}_percentiles,
          max(${column}) as ${column}_max,
          avg(${column}) as ${column}_average`;
}

/** Whether the chat was accepted (a conversation has one live chat: after it, the bot passes over any further offer). */
const ACCEPTED = `c.accepted_at is not null`;

/**
 * When an accepted chat's live part ended: its LIVE_CHAT_ENDED (`activity_events_live_chat_index`).
 * The conversation's own `ended_at` comes later when the bot carried on after the chat.
 */
const LIVE_END = `left join lateral (
          select min(e.occurred_at) as at from activity_events e
           where ${ACCEPTED} and e.conversation_id = c.id and e.type = 'LIVE_CHAT_ENDED' and e.occurred_at >= c.accepted_at
        ) live_end on true`;
const LIVE_ENDED_AT = `coalesce(live_end.at, c.ended_at)`;

/**
 * An accepted chat's live messages, in one index range (`messages_live_index`): when a user
 * first wrote in it, and how many messages the visitor and users wrote from the acceptance to
 * the end of the live part. Lateral joins run once per chat (a scalar subquery would run once
 * per reference), and only for accepted chats (a one-time filter on the outer row).
 */
const LIVE_MESSAGES = `left join lateral (
          select min(m.created_at) filter (where m.author = 'AGENT') as first_reply_at, count(*) as messages
            from messages m
           where ${ACCEPTED} and m.conversation_id = c.id and m.author in ('VISITOR', 'AGENT')
             and m.created_at >= c.accepted_at and m.created_at <= coalesce(live_end.at, 'infinity')
        ) live on true`;
const FIRST_RESPONSE = `extract(epoch from live.first_reply_at - c.accepted_at)::float8`;
const DURATION = `extract(epoch from ${LIVE_ENDED_AT} - c.accepted_at)::float8`;

/**
 * The live-chat figures of the whole range (the row with `total`), and with a `bucket` of each
 * day or hour too (in order, every one of the range), from one pass over the chats (grouping sets).
 */
export function figuresSql(scope: ReportScope, bucket: PeriodBucket | null): ReportSql {
  const grouping = bucket ? 'grouping sets ((bucket), ())' : '()';
  const total = bucket ? 'grouping(bucket) = 1' : 'true';
  const grouped = bucket ? 'bucket' : 'null as bucket';
  const text = `
    with chats as (
      select ${bucketOf('c.waiting_since', bucket)} as bucket,
             c.status, c.end_reason, ${ACCEPTED} as accepted, c.rating_score,
             case when ${ACCEPTED} then extract(epoch from c.accepted_at - c.waiting_since)::float8 end as wait,
             ${FIRST_RESPONSE} as first_response,
             case when ${ACCEPTED} then ${DURATION} end as duration,
             case when ${ACCEPTED} then live.messages end as live_messages
        from conversations c
        ${LIVE_END}
        ${LIVE_MESSAGES}
       where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz
    ),
    chat_figures as (
      select ${total} as total, ${grouped},
             count(*)::int as requested,
             count(*) filter (where accepted)::int as accepted,
             count(*) filter (where status = 'TIMED_OUT')::int as missed,
             count(*) filter (where not accepted and status = 'ENDED' and end_reason = 'VISITOR_LEFT')::int as abandoned,
             count(*) filter (where not accepted and status = 'ENDED' and end_reason is distinct from 'VISITOR_LEFT')::int as dismissed,
             count(*) filter (where status = 'WAITING')::int as waiting,
             ${durationAggregates('wait')},
             ${durationAggregates('first_response')},
             ${durationAggregates('duration')},
             avg(live_messages)::float8 as messages_per_chat,
             count(rating_score)::int as ratings,
             avg(rating_score)::float8 as rating_average
        from chats
       group by ${grouping}
    ),
    offline as (
      select ${total} as total, ${grouped}, count(*)::int as offline_messages
        from (select ${bucketOf('c.offline_message_at', bucket)} as bucket from conversations c
               where c.account_id = $1 and c.offline_message_at is not null
                 and c.offline_message_at >= $2::timestamptz and c.offline_message_at < $3::timestamptz) left_messages
       group by ${grouping}
    )
    select true as is_total, null::timestamptz as start, null::timestamptz as "end", '' as label, 0 as utc_offset,
           f.*, coalesce(o.offline_messages, 0) as offline_messages
      from (select 1) one
      left join chat_figures f on f.total
      left join offline o on o.total
    ${
      bucket
        ? `union all
    select false, greatest(b.bucket, $2::timestamptz), least(b.bucket_end, $3::timestamptz), b.label, b.utc_offset,
           f.*, coalesce(o.offline_messages, 0)
      from (${bucketsOf(bucket)}) b
      left join chat_figures f on not f.total and f.bucket = b.bucket
      left join offline o on not o.total and o.bucket = b.bucket`
        : ''
    }
     order by is_total desc, start`;
  return statement(text, scope);
}

/** How many accepted chats waited how long, by TIME_TO_ACCEPT_BUCKETS (bucket 0: under the first bound). */
export function timeToAcceptDistributionSql(scope: ReportScope): ReportSql {
  const text = `
    select width_bucket(extract(epoch from c.accepted_at - c.waiting_since)::float8, array[${TIME_TO_ACCEPT_BUCKETS.join(', ')}]::float8[]) as bucket,
           count(*)::int as chats
      from conversations c
     where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz and c.accepted_at is not null
     group by 1`;
  return statement(text, scope);
}

/** One row per user of the account: the chats they accepted, their missed-while-accepting and active time. */
export function agentsSql(scope: ReportScope): ReportSql {
  const text = `
    with accepted as (
      select coalesce(e.actor_user_id, c.assignee_id) as user_id, c.rating_score,
             extract(epoch from c.accepted_at - c.waiting_since)::float8 as wait,
             ${FIRST_RESPONSE} as first_response,
             ${DURATION} as duration
        from conversations c
        ${LIVE_END}
        ${LIVE_MESSAGES}
        -- Who accepted: the event's actor (the assignee may have changed by a transfer since).
        left join lateral (select e.actor_user_id from activity_events e
                            where e.conversation_id = c.id and e.type = 'LIVE_CHAT_ACCEPTED' order by e.occurred_at, e.id limit 1) e on true
       where c.account_id = $1 and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz and c.accepted_at is not null
    ),
    by_agent as (
      select user_id, count(*)::int as accepted,
             ${durationAggregates('wait')},
             ${durationAggregates('first_response')},
             ${durationAggregates('duration')},
             count(rating_score)::int as ratings, avg(rating_score)::float8 as rating_average
        from accepted
       group by user_id
    ),
    last_timeout as (
      select max(c.ended_at) as at from conversations c
       where c.account_id = $1 and c.status = 'TIMED_OUT' and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz
    ),
    -- For each accepting period that can hold one, the period's chats' timeouts (an index range each).
    missed as (
      select p.user_id, count(distinct t.id)::int as missed
        from accepting_periods p
       cross join last_timeout
       cross join lateral (
         select c.id from conversations c
          where c.account_id = $1 and c.status = 'TIMED_OUT'
            and c.ended_at >= p.started_at and c.ended_at < coalesce(p.ended_at, 'infinity')
            and c.waiting_since >= $2::timestamptz and c.waiting_since < $3::timestamptz) t
       where p.account_id = $1 and (p.ended_at is null or p.ended_at > $2::timestamptz) and p.started_at <= last_timeout.at
       group by p.user_id
    ),
    active as (
      select p.user_id,
             sum(greatest(0, extract(epoch from least(coalesce(p.ended_at, now()), $3::timestamptz) - greatest(p.started_at, $2::timestamptz))))::float8 as seconds
        from accepting_periods p
       where p.account_id = $1 and p.started_at < $3::timestamptz and (p.ended_at is null or p.ended_at > $2::timestamptz)
       group by p.user_id
    )
    select a.*, u.id as user_id, coalesce(a.accepted, 0) as accepted, coalesce(m.missed, 0) as missed, coalesce(t.seconds, 0) as accepting_seconds
      from users u
      left join by_agent a on a.user_id = u.id
      left join missed m on m.user_id = u.id
      left join active t on t.user_id = u.id
     where u.account_id = $1
     order by coalesce(a.accepted, 0) desc, u.name, u.id`;
  return statement(text, scope);
}

/** One row per flow of the account: its funnel over the conversations started in the range. */
export function flowsSql(scope: ReportScope): ReportSql {
  const text = `
    with started as (
      select fv.flow_id,
             c.waiting_since is not null as requested, ${ACCEPTED} as accepted,
             c.status = 'TIMED_OUT' as missed, c.offline_message_at is not null as message_left,
             -- A chat enters the inbox only once its visitor accepted an offer: the messages are read for the others alone.
             c.waiting_since is not null or coalesce(offer.offered, false) as offered,
             c.waiting_since is not null or coalesce(offer.accepted, false) as offer_accepted
        from conversations c
        join flow_versions fv on fv.id = c.flow_version_id
        -- The live-chat offers the bot made, and whether the visitor's next message picked accept.
        left join lateral (
          select count(*) > 0 as offered, coalesce(bool_or(reply.body = label.accept), false) as accepted
            from messages o
           cross join lateral (select opt->>'label' as accept from jsonb_array_elements(o.options) opt where opt->>'key' = 'accept' limit 1) label
            left join lateral (select v.body from messages v
                                where v.conversation_id = o.conversation_id and v.seq > o.seq and v.author = 'VISITOR'
                                order by v.seq limit 1) reply on true
           where c.waiting_since is null and o.conversation_id = c.id and o.author = 'BOT' and o.options is not null
             and o.options @> ${OFFER_OPTIONS} and jsonb_array_length(o.options) = 2
        ) offer on true
       where c.account_id = $1 and c.created_at >= $2::timestamptz and c.created_at < $3::timestamptz
    ),
    by_flow as (
      select flow_id,
             count(*)::int as conversations,
             count(*) filter (where offered)::int as offered,
             count(*) filter (where offer_accepted)::int as offer_accepted,
             count(*) filter (where offer_accepted and (requested or message_left))::int as details_given,
             count(*) filter (where requested)::int as requested,
             count(*) filter (where accepted)::int as accepted,
             count(*) filter (where missed)::int as missed,
             count(*) filter (where message_left)::int as messages_left
        from started
       group by flow_id
    )
    select b.*, f.id as flow_id
      from flows f
      left join by_flow b on b.flow_id = f.id
     where f.account_id = $1
     order by coalesce(b.conversations, 0) desc, f.name, f.id`;
  return statement(text, scope);
}

/** The statement with `?` placeholders (knex), its values repeated in order. */
export function positional(sql: ReportSql): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  const text = sql.text.replace(/\$(\d+)/g, (_, index: string) => {
    bindings.push(sql.values[Number(index) - 1]);
    return '?';
  });
  return { sql: text, bindings };
}
